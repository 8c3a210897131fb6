#include "monitor/drift_history.h"

#include <cmath>

#include "core/host.h"
#include "core/time_util.h"

namespace vv::monitor {

namespace {

std::optional<double> Defined(double v) {
  return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
}

DriftColumnRecord ColumnRecord(const ColumnDrift& c, std::string kind, std::string model,
                               std::string version) {
  return {std::move(kind), c.name, std::move(model), std::move(version), Defined(c.psi),
          Defined(c.psi_p_value), Defined(c.ks), Defined(c.ks_p_value),
          static_cast<int64_t>(c.n_reference), static_cast<int64_t>(c.n_current),
          std::string(DriftStatusName(c.status))};
}

nlohmann::json Number(const std::optional<double>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

DriftRecord ToDriftRecord(const DriftReport& report, std::string source, Timestamp at,
                          const std::map<std::string, std::string>& versions) {
  DriftRecord record;
  record.computed_at = at;
  record.source = std::move(source);
  record.instance = HostAndPid();
  record.status = std::string(DriftStatusName(report.Worst()));
  record.window_json = report.window.dump();
  for (const ColumnDrift& c : report.features) {
    record.columns.push_back(ColumnRecord(c, "feature", "", ""));
  }
  for (const ColumnDrift& c : report.predictions) {
    const std::string model = c.name.substr(0, c.name.find('.'));
    auto version = versions.find(model);
    record.columns.push_back(ColumnRecord(c, "prediction", model,
                                          version == versions.end() ? "" : version->second));
  }
  return record;
}

nlohmann::json DriftHistoryJson(const std::vector<DriftRecord>& reports) {
  nlohmann::json list = nlohmann::json::array();
  for (const DriftRecord& r : reports) {
    nlohmann::json columns = nlohmann::json::array();
    for (const DriftColumnRecord& c : r.columns) {
      columns.push_back({{"kind", c.kind},
                         {"name", c.name},
                         {"model", c.model.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.model)},
                         {"version", c.version.empty() ? nlohmann::json(nullptr)
                                                       : nlohmann::json(c.version)},
                         {"psi", Number(c.psi)},
                         {"psi_p_value", Number(c.psi_p_value)},
                         {"ks", Number(c.ks)},
                         {"ks_p_value", Number(c.ks_p_value)},
                         {"n_reference", c.n_reference},
                         {"n_current", c.n_current},
                         {"status", c.status}});
    }
    list.push_back({{"id", r.id},
                    {"computed_at", FormatIso8601(r.computed_at)},
                    {"source", r.source},
                    {"instance", r.instance},
                    {"status", r.status},
                    {"window", nlohmann::json::parse(r.window_json, nullptr, false)},
                    {"columns", std::move(columns)}});
  }
  return {{"format_version", kReportFormatVersion}, {"count", list.size()}, {"reports", list}};
}

}  // namespace vv::monitor
