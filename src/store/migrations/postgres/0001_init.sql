-- Initial schema (PostgreSQL). Tags are a jsonb array of strings.
-- Columns that may be unknown are nullable; '' means unknown for text columns.
CREATE TABLE channels (
  id          text PRIMARY KEY,
  title       text NOT NULL DEFAULT '',
  country     text NOT NULL DEFAULT '',
  subscribers bigint,
  video_count bigint,
  view_count  bigint,
  created_at  timestamptz
);

-- No foreign key to channels: older trending files name a channel but give no channel id.
CREATE TABLE videos (
  id                text PRIMARY KEY,
  channel_id        text NOT NULL DEFAULT '',
  title             text NOT NULL DEFAULT '',
  title_search      text NOT NULL DEFAULT '',  -- case-folded title for substring search
  description       text NOT NULL DEFAULT '',
  tags              jsonb NOT NULL DEFAULT '[]',
  category_id       integer,
  published_at      timestamptz,
  duration_s        bigint,
  default_language  text NOT NULL DEFAULT '',
  thumbnail_url     text NOT NULL DEFAULT '',
  comments_disabled boolean NOT NULL DEFAULT false,
  ratings_disabled  boolean NOT NULL DEFAULT false,
  clickbait_label   boolean,
  anomaly_label     boolean,
  source            text NOT NULL DEFAULT ''
);
CREATE INDEX videos_by_category_published ON videos (category_id, published_at);
CREATE INDEX videos_by_published ON videos (published_at);
CREATE INDEX videos_by_channel ON videos (channel_id, published_at);
CREATE INDEX videos_by_title ON videos (title COLLATE "C");

-- Substring title search uses a trigram index where pg_trgm can be installed; without it
-- (no privilege, extension missing) search still works, by a sequential scan. The extension
-- goes to schema public, not to this application's schema: dropping one application schema
-- must not drop an extension whose operator classes other schemas' indices use. The operator
-- class is qualified with the extension's schema, which need not be on the search_path.
DO $$
DECLARE
  trgm_schema text;
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
  SELECT n.nspname INTO trgm_schema FROM pg_extension e
    JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
  EXECUTE format('CREATE INDEX videos_by_title_trgm ON videos USING gin (title_search %I.gin_trgm_ops)',
                 trgm_schema);
EXCEPTION WHEN OTHERS THEN
  RAISE WARNING 'pg_trgm unavailable (%); title search will scan', SQLERRM;
END
$$;

CREATE TABLE snapshots (
  video_id    text NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
  captured_at timestamptz NOT NULL,
  views       bigint,
  likes       bigint,
  dislikes    bigint,
  comments    bigint,
  PRIMARY KEY (video_id, captured_at)
);
CREATE INDEX snapshots_by_captured ON snapshots (captured_at);

CREATE TABLE labelled_titles (
  id        bigserial PRIMARY KEY,
  title     text NOT NULL,
  source    text NOT NULL DEFAULT '',
  clickbait boolean NOT NULL,
  UNIQUE (title, source)
);

CREATE TABLE categories (
  id     integer NOT NULL,
  region text NOT NULL DEFAULT '',
  name   text NOT NULL DEFAULT '',
  PRIMARY KEY (id, region)
);
