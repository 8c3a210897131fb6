#!/usr/bin/env bash
# Installs every Debian package ViralVelocity needs. Idempotent: only missing packages are
# fetched. Works as root on a fresh Debian 12 machine (uses sudo otherwise).
set -euo pipefail

# What `make demo` needs: the compilers and libraries of the vv target, and node for the web app.
PACKAGES=(
  build-essential cmake pkg-config git ca-certificates
  libxgboost-dev libfasttext-dev
  libboost-dev libboost-system-dev libcurl4-openssl-dev libssl-dev
  nlohmann-json3-dev libsimdjson-dev libsqlite3-dev sqlite3 libpqxx-dev
  libcsv-dev libhowardhinnant-date-dev libutfcpp-dev
  libyaml-cpp-dev libcli11-dev libspdlog-dev libfmt-dev
  libicu-dev
  libgtest-dev libgmock-dev libbenchmark-dev  # small; CMake configures the test targets
  curl python3  # scripts/data_quantiles.py, tests/cli/*.sh
  nodejs  # the web app's build (npm ci, vite)
)
# NodeSource's nodejs bundles npm and conflicts with Debian's npm package: add it only if absent.
command -v npm >/dev/null || PACKAGES+=(npm)
# What `make test` adds: a real PostgreSQL server, clang for the fuzz targets (libFuzzer, ASan,
# UBSan), wrk, and Chromium for the web app's browser tests. The demo waits for none of them.
# (VV_WITH_BROWSER=1 is the older name of VV_WITH_TESTS=1.)
if [[ "${VV_WITH_TESTS:-${VV_WITH_BROWSER:-0}}" == 1 ]]; then
  PACKAGES+=(postgresql postgresql-client clang libclang-rt-14-dev wrk procps util-linux
             chromium chromium-driver)
fi
# bench/serve_compare.sh: the peer (the seed's FastAPI + scikit-learn/XGBoost design) and nginx.
if [[ "${VV_WITH_BENCH:-0}" == 1 ]]; then
  PACKAGES+=(python3-fastapi python3-uvicorn python3-uvloop python3-httptools python3-pydantic
             python3-sklearn python3-xgboost python3-joblib python3-numpy nginx wrk)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# The workflow validator of tests/cli/workflows.sh (npm, pinned by tests/ci/package-lock.json).
install_test_tools() {
  if [[ "${VV_WITH_TESTS:-${VV_WITH_BROWSER:-0}}" == 1 && ! -x tests/ci/node_modules/.bin/action-validator ]]; then
    (cd "$(dirname "$0")/../tests/ci" && npm ci --no-audit --no-fund --loglevel=error) \
      && echo "install-deps: tests/ci tools installed"
  fi
}
if (( ${#missing[@]} == 0 )); then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  install_test_tools
  exit 0
fi
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
install_test_tools
