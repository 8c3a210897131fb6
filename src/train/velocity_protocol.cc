// The velocity protocol's pairs (declared in score_store.h): shared by the scoring of
// `vv evaluate --db` and the fitting of the velocity baselines, so both see the same pairs.
#include <algorithm>
#include <cmath>

#include "core/time_util.h"
#include "models/growth_util.h"
#include "models/viral_label.h"
#include "train/score_store.h"

namespace vv::train {

using nlohmann::json;

std::vector<double> VelocityHorizons(const json& config) {
  std::vector<double> horizons = {24, 168, 720};
  if (auto it = config.find("horizons_hours"); it != config.end() && it->is_array() && !it->empty()) {
    horizons.clear();
    for (const auto& h : *it) {
      if (h.is_number()) horizons.push_back(h.get<double>());
    }
  }
  std::sort(horizons.begin(), horizons.end());
  return horizons;
}

std::vector<VelocityPair> VelocityPairs(const Dataset& data, const std::vector<double>& horizons) {
  std::vector<VelocityPair> out;
  for (size_t i = 0; i < data.videos.size(); ++i) {
    const Video& v = data.videos[i];
    const auto snaps = SnapshotsWithViews(data, v.id);
    if (snaps.size() < 2 || !v.published_at) continue;
    const Snapshot& first = snaps.front();
    for (double h : horizons) {
      const Timestamp target = *v.published_at + std::chrono::seconds(std::llround(h * 3600));
      if (target <= first.captured_at) continue;  // already observed: nothing to forecast
      const auto actual = InterpolateViews(snaps, v.published_at, target);
      if (!actual || *actual <= 0) continue;
      VelocityPair p;
      p.video = i;
      p.horizon_hours = h;
      p.first_age_hours = HoursBetween(*v.published_at, first.captured_at);
      p.first_views = static_cast<double>(*first.views);
      p.hours_ahead = HoursBetween(first.captured_at, target);
      p.actual = *actual;
      out.push_back(p);
    }
  }
  return out;
}

}  // namespace vv::train
