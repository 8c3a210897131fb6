#!/usr/bin/env bash
# The web app in a real browser (tests/e2e/run.sh against fixture API answers). Skips, with exit
# 0, when node or chromium is absent (install them with VV_WITH_BROWSER=1 scripts/install-deps.sh).
set -euo pipefail
ROOT=${VV_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
CHROMIUM=${VV_CHROMIUM:-/usr/bin/chromium}
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "SKIPPED: node/npm not installed (VV_WITH_BROWSER=1 scripts/install-deps.sh)"; exit 0
fi
if [[ ! -x "$CHROMIUM" ]]; then
  echo "SKIPPED: no chromium at $CHROMIUM (VV_WITH_BROWSER=1 scripts/install-deps.sh)"; exit 0
fi
# The test uses web/dist as built from the current sources.
"$ROOT/scripts/build-web.sh"
exec "$ROOT/tests/e2e/run.sh"
