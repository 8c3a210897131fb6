#pragma once
// The one numeric feature pipeline of the XGBoost models (velocity, viral) and their baselines:
// base features, then temporal features of the snapshots known at as_of, then (velocity only)
// the horizon to the target time. Training and serving call exactly these functions.
#include <array>
#include <optional>
#include <span>
#include <vector>

#include "core/types.h"
#include "features/base_features.h"
#include "features/feature_schema.h"
#include "features/temporal_features.h"

namespace vv::features {

inline constexpr size_t kNumHorizonFeatures = 2;  // horizon_hours, target_age_hours
inline constexpr size_t kNumNumericFeatures =
    kNumBaseFeatures + kNumTemporalFeatures + kNumHorizonFeatures;
// A stack buffer big enough for any numeric feature vector (no allocation when serving).
using FeatureBuffer = std::array<float, kNumNumericFeatures>;

// Base + temporal (+ horizon when with_horizon): names and version.
FeatureSchema NumericSchema(bool with_horizon);

// Writes the features into out (size NumericSchema(target_time.has_value()).names.size()).
// known: snapshots known at prediction time, time-ordered. target_time: the time whose views are
// predicted; adds hours from the last known snapshot (or publication) and from publication.
void ComputeFeaturesInto(const Video& video, const Channel* channel,
                         std::span<const Snapshot> known, std::optional<Timestamp> target_time,
                         float* out);

std::vector<float> ComputeFeatures(const Video& video, const Channel* channel,
                                   std::span<const Snapshot> known,
                                   std::optional<Timestamp> target_time = std::nullopt);

}  // namespace vv::features
