#!/usr/bin/env python3
"""Trains the peer's six models (the seed's scikit-learn / XGBoost design) into one folder.

  train_peer.py --out DIR [--json FILE | --kaggle-csv FILE] [--clickbait-dir DIR]
                [--videos N] [--seed S]

Without --json / --kaggle-csv it trains on synthetic videos it generates (synthetic.py).
viral: XGBClassifier (200 trees, depth 6, as ours) + Platt calibration on a validation split;
velocity: one multi-output XGBRegressor on log views at 24 h / 7 d / 30 d + split-conformal
80 % intervals; clickbait and genre: TF-IDF + LogisticRegression; tags: the predicted category's
most frequent tags, boosted by tags named in the title; anomaly: IsolationForest.
Inputs are each video's first snapshot, as at serving time. Runs in seconds.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from collections import Counter, defaultdict

os.environ.setdefault("OMP_NUM_THREADS", "1")  # OpenMP spinning on a shared machine costs more than it gains
import joblib  # noqa: E402
import numpy as np  # noqa: E402
import xgboost as xgb  # noqa: E402
from sklearn.ensemble import IsolationForest  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import accuracy_score, roc_auc_score  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import features as F  # noqa: E402
import loaders  # noqa: E402
import synthetic  # noqa: E402

HORIZONS = (24, 168, 720)
XGB_PARAMS = dict(n_estimators=200, max_depth=6, learning_rate=0.1, tree_method="hist",
                  n_jobs=1)


def views_at(video: dict, hours: float) -> float:
    """Views at `hours` after publishing, log-linear between snapshots, flat after the last."""
    if "_views_at" in video:
        return video["_views_at"][hours]
    t_prev, v_prev = 0.0, 0.0
    published = video["published_at"]
    for s in video["snapshots"]:
        t = (s["captured_at"] - published).total_seconds() / 3600.0
        v = float(s["views"])
        if t >= hours:
            w = (hours - t_prev) / max(t - t_prev, 1e-9)
            return math.expm1(math.log1p(v_prev) + w * (math.log1p(v) - math.log1p(v_prev)))
        t_prev, v_prev = t, v
    return v_prev


def first_snapshot_view(video: dict) -> dict:
    return {**video, "snapshots": video["snapshots"][:1]}


def train_viral(X, views7, cats, seed):
    y = np.zeros(len(views7), dtype=int)
    by_cat = defaultdict(list)
    for i, c in enumerate(cats):
        by_cat[c].append(i)
    global_cut = np.quantile(views7, 0.8)
    for idx in by_cat.values():
        cut = np.quantile(views7[idx], 0.8) if len(idx) >= 50 else global_cut
        y[idx] = views7[idx] >= cut
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.3, random_state=seed, stratify=y)
    Xva, Xte, yva, yte = train_test_split(Xte, yte, test_size=0.5, random_state=seed)
    clf = xgb.XGBClassifier(**XGB_PARAMS, objective="binary:logistic", random_state=seed)
    clf.fit(Xtr, ytr)
    platt = LogisticRegression().fit(clf.predict(Xva, output_margin=True).reshape(-1, 1), yva)
    p = platt.predict_proba(clf.predict(Xte, output_margin=True).reshape(-1, 1))[:, 1]
    calib = (float(platt.coef_[0, 0]), float(platt.intercept_[0]))
    return clf, calib, {"roc_auc": float(roc_auc_score(yte, p))}


def train_velocity(X, Y, seed):
    Xtr, Xva, ytr, yva = train_test_split(X, Y, test_size=0.2, random_state=seed)
    reg = xgb.XGBRegressor(**XGB_PARAMS, random_state=seed)
    reg.fit(Xtr, ytr)
    resid = np.abs(reg.predict(Xva) - yva)
    q = [float(np.quantile(resid[:, j], 0.8)) for j in range(Y.shape[1])]
    mrse = float(np.mean((np.expm1(reg.predict(Xva)) / np.maximum(np.expm1(yva), 1) - 1) ** 2))
    return reg, q, {"conformal_q80_log": q, "mrse_val": mrse}


def train_text(texts, labels, seed, max_features):
    Xtr, Xte, ytr, yte = train_test_split(texts, labels, test_size=0.2, random_state=seed)
    pipe = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), max_features=max_features,
                                         sublinear_tf=True),
                         LogisticRegression(max_iter=1000, C=4.0))
    pipe.fit(Xtr, ytr)
    return pipe, {"accuracy": float(accuracy_score(yte, pipe.predict(Xte)))}


def train_tags(videos):
    per_cat = defaultdict(Counter)
    for v in videos:
        per_cat[v["category_id"]].update(t.lower() for t in v.get("tags") or [])
    top = {c: [(t, n / max(cnt.most_common(1)[0][1], 1)) for t, n in cnt.most_common(50)]
           for c, cnt in per_cat.items() if cnt}
    vocab = set(t for cnt in per_cat.values() for t in cnt)
    return {"top_by_category": top, "vocab": vocab}


def load(args):
    if args.json:
        return loaders.load_json(args.json)
    if args.kaggle_csv:
        return loaders.load_kaggle_csv(args.kaggle_csv)
    return synthetic.generate(args.videos, max(args.videos // 15, 10), args.seed)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="folder for the trained models")
    ap.add_argument("--json", help="videos in the API body shape: a JSON array or JSONL")
    ap.add_argument("--kaggle-csv", help="a Kaggle trending CSV (one row per video and day)")
    ap.add_argument("--clickbait-dir", help="Stop Clickbait headlines (clickbait_data.txt ...)")
    ap.add_argument("--videos", type=int, default=6000, help="synthetic videos (default 6000)")
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args(argv)
    t0 = time.time()
    try:
        videos = [v for v in load(args) if v.get("snapshots")]
    except (OSError, loaders.LoadError) as e:
        print(f"train_peer: {e}", file=sys.stderr)
        return 1
    if len(videos) < 100:
        print(f"train_peer: {len(videos)} videos with snapshots; need at least 100",
              file=sys.stderr)
        return 1
    X = np.stack([F.numeric_row(first_snapshot_view(v)) for v in videos])
    cats = [v["category_id"] for v in videos]
    Y = np.log1p(np.array([[views_at(v, h) for h in HORIZONS] for v in videos]))
    viral, calib, m_viral = train_viral(X, np.expm1(Y[:, 1]), cats, args.seed)
    velocity, conformal, m_vel = train_velocity(X, Y, args.seed)
    if args.clickbait_dir:
        titles, labels = loaders.load_clickbait_dir(args.clickbait_dir)
    elif "_clickbait" in videos[0]:
        titles, labels = [v["title"] for v in videos], [int(v["_clickbait"]) for v in videos]
    else:
        print("train_peer: no clickbait labels: pass --clickbait-dir", file=sys.stderr)
        return 1
    clickbait, m_cb = train_text(titles, labels, args.seed, 50000)
    genre, m_genre = train_text([F.genre_text(v) for v in videos], cats, args.seed, 50000)
    A = np.stack([F.anomaly_row(v) for v in videos])
    iso = IsolationForest(n_estimators=100, contamination=0.04, random_state=args.seed).fit(A)
    metrics = {"viral": m_viral, "velocity": m_vel, "clickbait": m_cb, "genre": m_genre}
    if "_anomaly" in videos[0]:
        truth = [int(v["_anomaly"]) for v in videos]
        metrics["anomaly"] = {"roc_auc": float(roc_auc_score(truth, -iso.score_samples(A)))}
    os.makedirs(args.out, exist_ok=True)
    viral.save_model(os.path.join(args.out, "viral.json"))
    velocity.save_model(os.path.join(args.out, "velocity.json"))
    version = time.strftime("peer-%Y%m%dT%H%M%S")
    joblib.dump({"version": version, "viral_calibration": calib, "conformal": conformal,
                 "horizons": HORIZONS, "clickbait": clickbait, "genre": genre,
                 "tags": train_tags(videos), "anomaly": iso,
                 "anomaly_threshold": float(iso.offset_)},
                os.path.join(args.out, "models.joblib"))
    source = args.json or args.kaggle_csv or f"{len(videos)} synthetic videos (seed {args.seed})"
    if args.json or args.kaggle_csv:
        source = f"{len(videos)} videos of {os.path.basename(source)}"
    manifest = {"version": version, "source": source, "videos": len(videos), "seconds": round(time.time() - t0, 1),
                "metrics": metrics, "features": F.NUMERIC_FEATURES}
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
    print(json.dumps(manifest["metrics"]), f"({manifest['seconds']} s, {len(videos)} videos)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
