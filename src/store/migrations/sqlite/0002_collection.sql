-- Collection bookkeeping for `vv collect` (src/collect). Timestamps are unix seconds.
CREATE TABLE collection_runs (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at   INTEGER,
  calls      INTEGER NOT NULL DEFAULT 0,
  units      INTEGER NOT NULL DEFAULT 0,
  rows       INTEGER NOT NULL DEFAULT 0,
  errors     INTEGER NOT NULL DEFAULT 0,
  status     TEXT NOT NULL DEFAULT 'running',
  message    TEXT NOT NULL DEFAULT '',
  worker     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX collection_runs_by_started ON collection_runs (started_at);

-- Tracked channels and who is collecting them: a claim is a lease until claimed_until.
CREATE TABLE collection_jobs (
  channel_id    TEXT PRIMARY KEY,
  next_due      INTEGER NOT NULL,
  claimed_by    TEXT,
  claimed_until INTEGER
);
CREATE INDEX collection_jobs_by_due ON collection_jobs (next_due);
