#pragma once
// Features of the view trajectory known so far: age, counts, velocity and engagement at the last
// known snapshot. All are defined with zero snapshots (then NaN, which XGBoost routes by its
// learned default), so one model serves "just published" and "a week of history" alike.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/types.h"

namespace vv::features {

inline constexpr size_t kNumTemporalFeatures = 10;

const std::vector<std::string>& TemporalFeatureNames();

// The prefix of time-ordered snapshots captured at or before as_of (all when as_of is unset).
std::span<const Snapshot> KnownSnapshots(const std::vector<Snapshot>& snapshots,
                                         std::optional<Timestamp> as_of);

// The last snapshot with a view count among known, or null.
const Snapshot* LastWithViews(std::span<const Snapshot> known);

// Writes kNumTemporalFeatures values into out. Snapshots without a view count are ignored.
void ComputeTemporalFeatures(const Video& video, std::span<const Snapshot> known, float* out);

}  // namespace vv::features
