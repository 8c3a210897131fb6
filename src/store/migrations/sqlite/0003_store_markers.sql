-- Markers about the data set as a whole. `vv generate` sets 'generation_in_progress' in its
-- first transaction and clears it in its last, so a killed run leaves the store marked
-- partial and `vv stats`, `vv train` and `vv serve` say so. set_at is unix seconds.
CREATE TABLE store_markers (
  name   TEXT PRIMARY KEY,
  value  TEXT NOT NULL,
  set_at INTEGER NOT NULL
);
