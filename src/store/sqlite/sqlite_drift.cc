// Drift history (migration 0005_drift_history).
#include "core/time_util.h"
#include "store/sqlite/sqlite_store.h"

namespace vv::store_internal {

Result<int64_t> SqliteStore::AppendDriftReport(const DriftRecord& report) {
  int64_t id = 0;
  VV_RETURN_IF_ERROR(Write([&]() -> Status {
    VV_ASSIGN_OR_RETURN(Stmt head, Prepare(
        "INSERT INTO drift_reports (computed_at, source, instance, status, window_json) "
        "VALUES (?1, ?2, ?3, ?4, ?5)"));
    head.Int(1, ToUnixSeconds(report.computed_at));
    head.Text(2, report.source);
    head.Text(3, report.instance);
    head.Text(4, report.status);
    head.Text(5, report.window_json);
    VV_RETURN_IF_ERROR(StepDone(head, "storing a drift report"));
    id = sqlite3_last_insert_rowid(db_);
    for (const DriftColumnRecord& c : report.columns) {
      VV_ASSIGN_OR_RETURN(Stmt row, Prepare(
          "INSERT INTO drift_columns (report_id, kind, name, model, version, psi, psi_p_value, "
          "ks, ks_p_value, n_reference, n_current, status) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"));
      row.Int(1, id);
      row.Text(2, c.kind);
      row.Text(3, c.name);
      row.Text(4, c.model);
      row.Text(5, c.version);
      row.OptDouble(6, c.psi);
      row.OptDouble(7, c.psi_p_value);
      row.OptDouble(8, c.ks);
      row.OptDouble(9, c.ks_p_value);
      row.Int(10, c.n_reference);
      row.Int(11, c.n_current);
      row.Text(12, c.status);
      VV_RETURN_IF_ERROR(StepDone(row, "storing drift column '" + c.name + "'"));
    }
    return {};
  }));
  return id;
}

Result<std::vector<DriftRecord>> SqliteStore::LoadDriftHistory(const DriftHistoryFilter& filter) {
  VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare(
      "SELECT r.id, r.computed_at, r.source, r.instance, r.status, r.window_json, c.kind, c.name, "
      "c.model, c.version, c.psi, c.psi_p_value, c.ks, c.ks_p_value, c.n_reference, "
      "c.n_current, c.status "
      "FROM (SELECT * FROM drift_reports WHERE computed_at >= ?1 AND (?2 = '' OR source = ?2) "
      "      ORDER BY computed_at DESC, id DESC LIMIT ?3) r "
      "LEFT JOIN drift_columns c ON c.report_id = r.id AND (?4 = '' OR c.name = ?4) "
      "ORDER BY r.computed_at DESC, r.id DESC, c.kind, c.name"));
  stmt.Int(1, filter.since ? ToUnixSeconds(*filter.since) : INT64_MIN);
  stmt.Text(2, filter.source);
  stmt.Int(3, filter.limit > 0 ? filter.limit : -1);
  stmt.Text(4, filter.column);
  std::vector<DriftRecord> reports;
  int rc;
  while ((rc = stmt.Step()) == SQLITE_ROW) {
    const int64_t id = stmt.ColInt(0);
    if (reports.empty() || reports.back().id != id) {
      reports.push_back({id, FromUnixSeconds(stmt.ColInt(1)), stmt.ColText(2), stmt.ColText(3),
                         stmt.ColText(4), stmt.ColText(5), {}});
    }
    if (stmt.IsNull(6)) continue;  // a report with no (matching) column
    reports.back().columns.push_back({stmt.ColText(6), stmt.ColText(7), stmt.ColText(8),
                                      stmt.ColText(9), stmt.ColOptDouble(10),
                                      stmt.ColOptDouble(11), stmt.ColOptDouble(12),
                                      stmt.ColOptDouble(13), stmt.ColInt(14), stmt.ColInt(15),
                                      stmt.ColText(16)});
  }
  if (rc != SQLITE_DONE) return SqlError("loading drift history");
  return reports;
}

}  // namespace vv::store_internal
