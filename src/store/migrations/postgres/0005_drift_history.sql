-- Drift reports as a time series (GET /v1/drift/history, `vv drift --history`): one row per
-- report, one per compared column (a base feature, or a model's headline prediction with the
-- model and version that made it). `vv serve` stores its live window's report periodically and
-- on shutdown, `vv drift` its comparison of recent videos with older ones; both survive a
-- restart, and every replica writes to the one shared store. A NULL statistic was undefined.
CREATE TABLE drift_reports (
  id          bigserial PRIMARY KEY,
  computed_at timestamptz NOT NULL,
  source      text NOT NULL,
  instance    text NOT NULL,
  status      text NOT NULL,
  window_json text NOT NULL
);
CREATE INDEX drift_reports_computed_at ON drift_reports (computed_at);

CREATE TABLE drift_columns (
  report_id   bigint NOT NULL REFERENCES drift_reports (id) ON DELETE CASCADE,
  kind        text NOT NULL,
  name        text NOT NULL,
  model       text NOT NULL,
  version     text NOT NULL,
  psi         double precision,
  psi_p_value double precision,
  ks          double precision,
  ks_p_value  double precision,
  n_reference bigint NOT NULL,
  n_current   bigint NOT NULL,
  status      text NOT NULL,
  PRIMARY KEY (report_id, kind, name)
);
CREATE INDEX drift_columns_name ON drift_columns (name, report_id);
