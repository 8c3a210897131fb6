"""Feature engineering of the peer (the seed's app/utils/features.py design).

One function per model input, shared by train_peer.py and app.py, so the peer computes the same
inputs at training and at serving time. Videos are plain dicts in the API's JSON shape
({"title", "description", "tags", "category_id", "published_at", "duration_s",
"channel": {...}, "snapshots": [...]}), with datetimes already parsed.
"""
from __future__ import annotations

import math
import re
from datetime import datetime, timezone

import numpy as np

NUMERIC_FEATURES = [
    "log_subscribers", "log_channel_videos", "log_channel_views", "log_views_per_channel_video",
    "title_chars", "title_words", "title_caps_ratio", "title_has_question", "title_has_exclaim",
    "title_has_number", "n_tags", "description_chars", "log_duration", "category_id",
    "publish_hour", "publish_weekday", "first_age_hours", "first_log_views", "first_log_likes",
    "first_log_comments", "first_like_ratio", "first_comment_ratio", "first_log_views_per_hour",
    "n_snapshots", "last_age_hours", "last_log_views", "last_log_views_per_hour",
]

ANOMALY_FEATURES = [
    "like_ratio", "comment_ratio", "log_views_per_subscriber", "max_growth_jump",
    "max_log_views_per_hour", "likes_per_comment",
]

_WORD = re.compile(r"\w+", re.UNICODE)
_DIGIT = re.compile(r"\d")


def as_utc(value) -> datetime:
    """A datetime in UTC; naive ones are taken as UTC (the API requires an offset)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


def _hours(later: datetime, earlier: datetime) -> float:
    return max((later - earlier).total_seconds() / 3600.0, 1.0 / 60.0)


def title_signals(title: str) -> dict:
    letters = [c for c in title if c.isalpha()]
    caps = sum(1 for c in letters if c.isupper())
    return {
        "title_chars": float(len(title)),
        "title_words": float(len(_WORD.findall(title))),
        "title_caps_ratio": caps / len(letters) if letters else 0.0,
        "title_has_question": float("?" in title),
        "title_has_exclaim": float("!" in title),
        "title_has_number": float(bool(_DIGIT.search(title))),
    }


def numeric_row(video: dict) -> np.ndarray:
    """The viral and velocity input: channel size, title signals, first and last snapshot."""
    channel = video.get("channel") or {}
    subs = float(channel.get("subscribers", 0))
    cvideos = float(channel.get("videos", 0))
    cviews = float(channel.get("views", 0))
    published = as_utc(video["published_at"])
    snaps = video.get("snapshots") or []
    f = {
        "log_subscribers": math.log1p(subs),
        "log_channel_videos": math.log1p(cvideos),
        "log_channel_views": math.log1p(cviews),
        "log_views_per_channel_video": math.log1p(cviews / max(cvideos, 1.0)),
        "n_tags": float(len(video.get("tags") or [])),
        "description_chars": float(len(video.get("description") or "")),
        "log_duration": math.log1p(float(video.get("duration_s") or 0)),
        "category_id": float(video.get("category_id") or 0),
        "publish_hour": float(published.hour),
        "publish_weekday": float(published.weekday()),
        "n_snapshots": float(len(snaps)),
    }
    f.update(title_signals(video.get("title") or ""))
    if snaps:
        first, last = snaps[0], snaps[-1]
        fa = _hours(as_utc(first["captured_at"]), published)
        la = _hours(as_utc(last["captured_at"]), published)
        fv, fl, fc = float(first["views"]), float(first["likes"]), float(first["comments"])
        lv = float(last["views"])
        f.update({
            "first_age_hours": fa, "first_log_views": math.log1p(fv),
            "first_log_likes": math.log1p(fl), "first_log_comments": math.log1p(fc),
            "first_like_ratio": fl / max(fv, 1.0), "first_comment_ratio": fc / max(fv, 1.0),
            "first_log_views_per_hour": math.log1p(fv / fa),
            "last_age_hours": la, "last_log_views": math.log1p(lv),
            "last_log_views_per_hour": math.log1p(lv / la),
        })
    else:
        for k in ("first_age_hours", "first_log_views", "first_log_likes", "first_log_comments",
                  "first_like_ratio", "first_comment_ratio", "first_log_views_per_hour",
                  "last_age_hours", "last_log_views", "last_log_views_per_hour"):
            f[k] = float("nan")  # XGBoost's missing value
    return np.array([f[name] for name in NUMERIC_FEATURES], dtype=np.float32)


def anomaly_row(video: dict) -> np.ndarray:
    """Engagement ratios and growth jumps: what bought views or likes distort."""
    snaps = video.get("snapshots") or []
    subs = float((video.get("channel") or {}).get("subscribers", 0))
    published = as_utc(video["published_at"])
    last = snaps[-1]
    views, likes, comments = float(last["views"]), float(last["likes"]), float(last["comments"])
    jump, rate = 0.0, 0.0
    prev_t, prev_v = published, 0.0
    for s in snaps:
        t = as_utc(s["captured_at"])
        v = float(s["views"])
        r = (v - prev_v) / _hours(t, prev_t)
        rate = max(rate, r)
        if prev_v > 0:
            jump = max(jump, math.log1p(max(v - prev_v, 0.0)) - math.log1p(prev_v))
        prev_t, prev_v = t, v
    row = [
        likes / max(views, 1.0), comments / max(views, 1.0),
        math.log1p(views) - math.log1p(subs), jump, math.log1p(rate),
        math.log1p(likes) - math.log1p(comments),
    ]
    return np.array(row, dtype=np.float64)


def genre_text(video: dict) -> str:
    tags = " ".join(video.get("tags") or [])
    return f"{video.get('title') or ''} {tags} {(video.get('description') or '')[:500]}"


def title_words(title: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(title)]
