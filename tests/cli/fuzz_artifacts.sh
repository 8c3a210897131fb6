#!/usr/bin/env bash
# A short libFuzzer run (10 s per target) of the model artifact loaders: fastText .bin, XGBoost
# JSON, manifest.json and aliases file (tests/fuzz/run_artifact_fuzz.sh). Long runs:
# tests/fuzz/run_artifact_fuzz.sh 600 (docs/API.md).
set -euo pipefail
ROOT=${VV_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
source "$ROOT/tests/fuzz/require_clang.sh"
out=$("$ROOT/tests/fuzz/run_artifact_fuzz.sh" 10 2>&1) || { echo "$out" | tail -60; exit 1; }
grep -E "^fuzz:|stat::number_of_executed_units" <<<"$out"
# libFuzzer exits non-zero on a crash, leak or timeout; also insist that all four really ran.
ran=$(grep -cE "stat::number_of_executed_units: *[1-9]" <<<"$out" || true)
[[ "$ran" == 4 ]] || { echo "FAILED: $ran of 4 fuzz targets ran"; echo "$out" | tail -40; exit 1; }
