#include "features/numeric_features.h"

#include <limits>

#include "core/time_util.h"

namespace vv::features {

FeatureSchema NumericSchema(bool with_horizon) {
  FeatureSchema schema;
  schema.version = 1;
  schema.names = BaseFeatureNames();
  const auto& temporal = TemporalFeatureNames();
  schema.names.insert(schema.names.end(), temporal.begin(), temporal.end());
  if (with_horizon) {
    schema.names.push_back("horizon_hours");
    schema.names.push_back("target_age_hours");
  }
  return schema;
}

void ComputeFeaturesInto(const Video& video, const Channel* channel,
                         std::span<const Snapshot> known, std::optional<Timestamp> target_time,
                         float* out) {
  ComputeBaseFeatures(video, channel, out);
  ComputeTemporalFeatures(video, known, out + kNumBaseFeatures);
  if (!target_time) return;
  float* h = out + kNumBaseFeatures + kNumTemporalFeatures;
  constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
  const Snapshot* last = LastWithViews(known);
  if (last) {
    h[0] = static_cast<float>(HoursBetween(last->captured_at, *target_time));
  } else if (video.published_at) {
    h[0] = static_cast<float>(HoursBetween(*video.published_at, *target_time));
  } else {
    h[0] = kNaN;
  }
  h[1] = video.published_at ? static_cast<float>(HoursBetween(*video.published_at, *target_time))
                            : kNaN;
}

std::vector<float> ComputeFeatures(const Video& video, const Channel* channel,
                                   std::span<const Snapshot> known,
                                   std::optional<Timestamp> target_time) {
  std::vector<float> out(kNumBaseFeatures + kNumTemporalFeatures +
                         (target_time ? kNumHorizonFeatures : 0));
  ComputeFeaturesInto(video, channel, known, target_time, out.data());
  return out;
}

}  // namespace vv::features
