#pragma once
// The baselines `vv evaluate --db` scores beside each model on a foreign store: fitted on the
// TRAINING store (the data the model was trained on, or any store given as --train-db), then
// scored by the model's own protocol on exactly the same units (train/score_store.h). Each is a
// Model, so the protocol cannot treat them differently from the model.
//   velocity   persistence (views stay as seen), constant_scaling (one mRSE-optimal factor per
//              hours-ahead bucket), szabo_huberman and pinto_ml (eval/baselines_regression.h),
//              all fitted on the training store's velocity pairs (the same protocol);
//   viral      logistic regression on log views at the first snapshot and the category;
//   clickbait  upper_case_ratio (share of upper-case letters, no training) and tfidf_linear;
//   genre      tfidf_logreg (word 1-2 grams of title, tags and description);
//   tags       category_frequency (the most frequent tags of the video's category);
//   anomaly    zscore_rule (largest |z| of the engagement features, mean / sd of the store).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "models/model.h"
#include "train/score_store.h"

namespace vv::train {

// The baselines of model `name`, fitted on `train`. config: the model's training config (its
// horizons, label rule, threshold). A baseline that cannot be fitted on this store is left out
// and named in *skipped (with the reason).
std::vector<Scorer> FitStoreBaselines(const std::string& name, const Dataset& train,
                                      const nlohmann::json& config,
                                      std::vector<std::string>* skipped);

}  // namespace vv::train
