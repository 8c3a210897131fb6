#!/usr/bin/env bash
# Runs the benchmarks whose targets the issues set; results go to bench/RESULTS.md by hand, with
# the command that produced them. `make bench` calls this after building.
#   VV_WITH_BENCH=1 scripts/install-deps.sh   installs the peer (FastAPI) and nginx first.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== collect: clean + store 10,000 API items (target < 2 s)"
build/bench/bench_collect
echo "== generate: 100,000 videos (target < 30 s, < 1 GiB)"
bench/generate_bench.sh build/bin/vv 100000
if [[ -d models ]]; then
  echo "== serve: ours vs the FastAPI peer vs nginx (wrk -t2 -c32 -d10s)"
  VV_REGISTRY=models bench/serve_compare.sh --rounds 1 --no-write
else
  echo "== serve: skipped (no models/ registry: run make demo first)"
fi
