#!/usr/bin/env bash
# The newcomer's demo: installs what is missing, builds, generates a demo data set into the
# embedded store, trains the models and serves the web app and API on http://localhost:8080.
# Steps whose command is not built yet are skipped with a message.
#
# Pasting a YouTube URL (home or Predict page, POST /v1/analyze) needs a YouTube Data API v3:
#   the real one:  YOUTUBE_API_KEY=... make demo      (or VV_YOUTUBE_KEY_FILE=/path/to/key)
#   a fake one:    VV_DEMO_FAKE_YOUTUBE=1 make demo   (an invented channel on loopback, no key,
#                  no network: paste https://youtu.be/vvDemoVid01, vvDemoVid02, @vvdemo, or
#                  vvPrivate01 for a private video)
# Without either, the box answers that the server has no API key.
set -euo pipefail
cd "$(dirname "$0")/.."
# Only what the demo runs: no test packages (PostgreSQL, clang, Chromium), no test targets.
./scripts/install-deps.sh
if [[ "${VV_DEMO_FAKE_YOUTUBE:-0}" == 1 ]]; then
  VV_BUILD_TARGETS=${VV_BUILD_TARGETS:-vv fake_youtube_server} ./scripts/build.sh
else
  VV_BUILD_TARGETS=${VV_BUILD_TARGETS:-vv} ./scripts/build.sh
fi
VV=build/bin/vv
DB=${VV_DB:-sqlite:var/vv.db}
PORT=${VV_PORT:-8080}
mkdir -p var

has_verb() { "$VV" --help | grep -qE "^  $1 "; }

echo "demo: generating 5,000 videos into $DB"
"$VV" generate --videos ${VV_DEMO_VIDEOS:-5000} --channels 300 --seed 42 --db "$DB"
"$VV" stats --db "$DB"

if has_verb train; then
  echo "demo: training the six models"
  "$VV" train --db "$DB" --registry models
  "$VV" models list --registry models
else
  echo "demo: 'vv train' is not built yet (issue 3): skipping training"
fi

SERVE_ARGS=()
if [[ "${VV_DEMO_FAKE_YOUTUBE:-0}" == 1 ]]; then
  # The fake Data API v3 of the tests, on loopback; it stops with this script.
  build/tests/fake_youtube_server analyze >var/fake-youtube.txt &
  FAKE_PID=$!
  trap 'kill $FAKE_PID 2>/dev/null || true' EXIT
  for _ in $(seq 1 50); do [[ -s var/fake-youtube.txt ]] && break; sleep 0.1; done
  read -r API_BASE YOUTUBE_API_KEY <var/fake-youtube.txt
  export YOUTUBE_API_KEY
  SERVE_ARGS=(--api-base "$API_BASE")
  echo "demo: fake YouTube API at $API_BASE: paste https://youtu.be/vvDemoVid01 or @vvdemo"
elif [[ -n "${YOUTUBE_API_KEY:-}${VV_YOUTUBE_KEY_FILE:-}" ]]; then
  echo "demo: pasted URLs are fetched from the YouTube Data API v3 with your key"
else
  echo "demo: no YOUTUBE_API_KEY: pasting a URL answers that the server has no key" \
       "(VV_DEMO_FAKE_YOUTUBE=1 make demo uses a fake API)"
fi

if has_verb serve; then
  echo "demo: serving on http://localhost:$PORT (Ctrl-C stops)"
  "$VV" serve --port "$PORT" --host 0.0.0.0 --db "$DB" --registry models "${SERVE_ARGS[@]}"
else
  echo "demo: 'vv serve' is not built yet (issue 4): the data set is in $DB"
fi
