#!/usr/bin/env python3
"""Where the peer's time goes: the median cost of one call of each stage, in one process.

  time_models.py MODELS_DIR BODY.json [--calls N]
Prints one markdown table row per stage (validation, each model, all six), so that
bench/RESULTS.md can say which model dominates the peer's all-models rate.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sklearn  # noqa: E402

sklearn.set_config(assume_finite=True)  # as app.py
import schemas as S  # noqa: E402
from peer_models import PeerModels  # noqa: E402


def median_ms(fn, calls: int) -> float:
    fn()  # warm up
    times = []
    for _ in range(calls):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1e3


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("models")
    ap.add_argument("body")
    ap.add_argument("--calls", type=int, default=30)
    args = ap.parse_args()
    m = PeerModels(args.models)
    with open(args.body) as f:
        body = json.load(f)
    video = S.VideoIn(**body).dict()
    stages = [("pydantic validation", lambda: S.VideoIn(**body).dict())]
    for name in ("viral", "velocity", "clickbait", "genre", "tags", "anomaly", "all"):
        stages.append((name if name != "all" else "all six (genre shared with tags)",
                       lambda fn=getattr(m, f"predict_{name}"): fn(video)))
    print("| peer stage (one call, median) | ms |")
    print("|---|---:|")
    for name, fn in stages:
        print(f"| {name} | {median_ms(fn, args.calls):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
