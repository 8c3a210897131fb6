#!/usr/bin/env bash
# Browser tests of the web app. Usage: tests/e2e/run.sh [BASE_URL]
#   no BASE_URL: serves web/dist with fixture API answers (tests/e2e/server.mjs)
#   BASE_URL:    runs against a real server, e.g. tests/e2e/run.sh http://127.0.0.1:8080
# Needs node, Debian's chromium (/usr/bin/chromium or VV_CHROMIUM) and web/node_modules
# (npm ci in web/); builds web/dist when it is missing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
if [[ $# -gt 0 ]]; then export VV_E2E_BASE_URL=$1; fi
if [[ ! -d "$ROOT/web/node_modules/playwright-core" ]]; then (cd "$ROOT/web" && npm ci --no-audit --no-fund >/dev/null); fi
if [[ -z "${VV_E2E_BASE_URL:-}" && ! -f "$ROOT/web/dist/index.html" ]]; then (cd "$ROOT/web" && npm run build >/dev/null); fi
exec node --test --test-concurrency=1 "$ROOT/tests/e2e/web.test.mjs"
