"""Loading training videos for the peer (the seed's app/utils/loaders.py role).

- JSON: an array of videos in the API's body shape, or one such object per line (JSONL).
- Kaggle trending CSV ("Trending YouTube Video Statistics": video_id, trending_date yy.dd.mm,
  title, channel_title, category_id, publish_time, tags "a"|"b", views, likes, comment_count,
  description): rows of one video_id become its snapshots, one per trending day. Channel sizes
  are not in that file: a channel's videos and views are summed from it, subscribers stay 0.
Errors name the file and line.
"""
from __future__ import annotations

import csv
import json
from collections import defaultdict
from datetime import datetime, timedelta, timezone

from features import as_utc

KAGGLE_COLUMNS = ("video_id", "trending_date", "title", "category_id", "publish_time", "views",
                  "likes", "comment_count")


class LoadError(Exception):
    pass


def _normalise(video: dict, where: str) -> dict:
    try:
        video["published_at"] = as_utc(video["published_at"])
        for s in video.get("snapshots") or []:
            s["captured_at"] = as_utc(s["captured_at"])
        video["snapshots"] = sorted(video.get("snapshots") or [], key=lambda s: s["captured_at"])
    except (KeyError, ValueError, TypeError) as e:
        raise LoadError(f"{where}: bad video: {e!r}") from e
    return video


def load_json(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if text.lstrip().startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as e:
            raise LoadError(f"{path}:{e.lineno}: {e.msg}") from e
        return [_normalise(v, f"{path}: $[{i}]") for i, v in enumerate(items)]
    videos = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            videos.append(_normalise(json.loads(line), f"{path}:{n}"))
        except json.JSONDecodeError as e:
            raise LoadError(f"{path}:{n}: {e.msg}") from e
    return videos


def _trending_day(value: str) -> datetime:
    yy, dd, mm = value.split(".")
    # The list is published during the day: take its end so the snapshot follows publishing.
    return datetime(2000 + int(yy), int(mm), int(dd), 23, 59, tzinfo=timezone.utc)


def load_kaggle_csv(path: str) -> list[dict]:
    rows_by_video: dict[str, list[dict]] = defaultdict(list)
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in KAGGLE_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise LoadError(f"{path}:1: missing columns {', '.join(missing)}")
        for row in reader:
            try:
                row["_captured"] = _trending_day(row["trending_date"])
                row["_published"] = as_utc(row["publish_time"])
                for k in ("views", "likes", "comment_count", "category_id"):
                    row[k] = int(row[k])
            except (ValueError, TypeError) as e:
                raise LoadError(f"{path}:{reader.line_num}: {e}") from e
            rows_by_video[row["video_id"]].append(row)
    channel_videos: dict[str, int] = defaultdict(int)
    channel_views: dict[str, int] = defaultdict(int)
    for rows in rows_by_video.values():
        channel_videos[rows[0].get("channel_title", "")] += 1
        channel_views[rows[0].get("channel_title", "")] += max(r["views"] for r in rows)
    videos = []
    for rows in rows_by_video.values():
        rows.sort(key=lambda r: r["_captured"])
        first = rows[0]
        published = first["_published"]
        snaps, seen = [], set()
        for r in rows:
            t = max(r["_captured"], published + timedelta(minutes=1))
            if t in seen:
                continue
            seen.add(t)
            snaps.append({"captured_at": t, "views": r["views"], "likes": r["likes"],
                          "comments": r["comment_count"]})
        ch = first.get("channel_title", "")
        videos.append({
            "title": first["title"], "description": first.get("description") or "",
            "tags": [t.strip('"') for t in (first.get("tags") or "").split("|")
                     if t and t != "[none]"],
            "category_id": first["category_id"], "published_at": published, "duration_s": 0,
            "channel": {"subscribers": 0, "videos": channel_videos[ch],
                        "views": channel_views[ch]},
            "snapshots": snaps,
        })
    return videos


def load_clickbait_dir(path: str) -> tuple[list[str], list[int]]:
    """The "Stop Clickbait" headlines: clickbait_data.txt and non_clickbait_data.txt."""
    titles, labels = [], []
    for name, label in (("clickbait_data.txt", 1), ("non_clickbait_data.txt", 0)):
        with open(f"{path}/{name}", encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    titles.append(line.strip())
                    labels.append(label)
    return titles, labels
