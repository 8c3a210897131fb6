#pragma once
// `vv drift`: recent videos of the store against older ones, on the viral model's numeric
// features (src/features: the same code as training and serving), computed with the metadata,
// the channel and the first snapshot with views known. Pure: the caller loads the store.
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "core/types.h"
#include "monitor/drift_report.h"

namespace vv::monitor {

const std::vector<std::string>& BaseDriftFeatureNames();

// features::NumericSchema(false): base and temporal features.
// One value per name of BaseDriftFeatureNames(); NaN where unknown (no snapshot, hidden likes).
// snapshots: this video's, ordered by captured_at; only the first with views is used.
std::vector<double> BaseDriftFeatures(const Video& video, const Channel* channel,
                                      std::span<const Snapshot> snapshots);
// The same into out (BaseDriftFeatureNames().size() values), allocating nothing: the server
// computes it on every prediction.
void BaseDriftFeaturesInto(const Video& video, const Channel* channel,
                           std::span<const Snapshot> snapshots, double* out);

struct StoreSample {
  std::vector<Video> videos;
  std::unordered_map<std::string, std::vector<Snapshot>> snapshots;  // by video id, time-ordered
  std::unordered_map<std::string, Channel> channels;                  // by channel id
};

// Videos published at or after `since` (default: 7 days before the newest publication) are the
// current window, the earlier ones the reference. Videos without published_at are left out.
// FailedPrecondition when either side is empty.
Result<DriftReport> CompareRecentToOlder(const StoreSample& sample, std::optional<Timestamp> since,
                                         const DriftThresholds& thresholds);

}  // namespace vv::monitor
