#!/usr/bin/env bash
# The demo end to end: generate 1500 videos, train all six models (tests/cli/fast_training.yaml),
# start `vv serve` on a free port with the built web app, check /readyz, /v1/predict (six answers,
# each naming a version), /v1/metrics/models, /v1/drift and /, then the browser tests
# (tests/e2e/run.sh) against the real server when node and chromium exist (VV_REQUIRE_BROWSER=1:
# their absence fails). Usage: demo_e2e.sh VV_BINARY
set -euo pipefail
VV=$1
ROOT=${VV_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
CHROMIUM=${VV_CHROMIUM:-/usr/bin/chromium}
WORK=$(mktemp -d)
SERVER_PID=
EMPTY_PID=
cleanup() {
  for pid in $SERVER_PID $EMPTY_PID; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "FAILED: $*"; [[ -f "$WORK/serve.log" ]] && tail -20 "$WORK/serve.log"; exit 1; }

DB="sqlite:$WORK/vv.db"
"$VV" generate --videos 1500 --channels 80 --seed 3 --db "$DB" >/dev/null || fail "vv generate"
"$VV" train --db "$DB" --registry "$WORK/models" --models all \
  --config "$ROOT/tests/cli/fast_training.yaml" >"$WORK/train.log" 2>&1 || { cat "$WORK/train.log"; fail "vv train"; }

BROWSER=1
if ! command -v node >/dev/null || ! command -v npm >/dev/null || [[ ! -x "$CHROMIUM" ]]; then
  [[ "${VV_REQUIRE_BROWSER:-0}" == 1 ]] && fail "node/npm/chromium missing (VV_REQUIRE_BROWSER=1)"
  BROWSER=0
  echo "browser tests skipped: node/npm or chromium missing"
fi
WEB="$ROOT/web/dist"
# scripts/build.sh builds web/dist before ctest; rebuilding here would race with cli_e2e_web.
if [[ $BROWSER == 1 && ! -f "$WEB/index.html" ]]; then fail "web/dist is not built (scripts/build-web.sh)"; fi

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$VV" serve --port "$PORT" --db "$DB" --registry "$WORK/models" --web "$WEB" >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/readyz")" == 200 ]] && break
  kill -0 "$SERVER_PID" 2>/dev/null || fail "vv serve exited"
  sleep 0.1
done
[[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/readyz")" == 200 ]] || fail "/readyz is not 200"

curl -s -f -X POST -H 'Content-Type: application/json' --data @"$ROOT/bench/wrk/video.json" \
  "$BASE/v1/predict" >"$WORK/predict.json" || fail "POST /v1/predict"
python3 - "$WORK/predict.json" <<'PY' || fail "POST /v1/predict answer"
import json, sys
p = json.load(open(sys.argv[1]))["predictions"]
names = ["velocity", "viral", "clickbait", "genre", "tags", "anomaly"]
missing = [n for n in names if not isinstance(p.get(n), dict) or "prediction" not in p[n]
           or not p[n].get("version")]
assert not missing, f"no prediction with a version from: {missing}: {json.dumps(p)[:500]}"
PY
curl -s -f "$BASE/v1/metrics/models" | python3 -c '
import json, sys
m = json.load(sys.stdin)["models"]
assert m["viral"]["metrics"].get("roc_auc") is not None, m["viral"]
assert m["viral"]["n"], m["viral"]' || fail "/v1/metrics/models lacks the held-out metrics"
curl -s -f "$BASE/v1/drift" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["window"]["current"]["rows"] >= 1 and d["reference"]["videos"] > 0, d["window"]' \
  || fail "/v1/drift"

if [[ $BROWSER == 1 ]]; then
  curl -s -f "$BASE/" | grep -q '<div id=\|<script' || fail "/ does not serve the web app"
  # A second server on an empty store and registry: the browser tests of the empty states.
  EMPTY_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$VV" serve --port "$EMPTY_PORT" --db "sqlite:$WORK/empty.db" --registry "$WORK/empty-models" --web "$WEB" \
    >"$WORK/serve-empty.log" 2>&1 &
  EMPTY_PID=$!
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$EMPTY_PORT/healthz" && break
    kill -0 "$EMPTY_PID" 2>/dev/null || fail "vv serve (empty store) exited"
    sleep 0.1
  done
  VV_E2E_EMPTY_URL="http://127.0.0.1:$EMPTY_PORT" "$ROOT/tests/e2e/run.sh" "$BASE" >"$WORK/e2e.log" 2>&1 \
    || { tail -40 "$WORK/e2e.log"; fail "browser tests"; }
fi
echo "demo_e2e: ok (browser tests: $([[ $BROWSER == 1 ]] && echo ran || echo skipped))"
