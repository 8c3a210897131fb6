#!/usr/bin/env python3
"""Compares the real trending data with a data set from `vv generate` (docs/DATA.md).

Real side: the 2017 first-trending snapshots (US and GB), one row per video.
Generated side: for each generated video, the snapshot nearest to a "first trending" age drawn from
the real publish-to-trending lags (a per-video hash picks the quantile), so both sides are
measured at the same point of a video's life.

Standard library only. Usage:
  scripts/data_quantiles.py --real /work/shared/data/youtube-trending-2017 --db var/gen.db
"""
import argparse
import csv
import datetime
import json
import sqlite3
import sys
import zlib
from collections import Counter

QUANTILES = (0.10, 0.50, 0.90, 0.99)
UTC = datetime.timezone.utc


def quantile(sorted_values, p):
    """Linear interpolation between closest ranks (numpy's default)."""
    if not sorted_values:
        return float("nan")
    pos = p * (len(sorted_values) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def record(views, likes, comments, dislikes, tags, title, category, lag_h,
           ratings_disabled, comments_disabled):
    return dict(views=views, likes=likes, comments=comments, dislikes=dislikes, tags=tags,
                title=title, category=category, lag_h=lag_h,
                ratings_disabled=ratings_disabled, comments_disabled=comments_disabled)


def load_real(folder):
    rows = []
    for country in ("US", "GB"):
        path = f"{folder}/{country}_first_snapshot.csv"
        with open(path, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                yy, dd, mm = r["trending_date"].split(".")
                trending = datetime.datetime(2000 + int(yy), int(mm), int(dd), tzinfo=UTC)
                published = datetime.datetime.fromisoformat(
                    r["publish_time"].replace("Z", "+00:00"))
                tags = 0 if r["tags"] == "[none]" else len(r["tags"].split("|"))
                rows.append(record(
                    int(r["views"]), int(r["likes"]), int(r["comment_count"]),
                    int(r["dislikes"]), tags, r["title"], int(r["category_id"]),
                    (trending - published).total_seconds() / 3600,
                    r["ratings_disabled"] == "True", r["comments_disabled"] == "True"))
    return rows


def lag_for(video_id, lags):
    """The real lag at a quantile picked by a hash of the id: stable and evenly spread."""
    u = (zlib.crc32(video_id.encode()) % 100000) / 100000.0
    return quantile(lags, u)


def parse_ts(text):
    if isinstance(text, (int, float)):
        return datetime.datetime.fromtimestamp(text, UTC)
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def pick_snapshot(snaps, published, lag_h):
    """(age in hours, counts) of the snapshot nearest to the lag (the last one when the lag
    is past the observation window: real videos that trend months later)."""
    best = None
    for captured, values in snaps:
        age = (captured - published).total_seconds() / 3600
        if best is None or abs(age - lag_h) < abs(best[0] - lag_h):
            best = (age, values)
    return best


def load_generated(db_path, real_lags):
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    videos = {}
    for vid, title, tags, category, published, cd, rd in con.execute(
            "SELECT id, title, tags, category_id, published_at, comments_disabled, "
            "ratings_disabled FROM videos WHERE source = 'generate'"):
        videos[vid] = (title, tags, category, parse_ts(published), bool(cd), bool(rd))
    snaps = {}
    for vid, captured, views, likes, dislikes, comments in con.execute(
            "SELECT video_id, captured_at, views, likes, dislikes, comments FROM snapshots "
            "ORDER BY video_id, captured_at"):
        snaps.setdefault(vid, []).append((parse_ts(captured), (views, likes, comments, dislikes)))
    rows = []
    for vid, (title, tags, category, published, cd, rd) in videos.items():
        if vid not in snaps:
            continue
        age, (views, likes, comments, dislikes) = pick_snapshot(
            snaps[vid], published, lag_for(vid, real_lags))
        rows.append(record(views, likes or 0, comments or 0, dislikes or 0, count_tags(tags),
                           title, category, age, rd, cd))
    return rows


def count_tags(tags):
    """Tags as the store keeps them: a JSON array or a separator-joined string."""
    if not tags:
        return 0
    if tags.startswith("["):
        return len(json.loads(tags))
    return len(tags.split("|"))


def metrics(rows):
    """Per-metric value lists, skipping rows where the metric does not exist."""
    out = {k: [] for k in ("views", "like/view", "comment/view", "dislike/like",
                           "tags per video", "title length (chars)", "hours since publication")}
    for r in rows:
        v = r["views"]
        out["views"].append(v)
        if v > 0 and not r["ratings_disabled"]:
            out["like/view"].append(r["likes"] / v)
        if v > 0 and not r["comments_disabled"]:
            out["comment/view"].append(r["comments"] / v)
        if r["likes"] > 0 and not r["ratings_disabled"] and r["dislikes"]:
            out["dislike/like"].append(r["dislikes"] / r["likes"])
        out["tags per video"].append(r["tags"])
        out["title length (chars)"].append(len(r["title"]))
        out["hours since publication"].append(r["lag_h"])
    return {k: sorted(v) for k, v in out.items()}


def fmt(x):
    if x != x:
        return "-"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    if abs(x) >= 10:
        return f"{x:.0f}"
    if abs(x) >= 0.1:
        return f"{x:.2f}"
    return f"{x:.4f}"


def category_names(folder):
    try:
        with open(f"{folder}/US_category_id.json", encoding="utf-8") as f:
            return {int(i["id"]): i["snippet"]["title"] for i in json.load(f)["items"]}
    except (OSError, KeyError, ValueError):
        return {}


def print_tables(real, generated, out, names):
    rm, gm = metrics(real), metrics(generated)
    out.write(f"Videos: real {len(real):,}, generated {len(generated):,}.\n\n")
    head = " | ".join(f"p{int(q * 100)}" for q in QUANTILES)
    out.write(f"| metric | side | {head} |\n|---|---|" + "---|" * len(QUANTILES) + "\n")
    for name in rm:
        for side, m in (("real", rm), ("generated", gm)):
            vals = " | ".join(fmt(quantile(m[name], q)) for q in QUANTILES)
            out.write(f"| {name} | {side} | {vals} |\n")
    out.write("\n| category | real share | generated share |\n|---|---|---|\n")
    rc = Counter(r["category"] for r in real)
    gc = Counter(r["category"] for r in generated)
    for cat, n in rc.most_common():
        out.write(f"| {cat} {names.get(cat, '')} | {100 * n / len(real):.1f} % | "
                  f"{100 * gc.get(cat, 0) / max(1, len(generated)):.1f} % |\n")
    for name, rows in (("real", real), ("generated", generated)):
        caps = sum(any(w.isupper() and len(w) > 2 for w in r["title"].split()) for r in rows)
        bang = sum("!" in r["title"] for r in rows)
        out.write(f"\n- {name}: titles with an ALL-CAPS word {100 * caps / len(rows):.1f} %, "
                  f"with '!' {100 * bang / len(rows):.1f} %")
    out.write("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--real", required=True, help="folder with US_/GB_first_snapshot.csv")
    ap.add_argument("--db", required=True, help="SQLite file written by vv generate")
    args = ap.parse_args()
    real = load_real(args.real)
    lags = sorted(r["lag_h"] for r in real)
    generated = load_generated(args.db, lags)
    if not generated:
        sys.exit(f"{args.db}: no generated videos with snapshots")
    print_tables(real, generated, sys.stdout, category_names(args.real))


if __name__ == "__main__":
    main()
