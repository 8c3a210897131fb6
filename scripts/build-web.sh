#!/usr/bin/env bash
# Builds the web app into web/dist (served by `vv serve` at /): npm ci, then tsc + vite build.
# Skips with a message when node/npm are missing (scripts/install-deps.sh).
# Reinstalls node_modules only when package-lock.json changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/../web"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "build-web: node/npm not found, web/dist not built (scripts/install-deps.sh)"
  exit 0
fi
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build -- --logLevel warn
echo "build-web: web/dist built"
