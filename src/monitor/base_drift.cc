#include "monitor/base_drift.h"

#include <algorithm>
#include <cmath>
#include "core/time_util.h"
#include "features/numeric_features.h"

namespace vv::monitor {

namespace {

// The first snapshot with a view count: the point every video of the store has passed, so old
// and recent videos are compared at the same stage (their later trajectories differ by age alone).
std::span<const Snapshot> FirstWithViews(std::span<const Snapshot> snapshots) {
  for (size_t i = 0; i < snapshots.size(); ++i) {
    if (snapshots[i].views && *snapshots[i].views > 0) return snapshots.subspan(i, 1);
  }
  return {};
}

}  // namespace

const std::vector<std::string>& BaseDriftFeatureNames() {
  static const std::vector<std::string> names = features::NumericSchema(false).names;
  return names;
}

std::vector<double> BaseDriftFeatures(const Video& video, const Channel* channel,
                                      std::span<const Snapshot> snapshots) {
  std::vector<double> out(BaseDriftFeatureNames().size());
  BaseDriftFeaturesInto(video, channel, snapshots, out.data());
  return out;
}

void BaseDriftFeaturesInto(const Video& video, const Channel* channel,
                           std::span<const Snapshot> snapshots, double* out) {
  features::FeatureBuffer f;
  features::ComputeFeaturesInto(video, channel, FirstWithViews(snapshots), std::nullopt, f.data());
  std::copy(f.begin(), f.begin() + BaseDriftFeatureNames().size(), out);
}

Result<DriftReport> CompareRecentToOlder(const StoreSample& sample, std::optional<Timestamp> since,
                                         const DriftThresholds& thresholds) {
  VV_RETURN_IF_ERROR(thresholds.Validate());
  std::optional<Timestamp> newest, oldest;
  for (const auto& v : sample.videos) {
    if (!v.published_at) continue;
    if (!newest || *v.published_at > *newest) newest = v.published_at;
    if (!oldest || *v.published_at < *oldest) oldest = v.published_at;
  }
  if (!newest) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "no video with a publication time in the store", "published_at");
  }
  const Timestamp cut = since ? *since : *newest - std::chrono::days(7);
  const auto& names = BaseDriftFeatureNames();
  Columns reference{names, std::vector<std::vector<double>>(names.size())};
  Columns current{names, std::vector<std::vector<double>>(names.size())};
  static const std::vector<Snapshot> kNone;
  for (const auto& v : sample.videos) {
    if (!v.published_at) continue;
    auto snaps = sample.snapshots.find(v.id);
    auto channel = sample.channels.find(v.channel_id);
    std::vector<double> f =
        BaseDriftFeatures(v, channel == sample.channels.end() ? nullptr : &channel->second,
                          snaps == sample.snapshots.end() ? kNone : snaps->second);
    Columns& side = *v.published_at >= cut ? current : reference;
    for (size_t j = 0; j < f.size(); ++j) side.values[j].push_back(f[j]);
  }
  const size_t n_ref = reference.values[0].size();
  const size_t n_cur = current.values[0].size();
  if (n_ref == 0 || n_cur == 0) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "need videos on both sides of " + FormatIso8601(cut) + " (older: " +
                         std::to_string(n_ref) + ", since: " + std::to_string(n_cur) +
                         "; videos published " + FormatIso8601(*oldest) + " .. " +
                         FormatIso8601(*newest) + ")",
                     "--since");
  }
  DriftReport report;
  report.thresholds = thresholds;
  report.features = CompareColumns(reference, current, thresholds);
  report.window = {{"since", FormatIso8601(cut)},
                   {"reference", {{"videos", n_ref}, {"from", FormatIso8601(*oldest)}}},
                   {"current", {{"videos", n_cur}, {"to", FormatIso8601(*newest)}}}};
  return report;
}

}  // namespace vv::monitor
