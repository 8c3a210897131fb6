#include "train/foreign_eval.h"

#include <optional>
#include <vector>

#include "models/anomaly_inject.h"
#include "models/descriptor.h"
#include "train/score_store.h"
#include "train/store_baselines.h"

namespace vv::train {

namespace {

using nlohmann::json;

bool HasAnomalyLabels(const Dataset& data) {
  for (const auto& v : data.videos) {
    if (v.anomaly_label) return true;
  }
  return false;
}

}  // namespace

Result<json> EvaluateOnStore(const std::string& name, std::shared_ptr<const Model> model,
                             const json& config, const Dataset& store, const Dataset* train,
                             const ForeignOptions& options) {
  std::vector<Scorer> scorers = {{name, std::move(model)}};
  std::vector<std::string> skipped;
  if (train) {
    for (auto& b : FitStoreBaselines(name, *train, config, &skipped)) scorers.push_back(std::move(b));
  } else {
    skipped.push_back("baselines: no training store given (they are fitted on it)");
  }
  const Dataset* data = &store;
  std::optional<Dataset> injected;
  json injection;
  const ModelDescriptor* descriptor = FindModelDescriptor(name);
  if (descriptor && descriptor->injects_labels && !HasAnomalyLabels(store)) {
    injected = WithInjectedAnomalies(store, options.inject_share, options.inject_seed, &injection);
    data = &*injected;
  }
  VV_ASSIGN_OR_RETURN(json entry, ScoreOnDataset(name, scorers, *data, config));
  if (!injection.is_null()) entry["injected_anomalies"] = injection;
  if (!skipped.empty()) entry["skipped"] = skipped;
  entry["verdicts"] = Verdicts(name, entry, options.min_n);
  return entry;
}

}  // namespace vv::train
