#!/usr/bin/env bash
# Builds the model artifact fuzz targets (fastText .bin, XGBoost JSON, manifest.json, aliases
# file) with clang, libFuzzer, ASan and UBSan in build/fuzz, writes a small valid seed corpus for
# each (tests/fuzz/artifact_fuzz_seeds.cc, made here, nothing from /work/shared) and runs each
# target for the given seconds. Short run (the test suite's): run_artifact_fuzz.sh 10. Long run,
# documented in docs/API.md: run_artifact_fuzz.sh 600 [target...]. --build-only: build, no run.
# Crash inputs land in build/fuzz/crashes/.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH=${1:-10}
[[ $# -gt 0 ]] && shift
TARGETS=("$@")
[[ ${#TARGETS[@]} -gt 0 ]] || TARGETS=(fasttext_fuzz xgboost_fuzz manifest_fuzz aliases_fuzz)
if ! command -v clang++ >/dev/null; then echo "fuzz: clang++ not installed, skipping"; exit 0; fi
CC=clang CXX=clang++ cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DVV_BUILD_FUZZ=ON -DVV_BUILD_TESTS=OFF -DVV_BUILD_BENCH=OFF >/dev/null
cmake --build build/fuzz -j2 --target artifact_fuzz_seeds "${TARGETS[@]}" >/dev/null
if [[ "$SECONDS_EACH" == --build-only ]]; then echo "fuzz: artifact targets built in build/fuzz"; exit 0; fi
CORPUS=$(mktemp -d)
trap 'rm -rf "$CORPUS"' EXIT
# Training the seeds goes through libfasttext and XGBoost, whose allocations outlive main.
ASAN_OPTIONS=detect_leaks=0 build/fuzz/artifact_fuzz_seeds "$CORPUS"
mkdir -p build/fuzz/crashes
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
for target in "${TARGETS[@]}"; do
  case $target in
    fasttext_fuzz) max_len=16384 ;;
    xgboost_fuzz) max_len=32768 ;;
    *) max_len=4096 ;;
  esac
  echo "fuzz: $target for ${SECONDS_EACH}s"
  "build/fuzz/$target" "$CORPUS/$target" -max_total_time="$SECONDS_EACH" -max_len="$max_len" \
    -len_control=0 -timeout=10 -rss_limit_mb=2048 -artifact_prefix=build/fuzz/crashes/"$target"- \
    -print_final_stats=1
done
