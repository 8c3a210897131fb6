#pragma once
// The drift section of config/serve.yaml (read by `vv serve` and `vv drift`): the thresholds
// that turn PSI and KS into ok / warn / drift, and how often `vv serve` stores a report.
#include <chrono>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/config_schema.h"
#include "core/result.h"
#include "monitor/drift_report.h"

namespace vv::monitor {

// Appends the "drift.*" keys, with DriftThresholds' defaults, to a config schema.
void AddDriftKeys(std::vector<KeySpec>* schema);

struct DriftConfig {
  DriftThresholds thresholds;
  // `vv serve` stores the live window's report this often when new rows arrived since the last
  // one (and once more on shutdown); 0 = only on shutdown.
  std::chrono::seconds record_interval{300};
};

// From a config parsed with a schema that AddDriftKeys extended; checks the thresholds together
// (psi_warn <= psi_drift, ...) and names `origin` in the error.
Result<DriftConfig> DriftConfigFrom(const nlohmann::json& root, const std::string& origin);

}  // namespace vv::monitor
