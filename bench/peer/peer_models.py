"""The peer's six model wrappers (the seed's app/models/*.py), loaded from train_peer.py's folder.

Each predict takes one validated video as a dict and returns a plain dict of its answer, the
same content as `vv serve`'s answers (viral with top feature contributions, velocity with 80 %
intervals, top 3 genres, ...), so that both servers do comparable work per request.
"""
from __future__ import annotations

import json
import math
import os

import joblib
import numpy as np
import xgboost as xgb

import features as F

CATEGORY_NAMES = {
    1: "Film & Animation", 2: "Autos & Vehicles", 10: "Music", 15: "Pets & Animals",
    17: "Sports", 19: "Travel & Events", 20: "Gaming", 22: "People & Blogs", 23: "Comedy",
    24: "Entertainment", 25: "News & Politics", 26: "Howto & Style", 27: "Education",
    28: "Science & Technology", 29: "Nonprofits & Activism",
}


class PeerModels:
    def __init__(self, folder: str):
        with open(os.path.join(folder, "manifest.json")) as f:
            self.manifest = json.load(f)
        self.viral = xgb.Booster()
        self.viral.load_model(os.path.join(folder, "viral.json"))
        self.viral.set_param({"nthread": 1})
        self.velocity = xgb.Booster()
        self.velocity.load_model(os.path.join(folder, "velocity.json"))
        self.velocity.set_param({"nthread": 1})
        rest = joblib.load(os.path.join(folder, "models.joblib"))
        self.version = rest["version"]
        self.calib = rest["viral_calibration"]
        self.conformal = rest["conformal"]
        self.horizons = rest["horizons"]
        self.clickbait = rest["clickbait"]
        self.genre_model = rest["genre"]
        self.tag_model = rest["tags"]
        self.iso = rest["anomaly"]

    def _meta(self, name: str) -> dict:
        return {"model": name, "version": self.version}

    def predict_viral(self, video: dict) -> dict:
        row = F.numeric_row(video).reshape(1, -1)
        margin = float(self.viral.inplace_predict(row, predict_type="margin")[0])
        a, b = self.calib
        p = 1.0 / (1.0 + math.exp(-(a * margin + b)))
        # Saabas path attribution (approx_contribs), the method `vv serve` uses for its top
        # features; exact TreeSHAP would cost this peer ~3.5x more.
        contribs = self.viral.predict(xgb.DMatrix(row, missing=np.nan), pred_contribs=True,
                                      approx_contribs=True)[0]
        order = np.argsort(-np.abs(contribs[:-1]))[:5]  # last column is the bias
        top = [{"feature": F.NUMERIC_FEATURES[i], "value": float(contribs[i])} for i in order]
        return {**self._meta("viral"), "probability": p, "label": p >= 0.5, "top_features": top}

    def predict_velocity(self, video: dict) -> dict | None:
        if not video.get("snapshots"):
            return None
        row = F.numeric_row(video).reshape(1, -1)
        logs = self.velocity.inplace_predict(row)[0]
        horizons = []
        for h, lv, q in zip(self.horizons, logs, self.conformal):
            views = float(math.expm1(lv))
            horizons.append({"hours": h, "views": views, "views_per_hour": views / h,
                             "low": float(math.expm1(lv - q)), "high": float(math.expm1(lv + q))})
        return {**self._meta("velocity"), "horizons": horizons}

    def predict_clickbait(self, video: dict) -> dict:
        title = video.get("title") or ""
        score = float(self.clickbait.predict_proba([title])[0, 1])
        return {**self._meta("clickbait"), "score": score, "label": score >= 0.5,
                "signals": F.title_signals(title)}

    def _genre_probs(self, video: dict) -> list[tuple[int, float]]:
        probs = self.genre_model.predict_proba([F.genre_text(video)])[0]
        classes = self.genre_model.classes_
        order = np.argsort(-probs)[:3]
        return [(int(classes[i]), float(probs[i])) for i in order]

    def predict_genre(self, video: dict, probs=None) -> dict:
        probs = probs or self._genre_probs(video)
        cats = [{"name": CATEGORY_NAMES.get(c, str(c)), "score": p} for c, p in probs]
        return {**self._meta("genre"), "categories": cats}

    def predict_tags(self, video: dict, probs=None) -> dict:
        probs = probs or self._genre_probs(video)
        scores: dict[str, float] = {}
        for cat, p in probs:
            for tag, freq in self.tag_model["top_by_category"].get(cat, []):
                scores[tag] = scores.get(tag, 0.0) + p * freq
        have = {t.lower() for t in video.get("tags") or []}
        for w in F.title_words(video.get("title") or ""):
            if w in self.tag_model["vocab"]:
                scores[w] = scores.get(w, 0.0) + 0.5
        best = sorted(((t, s) for t, s in scores.items() if t not in have),
                      key=lambda ts: -ts[1])[:10]
        return {**self._meta("tags"), "tags": [{"name": t, "score": s} for t, s in best]}

    def predict_anomaly(self, video: dict) -> dict | None:
        if not video.get("snapshots"):
            return None
        row = F.anomaly_row(video)
        s = float(self.iso.score_samples(row.reshape(1, -1))[0])
        reasons = []
        if row[0] < 0.005:
            reasons.append("few likes for its views")
        if row[3] > 1.5:
            reasons.append("views jumped between snapshots")
        return {**self._meta("anomaly"), "score": -s, "flag": s < self.iso.offset_,
                "reasons": reasons}

    def predict_all(self, video: dict) -> dict:
        probs = self._genre_probs(video)
        return {
            "velocity": self.predict_velocity(video), "viral": self.predict_viral(video),
            "clickbait": self.predict_clickbait(video),
            "genre": self.predict_genre(video, probs), "tags": self.predict_tags(video, probs),
            "anomaly": self.predict_anomaly(video),
        }
