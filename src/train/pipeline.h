#pragma once
// `vv train`: for each requested model, train on one shared dataset and split, write a registry
// version, and promote it to champion when the quality gates pass. A model that fails to train
// is reported and skipped; the others still train.
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "models/model.h"
#include "registry/registry.h"
#include "train/config.h"

namespace vv::train {

// "all" (every registered kind, canonical order) or a comma list; an unknown name is an error
// naming it and listing the known ones, before any work.
Result<std::vector<std::string>> ResolveModelList(const std::string& flag);

struct TrainRequest {
  std::vector<std::string> models;
  TrainingConfig config;
  bool apply_gates = true;  // false: write versions but never promote
  // Off-domain gate (--gate-db): a store the models never saw (shared videos already left out).
  // A model whose verdict there (n >= 200) is "loses to <baseline>" or "outside <band>" is not
  // promoted; the scores go into its report as "gate_store".
  const Dataset* gate_data = nullptr;
};

struct ModelOutcome {
  std::string name;
  bool trained = false;
  std::string error;  // when training or publishing failed
  std::string version;
  bool promoted = false;
  std::vector<std::string> gate_failures;
  double seconds = 0;
  nlohmann::json report;
};

struct TrainSummary {
  std::vector<ModelOutcome> models;
  bool AllOk() const;
  nlohmann::json ToJson() const;
};

// Progress lines with timings go to `progress` (stderr in the CLI).
TrainSummary RunTraining(const Dataset& data, const TrainRequest& request,
                         const registry::Registry& registry, std::ostream& progress);

}  // namespace vv::train
