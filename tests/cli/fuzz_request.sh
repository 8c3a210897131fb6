#!/usr/bin/env bash
# A short libFuzzer run (10 s) of the HTTP request parser and validator, built with clang, ASan
# and UBSan in build/fuzz. Long runs: tests/fuzz/run_request_fuzz.sh 3600 (docs/API.md).
set -euo pipefail
ROOT=${VV_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
source "$ROOT/tests/fuzz/require_clang.sh"
out=$("$ROOT/tests/fuzz/run_request_fuzz.sh" 10 2>&1) || { echo "$out" | tail -40; exit 1; }
grep -E "stat::number_of_executed_units|Done [0-9]+ runs" <<<"$out"
# libFuzzer exits non-zero on a crash, leak or timeout; also insist that it really ran.
# (A here-string, not `echo | grep -q`: grep -q exits at the first match, echo then dies of
# SIGPIPE and pipefail turns a passing run into a failure.)
grep -qE "stat::number_of_executed_units: *[1-9]" <<<"$out"
