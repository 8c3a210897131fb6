#pragma once
// A model judged on a store it never saw: scored beside its baselines (fitted on the training
// store) on the same units, with a verdict per judged metric. One code path for
// `vv evaluate --db` and for the off-domain gate of `vv train --gate-db`.
#include <cstdint>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "models/model.h"
#include "train/verdicts.h"

namespace vv::train {

struct ForeignOptions {
  double inject_share = 0.1;  // labels injected (models/anomaly_inject.h) when the store has none
  uint64_t inject_seed = 7;
  size_t min_n = kMinUnitsForVerdict;
};

// {"n", "metrics", "baselines", "verdicts", ["variants"], ["label"], ["injected_anomalies"],
// ["skipped"]}.
// train: the store the baselines are fitted on (null: no baselines, said in "skipped").
Result<nlohmann::json> EvaluateOnStore(const std::string& name, std::shared_ptr<const Model> model,
                                       const nlohmann::json& config, const Dataset& store,
                                       const Dataset* train, const ForeignOptions& options);

}  // namespace vv::train
