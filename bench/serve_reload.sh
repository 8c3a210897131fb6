#!/usr/bin/env bash
# Predictions while the models reload (issue 14): wrk posts distinct video bodies to
# POST /v1/predict/viral (bench/wrk/post_video_vary.lua, -t2 -c32) for 10 s while a loop moves
# all six champion aliases between two versions and calls POST /v1/admin/reload, which loads the
# six models (~1 s). Prints wrk's latency lines and the reloads' own times.
#
#   bench/serve_reload.sh --vv BIN --registry DIR --db URL --versions v1,v2 [-- vv serve flags]
#
# The registry needs both versions of every model (run `vv train` twice); its champions end at
# the first version.
set -euo pipefail
cd "$(dirname "$0")/.."
VV=build/bin/vv REGISTRY=models DB=sqlite:var/vv.db VERSIONS=v1,v2 PORT=${VV_PORT:-18092}
while [[ $# -gt 0 ]]; do
  case $1 in
    --vv) VV=$2; shift 2 ;;
    --registry) REGISTRY=$2; shift 2 ;;
    --db) DB=$2; shift 2 ;;
    --versions) VERSIONS=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
IFS=, read -r A B <<<"$VERSIONS"
TMP=$(mktemp -d)
VV_ADMIN_TOKEN=bench "$VV" serve --port "$PORT" --threads 2 --registry "$REGISTRY" --db "$DB" \
  --no-access-log --reload-interval-ms 0 "$@" 2>/dev/null &
PID=$!
trap 'kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.1; done
promote_all() {
  for m in velocity viral clickbait genre tags anomaly; do
    "$VV" models promote "$m" "$1" --registry "$REGISTRY" >/dev/null
  done
}
(
  end=$((SECONDS + 10)) v=$B
  while ((SECONDS < end)); do
    promote_all "$v"
    start=$(date +%s%N)
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Authorization: Bearer bench' \
      "http://127.0.0.1:$PORT/v1/admin/reload")
    echo "$code $((($(date +%s%N) - start) / 1000000))"
    [[ $v == "$A" ]] && v=$B || v=$A
    sleep 0.3
  done
  promote_all "$A"
) >"$TMP/reloads" &
RELOADS=$!
wrk -t2 -c32 -d10s --latency --timeout 30s -s bench/wrk/post_video_vary.lua \
  "http://127.0.0.1:$PORT/v1/predict/viral" | grep -E "Latency |50%|99%|Requests/sec|Non-2xx"
wait "$RELOADS"
awk '{n++; s += $2; if ($2 > m) m = $2; if ($1 != 200) bad++}
     END {printf "reloads: %d (non-200: %d), mean %.0f ms, slowest %d ms\n", n, bad, s / n, m}' \
  "$TMP/reloads"
