#pragma once
// `vv evaluate --db URL`: scores a trained model, without training, on every usable video of a
// store (a region or a period the model never saw). Each model has one protocol:
//   velocity  videos with >= 2 snapshots: the model sees metadata, channel and the FIRST snapshot
//             only; each of its horizons whose time is covered by a later snapshot is a pair
//             (actual = views interpolated between the snapshots around that time). mRSE, median
//             APE, log MAE/R², interval coverage; also by how far ahead of the first snapshot
//             (<= 1 d, 1-3 d, 3-7 d, > 7 d).
//   viral     videos observed up to horizon_hours: label = views at the horizon in the top
//             (1 - quantile) of the video's category cohort (all videos when the cohort is smaller
//             than min_cohort); the model sees the first snapshot only.
//   clickbait titles of videos with a clickbait label, and the store's labelled titles.
//   genre     videos with a category; the model sees them with the category removed.
//   tags      videos with tags; the model sees them with the tags removed and must find them.
//   anomaly   videos with an anomaly label (the generator's injected anomalies), all snapshots.
#include <string>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "models/model.h"

namespace vv::train {

// {"n": scored units, "metrics": {...}}. config: the model's training config from its manifest
// (horizons, quantile...). An error when the store holds nothing this model can be scored on.
Result<nlohmann::json> ScoreOnDataset(const std::string& name, const Model& model,
                                      const Dataset& data, const nlohmann::json& config);

// Views at time t by linear interpolation between the snapshots around it (nullopt when t is
// outside the observed range or the counts are unknown).
std::optional<double> ViewsAt(const std::vector<Snapshot>& snapshots, Timestamp t);

}  // namespace vv::train
