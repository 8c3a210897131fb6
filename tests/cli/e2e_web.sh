#!/usr/bin/env bash
# The web app in a real browser (tests/e2e/run.sh against fixture API answers). Skips, with exit
# 0, when node or chromium is absent (install them with VV_WITH_TESTS=1 scripts/install-deps.sh).
set -euo pipefail
ROOT=${VV_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
CHROMIUM=${VV_CHROMIUM:-/usr/bin/chromium}
# make test sets VV_REQUIRE_BROWSER=1: there a missing browser is a failure, not a skip.
skip() {
  if [[ "${VV_REQUIRE_BROWSER:-0}" == 1 ]]; then echo "FAILED: $1 (VV_REQUIRE_BROWSER=1)"; exit 1; fi
  echo "SKIPPED: $1 (VV_WITH_TESTS=1 scripts/install-deps.sh)"; exit 0
}
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  skip "node/npm not installed"
fi
if [[ ! -x "$CHROMIUM" ]]; then
  skip "no chromium at $CHROMIUM"
fi
# scripts/build.sh builds web/dist before ctest runs. Rebuilding it here would race with
# cli_demo_e2e, which serves the same folder (vite empties web/dist first).
if [[ ! -f "$ROOT/web/dist/index.html" ]]; then
  skip "web/dist is not built (scripts/build-web.sh)"
fi
exec "$ROOT/tests/e2e/run.sh"
