-- Collection bookkeeping for `vv collect` (src/collect).
CREATE TABLE collection_runs (
  id         bigserial PRIMARY KEY,
  kind       text NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at   timestamptz,
  calls      bigint NOT NULL DEFAULT 0,
  units      bigint NOT NULL DEFAULT 0,
  rows       bigint NOT NULL DEFAULT 0,
  errors     bigint NOT NULL DEFAULT 0,
  status     text NOT NULL DEFAULT 'running',
  message    text NOT NULL DEFAULT '',
  worker     text NOT NULL DEFAULT ''
);
CREATE INDEX collection_runs_by_started ON collection_runs (started_at);

-- Tracked channels and who is collecting them: a claim is a lease until claimed_until.
-- Collectors claim rows with SELECT ... FOR UPDATE SKIP LOCKED.
CREATE TABLE collection_jobs (
  channel_id    text PRIMARY KEY,
  next_due      timestamptz NOT NULL,
  claimed_by    text,
  claimed_until timestamptz
);
CREATE INDEX collection_jobs_by_due ON collection_jobs (next_due);
