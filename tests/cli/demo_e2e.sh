#!/usr/bin/env bash
# The demo end to end: generate 1500 videos, train all six models (tests/cli/fast_training.yaml),
# start `vv serve` on a free port with the built web app, check /readyz, /v1/predict (six answers,
# each naming a version), /v1/metrics/models, /v1/drift and /, then the browser tests
# (tests/e2e/run.sh) against the real server when node and chromium exist (VV_REQUIRE_BROWSER=1:
# their absence fails). The server's analysis by URL talks to the fake YouTube API on loopback
# (fake_youtube_server analyze, VV_FAKE_YOUTUBE): POST /v1/analyze and `vv analyze` answer the six
# champions' predictions for a video fetched from it. Usage: demo_e2e.sh VV_BINARY
set -euo pipefail
VV=$1
ROOT=${VV_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
CHROMIUM=${VV_CHROMIUM:-/usr/bin/chromium}
WORK=$(mktemp -d)
SERVER_PID=
YOUTUBE_PID=
EMPTY_PID=
cleanup() {
  for pid in $SERVER_PID $YOUTUBE_PID $EMPTY_PID; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
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

# The fake YouTube Data API v3 (tests/fault/fake_youtube_main.cc): prints "BASE_URL KEY".
FAKE_YOUTUBE=${VV_FAKE_YOUTUBE:-$(dirname "$VV")/../tests/fake_youtube_server}
[[ -x "$FAKE_YOUTUBE" ]] || fail "no fake YouTube server at $FAKE_YOUTUBE"
"$FAKE_YOUTUBE" analyze >"$WORK/youtube.txt" 2>"$WORK/youtube.log" &
YOUTUBE_PID=$!
for _ in $(seq 1 50); do [[ -s "$WORK/youtube.txt" ]] && break; sleep 0.1; done
read -r API_BASE API_KEY <"$WORK/youtube.txt" || fail "the fake YouTube server did not start"
export YOUTUBE_API_KEY=$API_KEY

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$VV" serve --port "$PORT" --db "$DB" --registry "$WORK/models" --web "$WEB" --api-base "$API_BASE" \
  >"$WORK/serve.log" 2>&1 &
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
# Served models adapt to the serving store: viral re-based, velocity re-calibrated on the videos
# its trees were not fitted on (the store is the training store: its train split is left out).
curl -s -f "$BASE/v1/models/velocity" | python3 -c '
import json, sys
p = json.load(sys.stdin)["population"]
assert p["recalibrated"] and p["left_out_trained_videos"] > 0 and p["pairs"] >= p["min_pairs"], p' \
  || fail "GET /v1/models/velocity: not re-calibrated on the serving store"
curl -s -f "$BASE/v1/drift" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["window"]["current"]["rows"] >= 1 and d["reference"]["videos"] > 0, d["window"]' \
  || fail "/v1/drift"

# Analysis by URL: a video from the fake API, the six champions' predictions, then tracked.
curl -s -X POST -H 'Content-Type: application/json' --data '{"url": "https://youtu.be/vvDemoVid01?si=demo"}' \
  "$BASE/v1/analyze" >"$WORK/analyze.json" || fail "POST /v1/analyze"
python3 - "$WORK/analyze.json" <<'PY' || fail "POST /v1/analyze answer"
import json, sys
a = json.load(open(sys.argv[1]))
assert a.get("kind") == "video" and a["fetched"] is True, json.dumps(a)[:800]
assert a["video"]["title"] == "I tried 100 days of coding", a["video"]
assert a["tracking"]["active"] is True and a["tracking"]["next_snapshot"], a["tracking"]
p = a["predictions"]
answered = [n for n, v in p.items() if isinstance(v, dict) and "prediction" in v and v.get("version")]
assert set(p) == {"velocity", "viral", "clickbait", "genre", "tags", "anomaly"}, list(p)
# Anomaly needs two snapshots: one fetch gives one. The other five answer.
assert {"velocity", "viral", "clickbait", "genre", "tags"} <= set(answered), json.dumps(p)[:800]
PY
[[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
     --data '{"url": "vvPrivate01"}' "$BASE/v1/analyze")" == 404 ]] || fail "a private video is not 404"
grep -q "$API_KEY" "$WORK/analyze.json" "$WORK/serve.log" && fail "the API key appears in an answer or the log"
# The same on the command line, on the same store and champions (fresh: not fetched again).
"$VV" analyze vvDemoVid01 --db "$DB" --registry "$WORK/models" --api-base "$API_BASE" --json \
  >"$WORK/analyze-cli.json" 2>"$WORK/analyze-cli.log" || { cat "$WORK/analyze-cli.log"; fail "vv analyze"; }
python3 - "$WORK/analyze-cli.json" "$WORK/analyze.json" <<'PY' || fail "vv analyze answer"
import json, sys
cli, http = (json.load(open(f)) for f in sys.argv[1:3])
assert cli["fetched"] is False, cli["fetched"]
for name in ("velocity", "viral", "clickbait", "genre", "tags"):
    assert cli["predictions"][name]["version"] == http["predictions"][name]["version"], name
PY

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
