#include "features/temporal_features.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/time_util.h"

namespace vv::features {

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

float LogOrNaN(const std::optional<int64_t>& v) {
  if (!v || *v < 0) return kNaN;
  return static_cast<float>(std::log1p(static_cast<double>(*v)));
}

float Ratio(const std::optional<int64_t>& num, int64_t den) {
  if (!num || den <= 0) return kNaN;
  return static_cast<float>(static_cast<double>(*num) / static_cast<double>(den));
}

}  // namespace

const std::vector<std::string>& TemporalFeatureNames() {
  static const std::vector<std::string> names = {
      "n_snapshots",         "age_hours",          "log_views",
      "log_likes",           "log_comments",       "log_views_per_hour_recent",
      "log_views_per_hour_lifetime", "log_growth_ratio", "like_view_ratio",
      "comment_view_ratio"};
  return names;
}

std::span<const Snapshot> KnownSnapshots(const std::vector<Snapshot>& snapshots,
                                         std::optional<Timestamp> as_of) {
  if (!as_of) return {snapshots.data(), snapshots.size()};
  auto end = std::upper_bound(snapshots.begin(), snapshots.end(), *as_of,
                              [](Timestamp t, const Snapshot& s) { return t < s.captured_at; });
  return {snapshots.data(), static_cast<size_t>(end - snapshots.begin())};
}

const Snapshot* LastWithViews(std::span<const Snapshot> known) {
  for (size_t i = known.size(); i-- > 0;) {
    if (known[i].views) return &known[i];
  }
  return nullptr;
}

void ComputeTemporalFeatures(const Video& video, std::span<const Snapshot> known, float* out) {
  std::fill(out, out + kNumTemporalFeatures, kNaN);
  const Snapshot* last = nullptr;
  const Snapshot* prev = nullptr;
  int n = 0;
  for (const Snapshot& s : known) {
    if (!s.views) continue;
    ++n;
    prev = last;
    last = &s;
  }
  out[0] = static_cast<float>(n);
  if (!last) return;
  const int64_t views = std::max<int64_t>(*last->views, 0);
  double age = kNaN;
  if (video.published_at) age = HoursBetween(*video.published_at, last->captured_at);
  out[1] = static_cast<float>(age);
  out[2] = LogOrNaN(last->views);
  out[3] = LogOrNaN(last->likes);
  out[4] = LogOrNaN(last->comments);
  if (prev) {
    double hours = HoursBetween(prev->captured_at, last->captured_at);
    double delta = static_cast<double>(views - std::max<int64_t>(*prev->views, 0));
    if (hours > 0) out[5] = static_cast<float>(std::log1p(std::max(0.0, delta / hours)));
    out[7] = static_cast<float>(std::log1p(static_cast<double>(views)) -
                                std::log1p(static_cast<double>(*prev->views)));
  } else if (age > 0) {
    // One snapshot: the only delta known is the one from publication (zero views).
    out[5] = static_cast<float>(std::log1p(static_cast<double>(views) / age));
  }
  if (age > 0) out[6] = static_cast<float>(std::log1p(static_cast<double>(views) / age));
  out[8] = Ratio(last->likes, views);
  out[9] = Ratio(last->comments, views);
}

}  // namespace vv::features
