#pragma once
// `vv evaluate --db URL`: scores trained models, without training, on every usable video of a
// store (a region or a period they never saw), each model beside its baselines on exactly the
// same units: a unit any scorer cannot answer is dropped for all of them, so every n is shared.
// One protocol per model (the training report uses the same label definitions):
//   velocity  videos with a publication time and >= 2 snapshots: the scorer sees metadata,
//             channel and the FIRST snapshot only; each configured horizon (hours after
//             publication) that falls after the first snapshot and within the observed span is a
//             pair (actual = views interpolated log-linearly, as the trainer does). mRSE, median
//             APE, log MAE/R², interval coverage, the share of monotone forecasts; also by how
//             far ahead of the first snapshot (<= 1 d, 1-3 d, 3-7 d, > 7 d).
//   viral     the viral label (models/viral_label.h) over the store's own videos; the scorer
//             sees the first snapshot only.
//   clickbait titles of videos with a clickbait label, and the store's labelled titles.
//   genre     videos with a category; the scorer sees them with the category removed, and the
//             categories of the channel's OTHER videos in the store (as serving passes them);
//             the model is also reported on text alone, as the variant "variant:text_only".
//   tags      videos with tags; the scorer sees them with the tags removed and must find them.
//   anomaly   videos with an anomaly label (injected: train/inject_anomalies.h), all snapshots.
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "models/model.h"

namespace vv::train {

// Scorers whose name starts with this are variants of the model (reported, never judged against).
inline constexpr char kVariantPrefix[] = "variant:";

// A model or a baseline, by the name its metrics are reported under.
struct Scorer {
  std::string name;
  std::shared_ptr<const Model> model;
};

// {"n": shared units, "metrics": {...} of scorers[0], "baselines": {name: {...}} of the rest}.
// config: the model's training config from its manifest (horizons, label rule...). An error
// when the store holds nothing this model can be scored on.
Result<nlohmann::json> ScoreOnDataset(const std::string& name, const std::vector<Scorer>& scorers,
                                      const Dataset& data, const nlohmann::json& config);

// One velocity pair: a video seen at its first snapshot, views at a later horizon.
struct VelocityPair {
  size_t video = 0;                // index into Dataset::videos
  double horizon_hours = 0;        // after publication
  double first_age_hours = 0;      // age at the first snapshot
  double first_views = 0;
  double hours_ahead = 0;          // from the first snapshot to the horizon
  double actual = 0;
};
// The velocity protocol's pairs of a dataset, grouped by video in Dataset order.
std::vector<VelocityPair> VelocityPairs(const Dataset& data, const std::vector<double>& horizons);

// The horizons of a velocity training config (horizons_hours; the model's defaults when absent).
std::vector<double> VelocityHorizons(const nlohmann::json& config);

}  // namespace vv::train
