#!/usr/bin/env bash
# Runs every test: installs what is missing, builds, starts a real PostgreSQL server in a
# temporary directory, runs ctest (unit, integration, CLI, browser), stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
VV_WITH_TESTS=1 ./scripts/install-deps.sh
./scripts/build.sh

read -r PG_URL PG_DIR < <(./scripts/pg-test-server.sh start)
trap "$PWD/scripts/pg-test-server.sh stop \"\$PG_DIR\"" EXIT
export VV_TEST_PG_URL="$PG_URL"
export VV_REQUIRE_PG=1
export VV_REQUIRE_BROWSER=1
export VV_REQUIRE_FUZZ=1
echo "test: PostgreSQL at $PG_URL"

# The fuzz targets compile with clang (tests/fuzz/run_*_fuzz.sh): build them now, so that
# ctest's short fuzz runs do not compile on both cores beside the timing-sensitive tests.
if command -v clang++ >/dev/null; then
  ./tests/fuzz/run_request_fuzz.sh --build-only
  ./tests/fuzz/run_artifact_fuzz.sh --build-only
fi

cd build
ctest --output-on-failure -j "${VV_TEST_JOBS:-2}" --timeout 600 "$@"
