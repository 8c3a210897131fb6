#pragma once
// The population a viral probability is relative to. The label (models/viral_label.h) is the top
// 20 % of a store's own cohort, so the same video is more or less likely "viral" depending on
// the store: trending videos of 2020 in Mexico or Korea are bigger at their first snapshot than
// US 2017's, and a model calibrated on US 2017 put the mean probability at 0.3-0.45 there where
// the rate is 0.2 by definition (Brier 0.12). The rate being known, the probabilities can be
// re-based without a label: one logit offset that brings their mean over the population's
// labellable videos to the rate (prior shift, Saerens et al. 2002). The ranking is unchanged.
// `vv serve` re-bases on its store, `vv evaluate --db` on the store it scores.
#include <cstddef>

#include <nlohmann/json.hpp>

#include "models/model.h"
#include "models/viral_label.h"

namespace vv {

struct ViralPopulation {
  double logit_offset = 0;
  size_t videos = 0;       // labellable videos the offset was fitted on
  double target_rate = 0;  // 1 - quantile
  nlohmann::json ToJson() const;
};

// Fewer labellable videos than this: no shift (the mean of a handful says little).
constexpr size_t kMinViralPopulation = 50;

// The input the label judges a video from: its first snapshot with views, its channel.
VideoInput ViralJudgedInput(const Dataset& data, const Video& video);

// The offset for `model`'s "probability" over the labellable videos of `population` (labels are
// not read).
ViralPopulation FitViralPopulation(const Model& model, const Dataset& population,
                                   const ViralLabelRule& rule);

}  // namespace vv
