#!/usr/bin/env python3
"""Writes the foreign-store tables of docs/MODELS.md from `vv evaluate --db ... --json` outputs.

Usage: foreign_report.py verdicts|details|spread STORE_NAME=EVALUATE.json...

verdicts: one table, every model's judged metrics on every foreign store, ours beside the best
          baseline on the same units, n, and the verdict `vv evaluate` gave (src/train/verdicts.h:
          a verdict needs n >= 200).
details:  per store, per model, every top-level metric of the model beside each baseline.
spread:   the clickbait scores' spread over each store's trending titles (no labels there).
The verdicts themselves are computed by vv (one definition); this script only lays them out.
"""
import json
import sys


def fmt(v):
    if v is None:
        return "n/a"
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return f"{v:.4g}"
    return str(v)


def load(args):
    stores = []
    for arg in args:
        name, _, path = arg.partition("=")
        try:
            with open(path) as f:
                stores.append((name, json.load(f)))
        except (OSError, ValueError) as e:
            stores.append((name, {"error": str(e)}))
    return stores


def verdicts(stores):
    print("| store | model | metric | ours | best baseline | its value | n | verdict |")
    print("|---|---|---|---:|---|---:|---:|---|")
    for name, report in stores:
        if "error" in report:
            print(f"| {name} | - | - | - | - | - | - | not evaluated ({report['error']}) |")
            continue
        for model, entry in report.get("models", {}).items():
            for r in entry.get("verdicts", []):
                verdict = r.get("verdict", "")
                if verdict.startswith("loses") or verdict.startswith("outside"):
                    verdict = f"**{verdict}**"
                print(f"| {name} | {model} | {r['metric']} | {fmt(r.get('ours'))} | "
                      f"{r.get('baseline') or '-'} | {fmt(r.get('baseline_value'))} | "
                      f"{fmt(r.get('n'))} | {verdict} |")
        for model, why in report.get("skipped", {}).items():
            print(f"| {name} | {model} | - | - | - | - | - | skipped: {why} |")


def spread(stores):
    print("| store | scorer | titles | mean | p10 | p50 | p90 | share flagged |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for name, report in stores:
        entry = report.get("models", {}).get("clickbait")
        if not entry:
            continue
        scorers = [("clickbait " + entry.get("version", ""), entry.get("metrics", {}))]
        scorers += list(entry.get("baselines", {}).items())
        for scorer, metrics in scorers:
            d = metrics.get("trending_titles")
            if d:
                print(f"| {name} | {scorer} | {fmt(d['n'])} | {fmt(d['mean'])} | {fmt(d['p10'])} | "
                      f"{fmt(d['p50'])} | {fmt(d['p90'])} | {fmt(d['share_flagged'])} |")


def details(stores):
    for name, report in stores:
        print(f"### {name}\n")
        if "error" in report:
            print(f"Not evaluated: {report['error']}\n")
            continue
        if "excluded_shared" in report:
            ex = report["excluded_shared"]
            print(f"Left out as shared with the training store: {ex.get('videos_dropped')} videos "
                  f"({ex.get('shared_channels')} shared channels).\n")
        for model, entry in report.get("models", {}).items():
            baselines = dict(entry.get("baselines", {}))
            for variant, m in entry.get("variants", {}).items():
                baselines[f"ours: {variant}"] = m
            metrics = entry.get("metrics", {})
            keys = [k for k, v in metrics.items() if isinstance(v, (int, float)) or v is None]
            header = ["metric", f"{model} {entry.get('version', '')}"] + list(baselines)
            print(f"**{model}** (n = {fmt(entry.get('n'))})")
            extra = []
            if "label" in entry:
                extra.append(f"label: {json.dumps(entry['label'])}")
            if "injected_anomalies" in entry:
                extra.append(f"injected: {json.dumps(entry['injected_anomalies'])}")
            for why in entry.get("skipped", []):
                extra.append(f"skipped: {why}")
            if extra:
                print("; ".join(extra))
            print()
            print("| " + " | ".join(header) + " |")
            print("|" + "---|" * len(header))
            for k in keys:
                row = [k, fmt(metrics.get(k))] + [fmt(b.get(k)) if k in b else "-" for b in baselines.values()]
                print("| " + " | ".join(row) + " |")
            # viral: judged re-based on the store's population; the probabilities as trained
            nested = [("population", ("logit_offset", "videos")),
                      ("as_trained", ("roc_auc", "brier", "ece"))]
            for part, subkeys in nested:
                if not isinstance(metrics.get(part), dict):
                    continue
                for k in subkeys:
                    row = [f"{part.replace('_', ' ')}: {k}", fmt(metrics[part].get(k))]
                    row += [fmt(b.get(part, {}).get(k)) for b in baselines.values()]
                    print("| " + " | ".join(row) + " |")
            # velocity: judged re-calibrated on the store (cross-fitted); the forecasts as trained
            if isinstance(metrics.get("adapted_on_store"), dict):
                def trained(m):
                    return m.get("adapted_on_store", {}).get("as_trained", m)
                for k in ("mrse", "median_ape", "coverage_80"):
                    row = [f"as trained: {k}", fmt(trained(metrics).get(k))]
                    row += [fmt(trained(b).get(k)) if k in trained(b) else "-" for b in baselines.values()]
                    print("| " + " | ".join(row) + " |")
            by_h = metrics.get("by_horizon")
            if isinstance(by_h, dict):
                print()
                print("| hours ahead | n | mrse | median_ape | coverage_80 |" +
                      "".join(f" {b} mrse |" for b in baselines))
                print("|---|---:|---:|---:|---:|" + "---:|" * len(baselines))
                for bucket, m in by_h.items():
                    cells = [bucket, fmt(m.get("n")), fmt(m.get("mrse")), fmt(m.get("median_ape")),
                             fmt(m.get("coverage_80"))]
                    cells += [fmt(b.get("by_horizon", {}).get(bucket, {}).get("mrse")) for b in baselines.values()]
                    print("| " + " | ".join(cells) + " |")
            print()
        for model, why in report.get("skipped", {}).items():
            print(f"- {model}: skipped: {why}")
        print()


if __name__ == "__main__":
    modes = {"verdicts": verdicts, "details": details, "spread": spread}
    if len(sys.argv) < 3 or sys.argv[1] not in modes:
        sys.exit(__doc__)
    modes[sys.argv[1]](load(sys.argv[2:]))
