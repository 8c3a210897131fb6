-- Drift reports as a time series (GET /v1/drift/history, `vv drift --history`): one row per
-- report, one per compared column (a base feature, or a model's headline prediction with the
-- model and version that made it). `vv serve` stores its live window's report periodically and
-- on shutdown, `vv drift` its comparison of recent videos with older ones; both survive a
-- restart. computed_at is unix seconds; a NULL statistic was undefined (no values).
CREATE TABLE drift_reports (
  id          INTEGER PRIMARY KEY,
  computed_at INTEGER NOT NULL,
  source      TEXT NOT NULL,
  instance    TEXT NOT NULL,
  status      TEXT NOT NULL,
  window_json TEXT NOT NULL
);
CREATE INDEX drift_reports_computed_at ON drift_reports (computed_at);

CREATE TABLE drift_columns (
  report_id   INTEGER NOT NULL REFERENCES drift_reports (id) ON DELETE CASCADE,
  kind        TEXT NOT NULL,
  name        TEXT NOT NULL,
  model       TEXT NOT NULL,
  version     TEXT NOT NULL,
  psi         REAL,
  psi_p_value REAL,
  ks          REAL,
  ks_p_value  REAL,
  n_reference INTEGER NOT NULL,
  n_current   INTEGER NOT NULL,
  status      TEXT NOT NULL,
  PRIMARY KEY (report_id, kind, name)
);
CREATE INDEX drift_columns_name ON drift_columns (name, report_id);
