-- Videos tracked over time (`vv analyze`, POST /v1/analyze): the collector snapshots each one
-- when next_due comes (collect/track_schedule.h: hourly for the first 48 hours after
-- publication, then daily up to 30 days). next_due NULL: tracking is over, `ended` says why.
-- A claim is a lease until claimed_until; collectors claim with FOR UPDATE SKIP LOCKED.
CREATE TABLE tracked_videos (
  video_id      text PRIMARY KEY REFERENCES videos (id) ON DELETE CASCADE,
  tracked_since timestamptz NOT NULL,
  next_due      timestamptz,
  reason        text NOT NULL DEFAULT '',
  ended         text NOT NULL DEFAULT '',
  claimed_by    text,
  claimed_until timestamptz
);
CREATE INDEX tracked_videos_by_due ON tracked_videos (next_due);
