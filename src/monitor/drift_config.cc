#include "monitor/drift_config.h"

namespace vv::monitor {

void AddDriftKeys(std::vector<KeySpec>* schema) {
  const DriftThresholds d;
  schema->push_back(IntKey("drift.bins", d.bins, 2, 1000));
  schema->push_back(NumKey("drift.psi_warn", d.psi_warn, 1e-6, 100));
  schema->push_back(NumKey("drift.psi_drift", d.psi_drift, 1e-6, 100));
  schema->push_back(NumKey("drift.ks_warn", d.ks_warn, 1e-6, 1));
  schema->push_back(NumKey("drift.ks_drift", d.ks_drift, 1e-6, 1));
  schema->push_back(NumKey("drift.alpha", d.alpha, 1e-9, 1));
  schema->push_back(IntKey("drift.min_samples", static_cast<int64_t>(d.min_samples), 1, 1e9));
  schema->push_back(IntKey("drift.record_interval_s", 300, 0, 86400 * 7));
}

Result<DriftConfig> DriftConfigFrom(const nlohmann::json& root, const std::string& origin) {
  const nlohmann::json& d = root.at("drift");
  DriftConfig out;
  out.thresholds.bins = d.at("bins").get<int>();
  out.thresholds.psi_warn = d.at("psi_warn").get<double>();
  out.thresholds.psi_drift = d.at("psi_drift").get<double>();
  out.thresholds.ks_warn = d.at("ks_warn").get<double>();
  out.thresholds.ks_drift = d.at("ks_drift").get<double>();
  out.thresholds.alpha = d.at("alpha").get<double>();
  out.thresholds.min_samples = d.at("min_samples").get<size_t>();
  out.record_interval = std::chrono::seconds(d.at("record_interval_s").get<int64_t>());
  if (Status valid = out.thresholds.Validate(); !valid.ok()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "drift." + valid.error().path + ": " + valid.error().message, origin);
  }
  return out;
}

}  // namespace vv::monitor
