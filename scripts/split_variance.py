#!/usr/bin/env python3
"""Summarises `vv train --json` reports of the same data under several split seeds.

Usage: split_variance.py REPORT.json...   (one report per seed; prints a markdown table)

One held-out split can favour either side by chance (the genre test set holds ~1,300 videos of a
few hundred channels, the viral one ~100 labelled videos), so scripts/quality.sh retrains on
more by-channel splits and this table gives, per model, our metric and its baseline's as mean
and standard deviation over the seeds, and on how many splits ours was better.
"""
import json
import statistics
import sys

# model -> (metric, baseline, higher is better)
KEYS = [
    ("velocity", "mrse", "szabo_huberman", False),
    ("velocity", "mrse", "pinto_ml", False),
    ("viral", "roc_auc", "logistic_regression", True),
    ("clickbait", "accuracy", "tfidf_linear", True),
    ("genre", "accuracy", "tfidf_logreg", True),
    ("genre", "macro_f1", "tfidf_logreg", True),
    ("tags", "p_at_5", "category_frequency", True),
]


def metric(report, name):
    metrics = report.get("metrics", {})
    return metrics.get("headlines", metrics).get(name) if name == "accuracy" else metrics.get(name)


def load(paths):
    runs = []
    for path in paths:
        try:
            with open(path) as f:
                models = json.load(f)["models"]
        except (OSError, ValueError, KeyError) as e:
            sys.exit(f"split_variance: {path}: not a `vv train --json` report ({e})")
        runs.append({m["name"]: m.get("report") or {} for m in models})
    return runs


def fmt(values):
    if not values:
        return "-"
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{statistics.mean(values):.4f} ± {sd:.4f}"


def main(paths):
    runs = load(paths)
    seeds = [r.get("genre", {}).get("split", {}).get("seed", "?") for r in runs]
    print(f"{len(runs)} by-channel splits (seeds {', '.join(str(s) for s in seeds)}); "
          "mean ± standard deviation over the splits.")
    print()
    print("| model | metric | ours | baseline | baseline's value | ours better |")
    print("|---|---|---:|---|---:|---:|")
    for model, name, base, higher in KEYS:
        ours, theirs, wins, n = [], [], 0, 0
        for run in runs:
            report = run.get(model, {})
            a = metric(report, name)
            b = report.get("baselines", {}).get(base, {}).get(name)
            if a is None or b is None:
                continue
            ours.append(a)
            theirs.append(b)
            n += 1
            wins += (a > b) if higher else (a < b)
        print(f"| {model} | {name} | {fmt(ours)} | {base} | {fmt(theirs)} | {wins}/{n} |")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: split_variance.py REPORT.json...")
    main(sys.argv[1:])
