#include "monitor/drift_report.h"

#include <cmath>

#include "monitor/drift_stats.h"

namespace vv::monitor {

namespace {

size_t FiniteCount(const std::vector<double>& v) {
  size_t n = 0;
  for (double x : v) n += std::isfinite(x) ? 1 : 0;
  return n;
}

// JSON has no NaN: an undefined statistic is null.
nlohmann::json Number(double v) { return std::isfinite(v) ? nlohmann::json(v) : nullptr; }

}  // namespace

Status DriftThresholds::Validate() const {
  if (bins < 2 || bins > 1000) return MakeError(ErrorCode::kInvalidArgument, "must be 2..1000", "bins");
  if (!(psi_warn > 0 && psi_warn <= psi_drift)) {
    return MakeError(ErrorCode::kInvalidArgument, "need 0 < psi_warn <= psi_drift", "psi_warn");
  }
  if (!(ks_warn > 0 && ks_warn <= ks_drift && ks_drift <= 1)) {
    return MakeError(ErrorCode::kInvalidArgument, "need 0 < ks_warn <= ks_drift <= 1", "ks_warn");
  }
  if (!(alpha > 0 && alpha <= 1)) {
    return MakeError(ErrorCode::kInvalidArgument, "must be in (0, 1]", "alpha");
  }
  return {};
}

nlohmann::json DriftThresholds::ToJson() const {
  return {{"bins", bins},         {"psi_warn", psi_warn}, {"psi_drift", psi_drift},
          {"ks_warn", ks_warn},   {"ks_drift", ks_drift}, {"alpha", alpha},
          {"min_samples", min_samples}};
}

std::string_view DriftStatusName(DriftStatus status) {
  switch (status) {
    case DriftStatus::kOk: return "ok";
    case DriftStatus::kWarn: return "warn";
    case DriftStatus::kDrift: return "drift";
    case DriftStatus::kInsufficient: return "insufficient";
  }
  return "insufficient";
}

nlohmann::json ColumnDrift::ToJson() const {
  return {{"name", name},
          {"psi", Number(psi)},
          {"psi_p_value", Number(psi_p_value)},
          {"ks", Number(ks)},
          {"ks_p_value", Number(ks_p_value)},
          {"n_reference", n_reference},
          {"n_current", n_current},
          {"status", DriftStatusName(status)}};
}

const std::vector<double>* Columns::Find(std::string_view name) const {
  for (size_t i = 0; i < names.size() && i < values.size(); ++i) {
    if (names[i] == name) return &values[i];
  }
  return nullptr;
}

nlohmann::json Columns::ToJson() const {
  nlohmann::json cols = nlohmann::json::object();
  for (size_t i = 0; i < names.size() && i < values.size(); ++i) {
    nlohmann::json list = nlohmann::json::array();
    for (double v : values[i]) list.push_back(Number(v));
    cols[names[i]] = std::move(list);
  }
  return {{"format_version", kReportFormatVersion}, {"columns", std::move(cols)}};
}

Result<Columns> Columns::FromJson(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("columns") || !j["columns"].is_object()) {
    return MakeError(ErrorCode::kInvalidArgument, "must be an object with a \"columns\" object", "$");
  }
  const auto version = j.value("format_version", 0);
  if (version < 1 || version > kReportFormatVersion) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "format_version " + std::to_string(version) + " is not one this program reads (1.." +
                         std::to_string(kReportFormatVersion) + ")",
                     "$.format_version");
  }
  Columns out;
  for (const auto& [name, list] : j["columns"].items()) {
    const std::string path = "$.columns." + name;
    if (!list.is_array()) return MakeError(ErrorCode::kInvalidArgument, "must be an array", path);
    std::vector<double> values;
    values.reserve(list.size());
    for (size_t i = 0; i < list.size(); ++i) {
      if (list[i].is_null()) {
        values.push_back(std::nan(""));
      } else if (list[i].is_number()) {
        values.push_back(list[i].get<double>());
      } else {
        return MakeError(ErrorCode::kInvalidArgument, "must be a number or null",
                         path + "[" + std::to_string(i) + "]");
      }
    }
    out.names.push_back(name);
    out.values.push_back(std::move(values));
  }
  return out;
}

DriftStatus Classify(double psi, double psi_p_value, double ks, double ks_p_value,
                     const DriftThresholds& t) {
  DriftStatus by_psi = DriftStatus::kOk;
  if (psi_p_value < t.alpha) {
    by_psi = psi >= t.psi_drift  ? DriftStatus::kDrift
             : psi >= t.psi_warn ? DriftStatus::kWarn
                                 : DriftStatus::kOk;
  }
  DriftStatus by_ks = DriftStatus::kOk;
  if (ks_p_value < t.alpha) {
    by_ks = ks >= t.ks_drift ? DriftStatus::kDrift
            : ks >= t.ks_warn ? DriftStatus::kWarn
                              : DriftStatus::kOk;
  }
  return static_cast<int>(by_psi) > static_cast<int>(by_ks) ? by_psi : by_ks;
}

ColumnDrift CompareColumn(std::string name, const std::vector<double>& reference,
                          const std::vector<double>& current, const DriftThresholds& t) {
  ColumnDrift out;
  out.name = std::move(name);
  out.n_reference = FiniteCount(reference);
  out.n_current = FiniteCount(current);
  out.psi = out.ks = std::nan("");
  out.psi_p_value = out.ks_p_value = std::nan("");
  if (out.n_reference == 0 || out.n_current == 0) return out;  // kInsufficient, no statistic
  PsiResult psi = *PopulationStabilityIndex(reference, current, t.bins);
  out.psi = psi.value;
  out.psi_p_value = psi.p_value;
  KsResult ks = *KolmogorovSmirnov(reference, current);
  out.ks = ks.statistic;
  out.ks_p_value = ks.p_value;
  out.status = out.n_reference < t.min_samples || out.n_current < t.min_samples
                   ? DriftStatus::kInsufficient
                   : Classify(out.psi, out.psi_p_value, out.ks, out.ks_p_value, t);
  return out;
}

std::vector<ColumnDrift> CompareColumns(const Columns& reference, const Columns& current,
                                        const DriftThresholds& t) {
  std::vector<ColumnDrift> out;
  for (size_t i = 0; i < current.names.size() && i < current.values.size(); ++i) {
    const std::vector<double>* ref = reference.Find(current.names[i]);
    if (!ref) continue;
    out.push_back(CompareColumn(current.names[i], *ref, current.values[i], t));
  }
  return out;
}

DriftStatus DriftReport::Worst() const {
  // "ok" is a finding: with no column compared (no live rows yet) there is nothing to report.
  DriftStatus worst = DriftStatus::kInsufficient;
  for (const auto* list : {&features, &predictions}) {
    for (const auto& c : *list) {
      if (c.status == DriftStatus::kInsufficient) continue;
      if (worst == DriftStatus::kInsufficient ||
          static_cast<int>(c.status) > static_cast<int>(worst)) {
        worst = c.status;
      }
    }
  }
  return worst;
}

nlohmann::json DriftReport::ToJson() const {
  nlohmann::json f = nlohmann::json::array();
  for (const auto& c : features) f.push_back(c.ToJson());
  nlohmann::json p = nlohmann::json::array();
  for (const auto& c : predictions) p.push_back(c.ToJson());
  return {{"format_version", kReportFormatVersion},
          {"status", DriftStatusName(Worst())},
          {"features", std::move(f)},
          {"predictions", std::move(p)},
          {"window", window},
          {"thresholds", thresholds.ToJson()}};
}

}  // namespace vv::monitor
