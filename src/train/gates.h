#pragma once
// Quality gates: a freshly trained version becomes champion only when
//   1. every threshold of gates.<model> holds: min_<metric> (at least) / max_<metric> (at most)
//      on the held-out report's metrics;
//   2. no gated metric regresses beyond gates.tolerance (relative) against the current champion;
//   3. with gates.require_beat_baseline, no gated metric is worse than any baseline's.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace vv::train {

struct GateResult {
  bool pass = true;
  std::vector<std::string> failures;  // human-readable, one per failed check
  std::vector<std::string> checks;    // every check made, for the progress log
};

// gates: the config's "gates" section. champion_report: the current champion's report, or null
// JSON when there is none.
GateResult CheckGates(const std::string& model, const nlohmann::json& report,
                      const nlohmann::json& champion_report, const nlohmann::json& gates);

}  // namespace vv::train
