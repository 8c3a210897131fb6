-- Markers about the data set as a whole. `vv generate` sets 'generation_in_progress' in its
-- first transaction and clears it in its last, so a killed run leaves the store marked
-- partial and `vv stats`, `vv train` and `vv serve` say so.
CREATE TABLE store_markers (
  name   text PRIMARY KEY,
  value  text NOT NULL,
  set_at timestamptz NOT NULL
);
