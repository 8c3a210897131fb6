#!/usr/bin/env bash
# Configures and builds into build/ (Release). Usage: scripts/build.sh [extra cmake args]
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${VV_JOBS:-$(nproc)}
cmake -S . -B build -DCMAKE_BUILD_TYPE=${VV_BUILD_TYPE:-Release} "$@" >/dev/null
cmake --build build -j "$JOBS"
./scripts/build-web.sh
