"""The peer: the seed's model API design (FastAPI + pydantic + scikit-learn / XGBoost).

Run (2 workers, as the seed deployed it):
  VV_PEER_MODELS=/tmp/peer-models python3 -m uvicorn app:app --app-dir bench/peer \
      --host 127.0.0.1 --port 8101 --workers 2 --no-access-log
Routes: POST /v1/predict/{viral,velocity,clickbait,genre,tags,anomaly}, POST /v1/predict (all
six), GET /healthz. Bodies are validated by pydantic (schemas.py); errors use the same shape as
`vv serve`: {"error": {"code", "message", "path"}} with a JSON path like $.snapshots[2].views.
"""
from __future__ import annotations

import os
import sys

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one thread per worker: 2 workers, 2 cores
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import sklearn  # noqa: E402

# pydantic has already refused NaN and Infinity: skip scikit-learn's per-call finiteness scans
# (a competent deployment's setting; it makes the peer faster, never slower).
sklearn.set_config(assume_finite=True)

from fastapi import FastAPI, HTTPException, Request  # noqa: E402
from fastapi.exceptions import RequestValidationError  # noqa: E402
from fastapi.responses import JSONResponse  # noqa: E402

import schemas as S  # noqa: E402
from peer_models import PeerModels  # noqa: E402

app = FastAPI(title="ViralVelocity peer (seed design)", version="1.0")
MODELS = PeerModels(os.environ.get("VV_PEER_MODELS", "/tmp/peer-models"))


def _json_path(loc) -> str:
    path = "$"
    for part in loc:
        if part == "body":
            continue
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


@app.exception_handler(RequestValidationError)
async def validation_error(request: Request, exc: RequestValidationError):
    first = exc.errors()[0]
    if first["type"] == "value_error.jsondecode":  # loc is (body, char offset): not a path
        return JSONResponse(status_code=400, content={"error": {
            "code": "malformed_json", "message": first["msg"], "path": "$"}})
    return JSONResponse(status_code=400, content={"error": {
        "code": "invalid_request", "message": first["msg"], "path": _json_path(first["loc"])}})


@app.exception_handler(HTTPException)
async def http_error(request: Request, exc: HTTPException):
    return JSONResponse(status_code=exc.status_code, content={"error": {
        "code": "http_error", "message": str(exc.detail), "path": "$"}})


def _video(body: S.VideoIn) -> dict:
    return body.dict()


def _need_snapshots(answer):
    if answer is None:
        raise HTTPException(status_code=400, detail="this model needs at least one snapshot")
    return answer


@app.get("/healthz")
async def healthz():
    return {"status": "ok", "version": MODELS.version}


@app.post("/v1/predict/viral", response_model=S.ViralOut)
async def predict_viral(body: S.VideoIn):
    return MODELS.predict_viral(_video(body))


@app.post("/v1/predict/velocity", response_model=S.VelocityOut)
async def predict_velocity(body: S.VideoIn):
    return _need_snapshots(MODELS.predict_velocity(_video(body)))


@app.post("/v1/predict/clickbait", response_model=S.ClickbaitOut)
async def predict_clickbait(body: S.VideoIn):
    return MODELS.predict_clickbait(_video(body))


@app.post("/v1/predict/genre", response_model=S.GenreOut)
async def predict_genre(body: S.VideoIn):
    return MODELS.predict_genre(_video(body))


@app.post("/v1/predict/tags", response_model=S.TagsOut)
async def predict_tags(body: S.VideoIn):
    return MODELS.predict_tags(_video(body))


@app.post("/v1/predict/anomaly", response_model=S.AnomalyOut)
async def predict_anomaly(body: S.VideoIn):
    return _need_snapshots(MODELS.predict_anomaly(_video(body)))


@app.post("/v1/predict", response_model=S.AllOut)
async def predict_all(body: S.VideoIn):
    return MODELS.predict_all(_video(body))
