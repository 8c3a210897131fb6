"""Tests of the benchmark peer (needs VV_WITH_BENCH=1 scripts/install-deps.sh):
  /usr/bin/python3 -m unittest discover -s bench/peer -p 'test_*.py'
Trains on a small synthetic set once (a few seconds), then checks answers, validation and loaders.
"""
from __future__ import annotations

import copy
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import loaders  # noqa: E402
import schemas as S  # noqa: E402
import synthetic  # noqa: E402
import train_peer  # noqa: E402
from peer_models import PeerModels  # noqa: E402
from pydantic import ValidationError  # noqa: E402

BODY_PATH = os.path.join(os.path.dirname(__file__), "..", "wrk", "video.json")


class PeerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        rc = train_peer.main(["--out", cls.tmp.name, "--videos", "800", "--seed", "7"])
        assert rc == 0
        cls.models = PeerModels(cls.tmp.name)
        with open(BODY_PATH) as f:
            cls.body = json.load(f)
        cls.video = S.VideoIn(**cls.body).dict()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_manifest_names_source_and_metrics(self):
        with open(os.path.join(self.tmp.name, "manifest.json")) as f:
            m = json.load(f)
        self.assertIn("synthetic", m["source"])
        self.assertGreater(m["metrics"]["viral"]["roc_auc"], 0.7)
        self.assertGreater(m["metrics"]["clickbait"]["accuracy"], 0.8)

    def test_viral_answer(self):
        a = self.models.predict_viral(self.video)
        self.assertTrue(0.0 <= a["probability"] <= 1.0)
        self.assertEqual(a["label"], a["probability"] >= 0.5)
        self.assertEqual(len(a["top_features"]), 5)
        mags = [abs(c["value"]) for c in a["top_features"]]
        self.assertEqual(mags, sorted(mags, reverse=True))

    def test_velocity_grows_with_horizon_and_interval_holds_point(self):
        h = self.models.predict_velocity(self.video)["horizons"]
        self.assertEqual([x["hours"] for x in h], [24, 168, 720])
        for x in h:
            self.assertLessEqual(x["low"], x["views"])
            self.assertLessEqual(x["views"], x["high"])
        self.assertLess(h[0]["views"], h[2]["views"])

    def test_velocity_and_anomaly_need_snapshots(self):
        bare = {**self.video, "snapshots": []}
        self.assertIsNone(self.models.predict_velocity(bare))
        self.assertIsNone(self.models.predict_anomaly(bare))
        self.assertIn("probability", self.models.predict_viral(bare))

    def test_clickbait_separates_templates(self):
        bait = {**self.video, "title": "You Won't Believe This Boss Level!!!"}
        plain = {**self.video, "title": "Gameplay Walkthrough - part 3"}
        self.assertGreater(self.models.predict_clickbait(bait)["score"],
                           self.models.predict_clickbait(plain)["score"])

    def test_genre_and_tags(self):
        g = self.models.predict_genre(self.video)["categories"]
        self.assertEqual(g[0]["name"], "Gaming")
        tags = [t["name"] for t in self.models.predict_tags(self.video)["tags"]]
        self.assertTrue(tags)
        self.assertFalse(set(tags) & {"gameplay", "speedrun", "minecraft"})  # already present

    def test_bought_views_score_higher(self):
        bought = copy.deepcopy(self.video)
        bought["snapshots"][1]["views"] = 4_000_000  # a 100x jump with the same likes
        self.assertGreater(self.models.predict_anomaly(bought)["score"],
                           self.models.predict_anomaly(self.video)["score"])

    def test_validation_refuses_bad_bodies(self):
        cases = {
            "negative": ("snapshots", 1, "views", -1),
            "naive date": ("published_at", None, None, "2024-03-01T12:00:00"),
            "unknown key": ("publishedAt", None, None, "2024-03-01T12:00:00Z"),
        }
        for name, (key, idx, sub, value) in cases.items():
            body = copy.deepcopy(self.body)
            if idx is None:
                body[key] = value
            else:
                body[key][idx][sub] = value
            with self.assertRaises(ValidationError, msg=name):
                S.VideoIn(**body)
        body = copy.deepcopy(self.body)
        body["snapshots"].reverse()
        with self.assertRaises(ValidationError):
            S.VideoIn(**body)

    def test_json_loader_names_line(self):
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
            f.write(json.dumps(self.body) + "\n{broken\n")
        try:
            with self.assertRaisesRegex(loaders.LoadError, r":2: "):
                loaders.load_json(f.name)
        finally:
            os.unlink(f.name)

    def test_kaggle_csv_groups_rows_into_snapshots(self):
        header = "video_id,trending_date,title,channel_title,category_id,publish_time,tags," \
                 "views,likes,comment_count,description\n"
        rows = ['a1,24.02.03,T one,C,10,2024-03-01T10:00:00.000Z,"""x""|""y""",100,5,1,d\n',
                "a1,24.03.03,T one,C,10,2024-03-01T10:00:00.000Z,x,300,9,2,d\n",
                "b2,24.02.03,T two,C,20,2024-03-02T10:00:00.000Z,[none],50,1,0,\n"]
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
            f.write(header + "".join(rows))
        try:
            videos = {v["title"]: v for v in loaders.load_kaggle_csv(f.name)}
        finally:
            os.unlink(f.name)
        self.assertEqual([s["views"] for s in videos["T one"]["snapshots"]], [100, 300])
        self.assertEqual(videos["T one"]["tags"], ["x", "y"])
        self.assertEqual(videos["T two"]["tags"], [])
        self.assertEqual(videos["T one"]["channel"]["videos"], 2)

    def test_synthetic_is_deterministic(self):
        a = synthetic.generate(50, 5, 3)
        b = synthetic.generate(50, 5, 3)
        self.assertEqual([v["title"] for v in a], [v["title"] for v in b])


    def test_app_over_http(self):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        env = {**os.environ, "VV_PEER_MODELS": self.tmp.name}
        proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "app:app", "--app-dir", os.path.dirname(
                os.path.abspath(__file__)), "--port", str(port), "--no-access-log"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.time() + 120
            while True:
                try:
                    urllib.request.urlopen(url + "/healthz", timeout=5)
                    break
                except OSError:
                    self.assertLess(time.time(), deadline, "peer did not start")
                    time.sleep(0.3)
            code, answer = _post(url + "/v1/predict", json.dumps(self.body).encode())
            self.assertEqual(code, 200)
            self.assertEqual(set(answer), {"velocity", "viral", "clickbait", "genre", "tags",
                                           "anomaly"})
            bad = copy.deepcopy(self.body)
            bad["snapshots"][1]["likes"] = -3
            code, answer = _post(url + "/v1/predict/viral", json.dumps(bad).encode())
            self.assertEqual((code, answer["error"]["path"]), (400, "$.snapshots[1].likes"))
            code, answer = _post(url + "/v1/predict/viral", b'{"title": ')
            self.assertEqual((code, answer["error"]["code"]), (400, "malformed_json"))
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def _post(url: str, data: bytes):
    req = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.load(r)
    except urllib.error.HTTPError as e:
        return e.code, json.load(e)


if __name__ == "__main__":
    unittest.main()
