#!/usr/bin/env bash
# vv serve under wrk -t2 -c32 -d10s on loopback, next to nginx returning a fixed JSON body (the
# HTTP ceiling of this machine). Prints one Markdown table row per run for bench/RESULTS.md.
# The last row is GET /healthz on one connection while four others loop 1,000-video batch
# predictions (bench/wrk/post_batch.lua): how long the cheap routes wait behind model work.
#
#   bench/serve_bench.sh [--vv build/bin/vv] [--registry models] [--db sqlite:var/vv.db]
#                        [-- extra vv serve flags, e.g. --workers 0]
#
# Needs trained champions in the registry (make demo / vv train). wrk and vv share the 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
VV=build/bin/vv REGISTRY=models DB=sqlite:var/vv.db DURATION=${DURATION:-10s}
VV_FLAGS=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --vv) VV=$2; shift 2 ;;
    --registry) REGISTRY=$2; shift 2 ;;
    --db) DB=$2; shift 2 ;;
    --) shift; VV_FLAGS=("$@"); break ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
VV_PORT=${VV_PORT:-18080} NGINX_PORT=${NGINX_PORT:-18081}
WORK=$(mktemp -d)
PIDS=()
RUN=0
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

wait_http() { for _ in $(seq 100); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done; return 1; }

# wrk output -> "| name | req/s | p50 | p99 | non-2xx |"; run_wrk NAME URL [SCRIPT] [wrk flags]
run_wrk() {
  local name=$1 url=$2 script=${3:-}
  local out args=(-t2 -c32 "${@:4}")
  [[ -n $script ]] && args+=(-s "$script")
  out=$(wrk "${args[@]}" -d"$DURATION" --latency "$url")
  echo "$out" > "$WORK/run-$((++RUN)).txt"
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  printf '| %s | %s | %s | %s | %s |\n' "$name" "$rps" "$p50" "$p99" "${errors:-0}"
}

start_nginx() {
  mkdir -p "$WORK/nginx"
  cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes 2;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx;
  proxy_temp_path $WORK/nginx; fastcgi_temp_path $WORK/nginx;
  uwsgi_temp_path $WORK/nginx; scgi_temp_path $WORK/nginx;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      default_type application/json;
      return 200 '{"model":"viral","version":"v1","prediction":{"probability":0.42}}';
    }
  }
}
CONF
  nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
  PIDS+=($!)
  wait_http "http://127.0.0.1:$NGINX_PORT/"
}

start_vv() {  # extra flags for vv serve
  "$VV" serve --port "$VV_PORT" --threads 2 --registry "$REGISTRY" --db "$DB" --no-access-log \
    --reload-interval-ms 0 "${VV_FLAGS[@]}" "$@" 2>"$WORK/vv.log" &
  VV_PID=$!
  PIDS+=($VV_PID)
  wait_http "http://127.0.0.1:$VV_PORT/healthz"
  curl -s "http://127.0.0.1:$VV_PORT/readyz"; echo
}

stop_vv() { kill -TERM "$VV_PID"; wait "$VV_PID" || true; }

echo "machine: $(nproc) cores, $(uname -r); wrk -t2 -c32 -d$DURATION"
echo "| run | req/s | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|"
if command -v nginx >/dev/null; then
  start_nginx
  run_wrk "nginx fixed body" "http://127.0.0.1:$NGINX_PORT/" bench/wrk/fixed_body.lua
fi
start_vv --cache-entries 0
run_wrk "vv POST /v1/predict/viral (no cache)" "http://127.0.0.1:$VV_PORT" bench/wrk/predict_viral.lua
run_wrk "vv POST /v1/predict all six (no cache)" "http://127.0.0.1:$VV_PORT" bench/wrk/predict_all.lua
echo "vv resident set after the runs: $(ps -o rss= -p "$VV_PID" | awk '{printf "%.0f MB", $1/1024}')"
stop_vv
start_vv
run_wrk "vv POST /v1/predict/viral (cache hits)" "http://127.0.0.1:$VV_PORT" bench/wrk/predict_viral.lua
run_wrk "vv POST /v1/predict all six (cache hits)" "http://127.0.0.1:$VV_PORT" bench/wrk/predict_all.lua
run_wrk "vv GET /healthz" "http://127.0.0.1:$VV_PORT/healthz"
# GET /healthz on one connection while four connections loop 1,000-video batches.
wrk -t1 -c4 -d"$((${DURATION%s} + 2))s" -s bench/wrk/post_batch.lua "http://127.0.0.1:$VV_PORT" \
  >"$WORK/batches.txt" &
BATCHES=$!
sleep 1
run_wrk "vv GET /healthz, 1 connection, while 4 post 1,000-video batches" \
  "http://127.0.0.1:$VV_PORT/healthz" "" -t1 -c1
wait "$BATCHES"
echo "(the 1,000-video batches meanwhile: $(awk '/^Requests\/sec/ {print $2}' "$WORK/batches.txt") req/s)"
stop_vv
