#!/usr/bin/env bash
# Builds the request parser fuzz target with clang (libFuzzer + ASan + UBSan) in build/fuzz/ and
# runs it. Short run (the test suite's): run_request_fuzz.sh 10. Long run, documented in
# docs/API.md: run_request_fuzz.sh 3600 (and keep the grown corpus). --build-only: build, no run.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_TO_RUN=${1:-10}
if ! command -v clang++ >/dev/null; then echo "fuzz: clang++ not installed, skipping"; exit 0; fi
CC=clang CXX=clang++ cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DVV_BUILD_FUZZ=ON -DVV_BUILD_TESTS=OFF -DVV_BUILD_BENCH=OFF >/dev/null
cmake --build build/fuzz -j2 --target request_fuzz >/dev/null
if [[ "$SECONDS_TO_RUN" == --build-only ]]; then echo "fuzz: build/fuzz/request_fuzz built"; exit 0; fi
CORPUS=$(mktemp -d)
trap 'rm -rf "$CORPUS"' EXIT
cp tests/fuzz/request_corpus/* "$CORPUS"/
build/fuzz/request_fuzz "$CORPUS" -max_total_time="$SECONDS_TO_RUN" -max_len=65536 \
  -timeout=5 -rss_limit_mb=1024 -print_final_stats=1
