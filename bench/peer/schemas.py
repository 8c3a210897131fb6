"""Request and response models of the peer (the seed's app/schemas/ and app/utils/validators.py).

pydantic v1 (Debian 12's python3-pydantic 1.10). Limits match `vv serve`'s defaults so both
servers refuse the same bodies: counts >= 0, finite numbers, ISO 8601 dates with an offset,
snapshots in time order, bounded strings, unknown keys refused; the same keys as `vv serve`.
"""
from __future__ import annotations

from datetime import datetime
from typing import Dict, List, Optional

from pydantic import BaseModel, Extra, Field, conint, constr, validator

Count = conint(ge=0, le=10**15, strict=False)


class Strict(BaseModel):
    class Config:
        extra = Extra.forbid
        anystr_strip_whitespace = False


class ChannelIn(Strict):
    id: Optional[constr(max_length=64)] = None
    title: Optional[constr(max_length=200)] = None
    country: Optional[constr(max_length=8)] = None
    created_at: Optional[datetime] = None
    subscribers: Count = 0
    videos: Count = 0
    views: Count = 0


class SnapshotIn(Strict):
    captured_at: datetime
    views: Count
    likes: Count = 0
    dislikes: Optional[Count] = None  # hidden by YouTube since 2021
    comments: Count = 0

    @validator("captured_at")
    def has_offset(cls, v):  # noqa: N805 (pydantic's signature)
        if v.tzinfo is None:
            raise ValueError("needs a time zone offset (ISO 8601, e.g. 2024-01-01T00:00:00Z)")
        return v


class VideoIn(Strict):
    id: Optional[constr(max_length=64)] = None
    channel_id: Optional[constr(max_length=64)] = None
    default_language: Optional[constr(max_length=16)] = None
    as_of: Optional[datetime] = None
    title: constr(max_length=200) = ""
    description: constr(max_length=10000) = ""
    tags: List[constr(max_length=100)] = Field(default_factory=list, max_items=100)
    category_id: conint(ge=0, le=100) = 0
    published_at: datetime
    duration_s: conint(ge=0, le=10**7) = 0
    channel: ChannelIn = Field(default_factory=ChannelIn)
    snapshots: List[SnapshotIn] = Field(default_factory=list, max_items=10000)

    @validator("published_at")
    def has_offset(cls, v):  # noqa: N805
        if v.tzinfo is None:
            raise ValueError("needs a time zone offset (ISO 8601, e.g. 2024-01-01T00:00:00Z)")
        return v

    @validator("snapshots")
    def in_time_order(cls, snaps, values):  # noqa: N805
        published = values.get("published_at")
        for i, s in enumerate(snaps):
            if published is not None and s.captured_at < published:
                raise ValueError(f"snapshots[{i}] is before published_at")
            if i and s.captured_at <= snaps[i - 1].captured_at:
                raise ValueError(f"snapshots[{i}] is not after snapshots[{i - 1}]")
        return snaps

    def as_dict(self) -> dict:
        return self.dict()


class Contribution(BaseModel):
    feature: str
    value: float


class ViralOut(BaseModel):
    model: str
    version: str
    probability: float
    label: bool
    top_features: List[Contribution]


class Horizon(BaseModel):
    hours: int
    views: float
    views_per_hour: float
    low: float
    high: float


class VelocityOut(BaseModel):
    model: str
    version: str
    horizons: List[Horizon]


class ClickbaitOut(BaseModel):
    model: str
    version: str
    score: float
    label: bool
    signals: Dict[str, float]


class Scored(BaseModel):
    name: str
    score: float


class GenreOut(BaseModel):
    model: str
    version: str
    categories: List[Scored]


class TagsOut(BaseModel):
    model: str
    version: str
    tags: List[Scored]


class AnomalyOut(BaseModel):
    model: str
    version: str
    score: float
    flag: bool
    reasons: List[str]


class AllOut(BaseModel):
    velocity: Optional[VelocityOut]
    viral: ViralOut
    clickbait: ClickbaitOut
    genre: GenreOut
    tags: TagsOut
    anomaly: Optional[AnomalyOut]
