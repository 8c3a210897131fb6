-- Initial schema (SQLite). Timestamps are unix seconds; tags are a JSON array of strings.
-- Columns that may be unknown are nullable; "" means unknown for text columns.
CREATE TABLE channels (
  id          TEXT PRIMARY KEY,
  title       TEXT NOT NULL DEFAULT '',
  country     TEXT NOT NULL DEFAULT '',
  subscribers INTEGER,
  video_count INTEGER,
  view_count  INTEGER,
  created_at  INTEGER
);

-- No foreign key to channels: older trending files name a channel but give no channel id.
CREATE TABLE videos (
  id                TEXT PRIMARY KEY,
  channel_id        TEXT NOT NULL DEFAULT '',
  title             TEXT NOT NULL DEFAULT '',
  title_search      TEXT NOT NULL DEFAULT '',  -- case-folded title for substring search
  description       TEXT NOT NULL DEFAULT '',
  tags              TEXT NOT NULL DEFAULT '[]',
  category_id       INTEGER,
  published_at      INTEGER,
  duration_s        INTEGER,
  default_language  TEXT NOT NULL DEFAULT '',
  thumbnail_url     TEXT NOT NULL DEFAULT '',
  comments_disabled INTEGER NOT NULL DEFAULT 0,
  ratings_disabled  INTEGER NOT NULL DEFAULT 0,
  clickbait_label   INTEGER,
  anomaly_label     INTEGER,
  source            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX videos_by_category_published ON videos (category_id, published_at);
CREATE INDEX videos_by_published ON videos (published_at);
CREATE INDEX videos_by_channel ON videos (channel_id, published_at);
CREATE INDEX videos_by_title ON videos (title);

CREATE TABLE snapshots (
  video_id    TEXT NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
  captured_at INTEGER NOT NULL,
  views       INTEGER,
  likes       INTEGER,
  dislikes    INTEGER,
  comments    INTEGER,
  PRIMARY KEY (video_id, captured_at)
) WITHOUT ROWID;
CREATE INDEX snapshots_by_captured ON snapshots (captured_at);

CREATE TABLE labelled_titles (
  id        INTEGER PRIMARY KEY,
  title     TEXT NOT NULL,
  source    TEXT NOT NULL DEFAULT '',
  clickbait INTEGER NOT NULL,
  UNIQUE (title, source)
);

CREATE TABLE categories (
  id     INTEGER NOT NULL,
  region TEXT NOT NULL DEFAULT '',
  name   TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (id, region)
) WITHOUT ROWID;
