-- Videos tracked over time (`vv analyze`, POST /v1/analyze): the collector snapshots each one
-- when next_due comes (collect/track_schedule.h: hourly for the first 48 hours after
-- publication, then daily up to 30 days). next_due NULL: tracking is over, `ended` says why.
-- A claim is a lease until claimed_until, as for collection_jobs. Timestamps are unix seconds.
CREATE TABLE tracked_videos (
  video_id      TEXT PRIMARY KEY REFERENCES videos (id) ON DELETE CASCADE,
  tracked_since INTEGER NOT NULL,
  next_due      INTEGER,
  reason        TEXT NOT NULL DEFAULT '',
  ended         TEXT NOT NULL DEFAULT '',
  claimed_by    TEXT,
  claimed_until INTEGER
);
CREATE INDEX tracked_videos_by_due ON tracked_videos (next_due);
