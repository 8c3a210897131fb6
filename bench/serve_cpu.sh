#!/usr/bin/env bash
# What vv serve spends per request, in numbers that barely move with the load other jobs put
# on the machine (unlike requests/s): by default the CPU time (utime + stime from /proc over one
# wrk -t2 -c32 run, divided by the requests served); with --instructions, the user-space
# instructions counted by valgrind's callgrind (zeroed after a warm-up, dumped after a 5 s
# wrk -t1 -c4 run; the server runs ~50x slower under it). One line per run.
#
#   bench/serve_cpu.sh [--instructions] --vv BIN --registry DIR --db URL LABEL PATH [WRK_SCRIPT]
#                      [-- vv serve flags]
#   e.g. bench/serve_cpu.sh --vv build/bin/vv --registry models --db sqlite:var/vv.db \
#          "viral, cache off" /v1/predict/viral bench/wrk/post_video.lua -- --cache-entries 0
set -euo pipefail
cd "$(dirname "$0")/.."
VV=build/bin/vv REGISTRY=models DB=sqlite:var/vv.db DURATION=${DURATION:-3s}
PORT=${VV_PORT:-18090}
INSTRUCTIONS=0
while [[ $# -gt 0 && $1 == --* ]]; do
  case $1 in
    --instructions) INSTRUCTIONS=1; shift ;;
    --vv) VV=$2; shift 2 ;;
    --registry) REGISTRY=$2; shift 2 ;;
    --db) DB=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
LABEL=$1 URL_PATH=$2 SCRIPT=${3:-}
shift $(($# < 3 ? $# : 3))
[[ ${1:-} == -- ]] && shift
TMP=$(mktemp -d)
PREFIX=()
((INSTRUCTIONS)) && PREFIX=(valgrind -q --tool=callgrind "--callgrind-out-file=$TMP/cg.%p")
"${PREFIX[@]}" "$VV" serve --port "$PORT" --threads 2 --registry "$REGISTRY" --db "$DB" \
  --no-access-log --reload-interval-ms 0 "$@" 2>/dev/null &
PID=$!
trap 'kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 300); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.2; done
URL="http://127.0.0.1:$PORT$URL_PATH"
ARGS=()
[[ -n $SCRIPT ]] && ARGS+=(-s "$SCRIPT")
if ((INSTRUCTIONS)); then
  wrk -t1 -c4 -d2s "${ARGS[@]}" "$URL" >/dev/null  # warm up
  callgrind_control -z "$PID" >/dev/null 2>&1
  N=$(wrk -t1 -c4 -d5s "${ARGS[@]}" "$URL" | awk '/requests in/ {print $1}')
  callgrind_control -d "$PID" >/dev/null 2>&1
  COUNT=$(cat "$TMP"/cg."$PID".* | awk '/^summary:/ {s += $2} END {print s}')
  UNIT="instructions"
else
  ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
  wrk -t2 -c32 -d1s "${ARGS[@]}" "$URL" >/dev/null  # warm up
  T0=$(ticks)
  N=$(wrk -t2 -c32 -d"$DURATION" "${ARGS[@]}" "$URL" | awk '/requests in/ {print $1}')
  COUNT=$(awk -v t=$(($(ticks) - T0)) -v hz="$(getconf CLK_TCK)" 'BEGIN {print t / hz * 1e6}')
  UNIT="us CPU"
fi
awk -v l="$LABEL" -v c="$COUNT" -v n="$N" -v u="$UNIT" \
  'BEGIN { printf "%s: %.1f %s per request (%d requests)\n", l, c / n, u, n }'
