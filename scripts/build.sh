#!/usr/bin/env bash
# Configures and builds into build/ (Release). Usage: scripts/build.sh [extra cmake args]
# VV_BUILD_TARGETS: the CMake targets to build (default: all; the demo builds only vv).
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${VV_JOBS:-$(nproc)}
cmake -S . -B build -DCMAKE_BUILD_TYPE=${VV_BUILD_TYPE:-Release} "$@" >/dev/null
# shellcheck disable=SC2086  # a space-separated list of targets
cmake --build build -j "$JOBS" --target ${VV_BUILD_TARGETS:-all}
./scripts/build-web.sh
