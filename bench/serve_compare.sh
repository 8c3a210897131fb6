#!/usr/bin/env bash
# Side-by-side HTTP benchmark (issue 4, "Performance"): `vv serve` against the peer (the seed's
# design: FastAPI + uvicorn, 2 workers, scikit-learn / XGBoost; bench/peer/) and nginx returning
# a fixed JSON body (the HTTP ceiling), each loaded in turn with
#   wrk -t2 -c32 -d10s --latency --timeout 30s -s bench/wrk/post_video.lua URL
# (--timeout 30s: a slow server's late answers count as latency, not as dropped timeouts).
# Prints a markdown table (requests/s, p50, p99, RSS) with the ratios ours/peer and ours/nginx,
# and writes it under "## serve: side by side" in bench/RESULTS.md.
#
# Usage: bench/serve_compare.sh [--duration 10s] [--rounds 1] [--no-write]
#   --rounds N repeats the runs N times, interleaved, and reports medians (load on this machine
#   changes from one 10 s window to the next).
# Env:   VV_BIN (build/bin/vv), VV_REGISTRY (models, as trained by `make demo`), VV_DB (store URL
#        for vv serve, default its own), VV_PEER_MODELS (reuse trained peer models; default: train
#        them into the temp dir, ~15 s), PYTHON (/usr/bin/python3: Debian's, where apt installs).
# Needs: VV_WITH_BENCH=1 scripts/install-deps.sh (python3-fastapi, -uvicorn, -sklearn, -xgboost,
#        nginx, wrk). Ours is skipped with a message when `vv serve` or the registry is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=10s
ROUNDS=1
WRITE=1
while (($#)); do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --no-write) WRITE=0; shift ;;
    *) echo "serve_compare: unknown argument '$1' (usage: $0 [--duration 10s] [--rounds 1] [--no-write])" >&2
       exit 2 ;;
  esac
done
PY=${PYTHON:-/usr/bin/python3}
VV=${VV_BIN:-build/bin/vv}
REGISTRY=${VV_REGISTRY:-models}

for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || { echo "serve_compare: '$tool' missing: run VV_WITH_BENCH=1 scripts/install-deps.sh" >&2; exit 1; }
done
"$PY" -c 'import fastapi, uvicorn, sklearn, xgboost' 2>/dev/null ||
  { echo "serve_compare: $PY lacks fastapi/uvicorn/sklearn/xgboost: run VV_WITH_BENCH=1 scripts/install-deps.sh" >&2; exit 1; }

TMP=$(mktemp -d /tmp/vv-serve-compare.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# wait_http URL SECONDS LOGFILE: polls until the URL answers (any HTTP status); 1 on timeout.
wait_http() {
  local url=$1 deadline=$((SECONDS + $2))
  until curl -s -o /dev/null "$url"; do
    if ((SECONDS > deadline)); then
      echo "serve_compare: $url did not answer within $2 s; log:" >&2; tail -20 "$3" >&2; return 1
    fi
    sleep 0.5
  done
}

# wait_log FILE TEXT COUNT SECONDS: until TEXT appears COUNT times in FILE (uvicorn's workers).
wait_log() {
  local deadline=$((SECONDS + $4))
  until (($(grep -c "$2" "$1" || true) >= $3)); do
    if ((SECONDS > deadline)); then
      echo "serve_compare: '$2' x$3 not in $1 within $4 s:" >&2; tail -20 "$1" >&2; return 1
    fi
    sleep 0.5
  done
}

# check_post NAME URL: the server must answer the benchmark body with 200 before it is measured.
check_post() {
  local code
  code=$(curl -s -o "$TMP/answer" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    --data-binary @bench/wrk/video.json "$2")
  if [[ $code != 200 ]]; then
    CHECK_ERROR="$1 answered $code to POST /${2#http://127.0.0.1:*/}: $(head -c 300 "$TMP/answer")"
    echo "serve_compare: $CHECK_ERROR" >&2; return 1
  fi
}

# rss_kb PID: resident set of the process and its children (uvicorn and nginx fork workers).
rss_kb() {
  local pids
  pids=$( (echo "$1"; ps -o pid= --ppid "$1") | awk 'NF {printf "%s%s", (n++ ? "," : ""), $1}')
  ps -o rss= -p "$pids" | awk '{s += $1} END {print s + 0}'
}

# --- start the servers ---------------------------------------------------------------------
PEER_MODELS=${VV_PEER_MODELS:-$TMP/peer-models}
if [[ ! -f $PEER_MODELS/manifest.json ]]; then
  echo "serve_compare: training the peer's models into $PEER_MODELS"
  "$PY" bench/peer/train_peer.py --out "$PEER_MODELS"
fi
PEER_PORT=$(free_port)
VV_PEER_MODELS=$PEER_MODELS "$PY" -m uvicorn app:app --app-dir bench/peer --host 127.0.0.1 \
  --port "$PEER_PORT" --workers 2 --no-access-log >"$TMP/peer.log" 2>&1 &
PEER_PID=$!; PIDS+=("$PEER_PID")

NGINX_PORT=$(free_port)
mkdir -p "$TMP/nginx"
sed -e "s#@PORT@#$NGINX_PORT#g" -e "s#@PREFIX@#$TMP/nginx#g" bench/nginx/nginx.conf.in \
  >"$TMP/nginx/nginx.conf"
nginx -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -e stderr >"$TMP/nginx.log" 2>&1 &
NGINX_PID=$!; PIDS+=("$NGINX_PID")

OURS_PID=""
OURS_NOTE=""
if [[ ! -x $VV ]] || ! "$VV" serve --help >/dev/null 2>&1; then
  OURS_NOTE="ours not measured: \`$VV serve\` is not built"
elif [[ ! -d $REGISTRY ]]; then
  OURS_NOTE="ours not measured: no model registry at $REGISTRY (run \`make demo\` or set VV_REGISTRY)"
else
  OURS_PORT=$(free_port)
  DB_ARGS=()
  [[ -n ${VV_DB:-} ]] && DB_ARGS=(--db "$VV_DB")
  # Response cache off: the benchmark posts one fixed body, which a cache would answer every time.
  "$VV" serve --host 127.0.0.1 --port "$OURS_PORT" --registry "$REGISTRY" --threads 2 \
    --cache-entries 0 --no-access-log "${DB_ARGS[@]}" >"$TMP/ours.log" 2>&1 &
  OURS_PID=$!; PIDS+=("$OURS_PID")
fi

wait_http "http://127.0.0.1:$NGINX_PORT/" 30 "$TMP/nginx.log" || exit 1
# Each uvicorn worker loads the models itself: wait for both before measuring.
wait_log "$TMP/peer.log" "Application startup complete" 2 180 || exit 1
wait_http "http://127.0.0.1:$PEER_PORT/healthz" 30 "$TMP/peer.log" || exit 1
for _ in 1 2 3 4; do check_post peer "http://127.0.0.1:$PEER_PORT/v1/predict/viral" || exit 1; done
check_post peer "http://127.0.0.1:$PEER_PORT/v1/predict" || exit 1
if [[ -n $OURS_PID ]]; then
  if ! wait_http "http://127.0.0.1:$OURS_PORT/healthz" 60 "$TMP/ours.log"; then
    OURS_NOTE="ours not measured: \`vv serve\` did not start (its log: $(tail -3 "$TMP/ours.log" | tr '\n' ' '))"
    kill "$OURS_PID" 2>/dev/null || true; OURS_PID=""
  elif ! check_post ours "http://127.0.0.1:$OURS_PORT/v1/predict/viral" ||
     ! check_post ours "http://127.0.0.1:$OURS_PORT/v1/predict"; then
    OURS_NOTE="ours not measured: $CHECK_ERROR"
    kill "$OURS_PID"; OURS_PID=""
  fi
fi
[[ -n $OURS_NOTE ]] && echo "serve_compare: $OURS_NOTE"

# --- measure -------------------------------------------------------------------------------
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A RPS SAMPLES LABEL ROUTE RSS_MAX
ORDER=()
# measure KEY LABEL PID URL: one wrk run; keeps "rps p50 p99 errors" for the table and the
# largest RSS seen.
measure() {
  local key=$1 pid=$3 url=$4 out line rps p50 p99 non2xx errs rss
  echo "serve_compare: $2 <- $url" >&2
  out=$(wrk -t2 -c32 -d"$DURATION" --latency --timeout 30s -s bench/wrk/post_video.lua "$url")
  line=$(grep '^VVRESULT' <<<"$out") || { echo "$out" >&2; exit 1; }
  read -r _ rps p50 p99 _ non2xx errs <<<"$line"
  rss=$(rss_kb "$pid")
  if [[ -z ${LABEL[$key]:-} ]]; then ORDER+=("$key"); fi
  LABEL[$key]=$2
  ROUTE[$key]=/${url#http://127.0.0.1:*/}
  SAMPLES[$key]+="$rps $p50 $p99 $((non2xx + errs))"$'\n'
  ((rss > ${RSS_MAX[$key]:-0})) && RSS_MAX[$key]=$rss
  return 0
}
# row KEY: the table row, each column the median over the rounds (errors: the sum).
row() {
  local key=$1
  awk -v l="${LABEL[$key]}" -v r="${ROUTE[$key]}" -v q="${RPS[$key]}" \
    -v a="$(median_col 2 "$key")" -v b="$(median_col 3 "$key")" \
    -v e="$(awk '{s += $4} END {print s + 0}' <<<"${SAMPLES[$key]}")" -v m="${RSS_MAX[$key]}" \
    'BEGIN { printf "| %s | %s | " (q < 100 ? "%.1f" : "%.0f") " | %.2f | %.2f | %d | %.0f |\n",
             l, r, q, a / 1000, b / 1000, e, m / 1024 }'
}
median_col() {
  awk -v c="$1" 'NF {print $c}' <<<"${SAMPLES[$2]}" | sort -g |
    awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'
}
ratio() {
  if [[ -n ${RPS[$1]:-} && -n ${RPS[$2]:-} ]]; then
    awk -v a="${RPS[$1]}" -v b="${RPS[$2]}" 'BEGIN { printf (a / b < 10 ? "%.2f" : "%.0f"), a / b }'
  else echo "n/a"; fi
}

# Rounds interleave the servers, so a change of load during the run hits all of them alike.
for ((round = 1; round <= ROUNDS; round++)); do
  measure nginx "nginx (fixed body)" "$NGINX_PID" "http://127.0.0.1:$NGINX_PORT/v1/predict/viral"
  measure peer_viral "peer (FastAPI, 2 workers)" "$PEER_PID" "http://127.0.0.1:$PEER_PORT/v1/predict/viral"
  if [[ -n $OURS_PID ]]; then
    measure ours_viral "ours (vv serve, 2 threads)" "$OURS_PID" "http://127.0.0.1:$OURS_PORT/v1/predict/viral"
  fi
  measure peer_all "peer (FastAPI, 2 workers)" "$PEER_PID" "http://127.0.0.1:$PEER_PORT/v1/predict"
  if [[ -n $OURS_PID ]]; then
    measure ours_all "ours (vv serve, 2 threads)" "$OURS_PID" "http://127.0.0.1:$OURS_PORT/v1/predict"
  fi
done
ROWS=()
for key in "${ORDER[@]}"; do
  RPS[$key]=$(median_col 1 "$key")
  ROWS+=("$(row "$key")")
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

REPORT=$TMP/report.md
{
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, commit $(git rev-parse --short HEAD 2>/dev/null || echo '?');"
  echo "load average (1/5/15 min) $LOAD_BEFORE before, $LOAD_AFTER after (other jobs shared the machine)."
  echo
  echo "Command: \`bench/serve_compare.sh$([[ $DURATION != 10s ]] && echo " --duration $DURATION")$( ((ROUNDS > 1)) && echo " --rounds $ROUNDS")\` = for each server in turn$( ((ROUNDS > 1)) && echo " ($ROUNDS interleaved rounds, medians; errors summed; largest RSS)")"
  echo "\`wrk -t2 -c32 -d$DURATION --latency --timeout 30s -s bench/wrk/post_video.lua URL\`"
  echo "(one fixed video body, bench/wrk/video.json; wrk shares the 2 cores with the server)."
  echo
  echo "| server | route | requests/s | p50 ms | p99 ms | errors | RSS MB |"
  echo "|---|---|---:|---:|---:|---:|---:|"
  printf '%s\n' "${ROWS[@]}"
  if ((ROUNDS > 1)); then
    echo
    echo "Requests/s of each round:"
    for key in "${ORDER[@]}"; do
      echo "${LABEL[$key]%% (*} ${ROUTE[$key]}: $(awk 'NF {printf "%s%.0f", (n++ ? ", " : ""), $1}' <<<"${SAMPLES[$key]}");"
    done
  fi
  echo
  echo "| ratio | value | target |"
  echo "|---|---:|---:|"
  echo "| ours/peer, POST /v1/predict/viral | $(ratio ours_viral peer_viral) | >= 40 |"
  echo "| ours/nginx, POST /v1/predict/viral | $(ratio ours_viral nginx) | >= 0.5 |"
  echo "| ours/peer, POST /v1/predict (all six) | $(ratio ours_all peer_all) | >= 20 |"
  echo "| nginx/peer, POST /v1/predict/viral (the peer's distance from the ceiling) | $(ratio nginx peer_viral) | |"
  [[ -n $OURS_NOTE ]] && { echo; echo "Note: $OURS_NOTE."; }
  echo
  echo "Peer: $("$PY" -c 'import fastapi, uvicorn, sklearn, xgboost, pydantic; print(f"fastapi {fastapi.__version__}, uvicorn {uvicorn.__version__} (uvloop, httptools), pydantic {pydantic.VERSION}, scikit-learn {sklearn.__version__}, xgboost {xgboost.__version__}")'),"
  echo "models trained by bench/peer/train_peer.py on $("$PY" -c "import json, sys; print(json.load(open(sys.argv[1]))['source'])" "$PEER_MODELS/manifest.json");"
  echo "RSS after the run: uvicorn supervisor + its 2 workers; nginx master + 2 workers; ours one process."
  echo "Settings in the peer's favour: uvloop + httptools, no access log, OMP_NUM_THREADS=1 per worker,"
  echo "scikit-learn's assume_finite (pydantic already refused NaN), Saabas contributions (as ours),"
  echo "the genre probabilities computed once for genre and tags. Ours: \`vv serve --threads 2"
  echo "--cache-entries 0 --no-access-log\` (the fixed body would otherwise be a cache hit every time;"
  echo "bench/wrk/post_video_vary.lua sends 100,000 distinct bodies for a run with the cache on)."
  echo
  echo "Where the peer's time goes (\`bench/peer/time_models.py\`, one process, same load):"
  echo
  "$PY" bench/peer/time_models.py "$PEER_MODELS" bench/wrk/video.json
} >"$REPORT"
cat "$REPORT"

if ((WRITE)); then
  "$PY" - "$REPORT" bench/RESULTS.md <<'EOF'
import os, re, sys
report, path = open(sys.argv[1]).read(), sys.argv[2]
head = "## serve: side by side"
text = open(path).read() if os.path.exists(path) else "# Benchmark results\n"
section = f"{head}\n\n{report.rstrip()}\n"
pattern = re.compile(rf"^{re.escape(head)}\n.*?(?=^## |\Z)", re.S | re.M)
text = pattern.sub(lambda _: section + "\n", text) if pattern.search(text) else text.rstrip() + "\n\n" + section
open(path, "w").write(text.rstrip() + "\n")
EOF
  echo "serve_compare: wrote the table to bench/RESULTS.md"
fi
