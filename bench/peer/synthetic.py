"""Synthetic videos for the peer when no export is given (like `vv generate`, much simpler).

Channels have log-normal sizes; each category has its own vocabulary and tags; some titles use
clickbait templates (their label); views follow a saturating curve whose scale depends on the
channel, the category and the title; a few videos get bought views (a jump with few likes),
the anomalies. Snapshots sample that curve at increasing ages.
"""
from __future__ import annotations

import math
import random
from datetime import datetime, timedelta, timezone

VOCAB = {
    10: ("music", "song", "official", "video", "live", "remix", "album", "lyrics", "cover", "tour"),
    17: ("highlights", "game", "match", "goal", "season", "team", "final", "league", "vs", "win"),
    20: ("gameplay", "walkthrough", "level", "boss", "speedrun", "minecraft", "update", "mod"),
    22: ("vlog", "day", "life", "my", "family", "week", "routine", "morning", "story", "home"),
    23: ("funny", "prank", "sketch", "comedy", "jokes", "parody", "standup", "skit", "fails"),
    24: ("trailer", "show", "episode", "celebrity", "interview", "reaction", "season", "awards"),
    25: ("news", "president", "election", "report", "breaking", "policy", "debate", "vote"),
    26: ("tutorial", "makeup", "diy", "recipe", "how", "to", "easy", "hair", "style", "craft"),
    27: ("explained", "lecture", "history", "learn", "science", "math", "course", "lesson"),
    28: ("review", "unboxing", "iphone", "tech", "laptop", "camera", "test", "specs", "phone"),
}
TEMPLATES_BAIT = (
    "You Won't Believe This {w} {x}!!!", "{n} {w} Secrets They Don't Want You To Know",
    "I Tried {w} For {n} Days And This Happened", "WHAT HAPPENS NEXT WILL SHOCK YOU ({w})",
    "This {w} Will Change Your Life", "Why Everyone Is Talking About {w} {x}?!",
)
TEMPLATES_PLAIN = (
    "{W} {X} {y}", "{W} {X} - part {n}", "{W} and {X}: {y}", "{W} {X} ({n})", "Our {w} {x}",
)
START = datetime(2024, 1, 1, tzinfo=timezone.utc)


def _title(rng: random.Random, words, bait: bool) -> str:
    w, x, y = rng.sample(words, 3)
    t = rng.choice(TEMPLATES_BAIT if bait else TEMPLATES_PLAIN)
    return t.format(w=w, x=x, y=y, W=w.capitalize(), X=x.capitalize(), n=rng.randint(2, 30))


def _curve(scale: float, tau_h: float, hours: float) -> float:
    return scale * (1.0 - math.exp(-hours / tau_h))


def generate(n_videos: int, n_channels: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    cats = sorted(VOCAB)
    channels = []
    for i in range(n_channels):
        subs = int(math.exp(rng.gauss(10.0, 2.0)))
        nvid = rng.randint(5, 2000)
        channels.append({"subscribers": subs, "videos": nvid,
                         "views": int(subs * nvid * math.exp(rng.gauss(0.0, 1.0)) * 3),
                         "home": rng.choice(cats)})
    videos = []
    for i in range(n_videos):
        ch = channels[rng.randrange(n_channels)]
        cat = ch["home"] if rng.random() < 0.8 else rng.choice(cats)
        words = list(VOCAB[cat])
        bait = rng.random() < 0.3
        published = START + timedelta(minutes=rng.randint(0, 60 * 24 * 300))
        tags = rng.sample(words, rng.randint(1, 5))
        quality = math.exp(rng.gauss(0.0, 0.8)) * (1.6 if bait else 1.0)
        scale = 50 + ch["subscribers"] ** 0.85 * quality * (1.0 + cats.index(cat) / 10)
        tau = math.exp(rng.gauss(math.log(40.0), 0.6))
        bought = rng.random() < 0.04
        ages = sorted(rng.uniform(1.0, 400.0) for _ in range(rng.randint(2, 6)))
        like_rate, comment_rate = rng.uniform(0.01, 0.06), rng.uniform(0.001, 0.01)
        snaps, boost = [], 0.0
        for k, age in enumerate(ages):
            views = _curve(scale, tau, age)
            if bought and k == len(ages) - 1:
                boost = views * rng.uniform(3.0, 10.0)
            snaps.append({
                "captured_at": published + timedelta(hours=age),
                "views": int(views + boost),
                "likes": int(views * like_rate), "comments": int(views * comment_rate),
            })
        videos.append({
            "title": _title(rng, words, bait),
            "description": " ".join(rng.choices(words, k=rng.randint(5, 40))),
            "tags": tags, "category_id": cat, "published_at": published,
            "duration_s": int(math.exp(rng.gauss(6.0, 1.0))),
            "channel": {k: ch[k] for k in ("subscribers", "videos", "views")},
            "snapshots": snaps,
            # Labels the generator knows (real exports do not have them).
            "_clickbait": bait, "_anomaly": bought,
            "_views_at": {h: _curve(scale, tau, h) for h in (24, 168, 720)},
        })
    return videos
