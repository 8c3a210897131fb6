// Drift history (migration 0005_drift_history).
#include "core/time_util.h"
#include "store/postgres/pg_store.h"

namespace vv::store_internal {
namespace {

std::optional<double> OptDouble(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<double>();
}

}  // namespace

Result<int64_t> PgStore::AppendDriftReport(const DriftRecord& report) {
  int64_t id = 0;
  VV_RETURN_IF_ERROR(Write("storing a drift report", [&](pqxx::transaction_base& tx) {
    const auto& head = Prepared("vv_drift_report",
        "INSERT INTO drift_reports (computed_at, source, instance, status, window_json) "
        "VALUES (to_timestamp($1), $2, $3, $4, $5) RETURNING id");
    id = tx.exec_prepared1(head, ToUnixSeconds(report.computed_at), report.source,
                           report.instance, report.status, report.window_json)[0]
             .as<int64_t>();
    const auto& row = Prepared("vv_drift_column",
        "INSERT INTO drift_columns (report_id, kind, name, model, version, psi, psi_p_value, "
        "ks, ks_p_value, n_reference, n_current, status) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)");
    for (const DriftColumnRecord& c : report.columns) {
      tx.exec_prepared(row, id, c.kind, c.name, c.model, c.version, c.psi, c.psi_p_value, c.ks,
                       c.ks_p_value, c.n_reference, c.n_current, c.status);
    }
  }));
  return id;
}

Result<std::vector<DriftRecord>> PgStore::LoadDriftHistory(const DriftHistoryFilter& filter) {
  using Records = std::vector<DriftRecord>;
  return Read<Records>("loading drift history", [&](pqxx::transaction_base& tx) -> Result<Records> {
    const auto& stmt = Prepared("vv_drift_history",
        "SELECT r.id, extract(epoch FROM r.computed_at)::bigint, r.source, r.instance, r.status, "
        "r.window_json, c.kind, c.name, c.model, c.version, c.psi, c.psi_p_value, c.ks, "
        "c.ks_p_value, c.n_reference, c.n_current, c.status "
        "FROM (SELECT * FROM drift_reports WHERE ($1 OR computed_at >= to_timestamp($2)) "
        "      AND ($3 = '' OR source = $3) ORDER BY computed_at DESC, id DESC LIMIT $4) r "
        "LEFT JOIN drift_columns c ON c.report_id = r.id AND ($5 = '' OR c.name = $5) "
        "ORDER BY r.computed_at DESC, r.id DESC, c.kind, c.name");
    Records reports;
    const pqxx::result rows = tx.exec_prepared(
        stmt, !filter.since.has_value(), filter.since ? ToUnixSeconds(*filter.since) : 0,
        filter.source, filter.limit > 0 ? int64_t{filter.limit} : INT64_MAX, filter.column);
    for (const pqxx::row& r : rows) {
      const int64_t id = r[0].as<int64_t>();
      if (reports.empty() || reports.back().id != id) {
        reports.push_back({id, FromUnixSeconds(r[1].as<int64_t>()), r[2].as<std::string>(),
                           r[3].as<std::string>(), r[4].as<std::string>(),
                           r[5].as<std::string>(), {}});
      }
      if (r[6].is_null()) continue;  // a report with no (matching) column
      reports.back().columns.push_back(
          {r[6].as<std::string>(), r[7].as<std::string>(), r[8].as<std::string>(),
           r[9].as<std::string>(), OptDouble(r[10]),
           OptDouble(r[11]), OptDouble(r[12]),
           OptDouble(r[13]), r[14].as<int64_t>(), r[15].as<int64_t>(),
           r[16].as<std::string>()});
    }
    return reports;
  });
}

}  // namespace vv::store_internal
