#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>

#include "core/time_util.h"
#include "features/numeric_features.h"
#include "models/growth_util.h"
#include "models/velocity_pairs.h"

namespace vv::velocity_train {

namespace {

struct Target {
  Timestamp time;
  double views;
  bool at_horizon = false;
};

// What a reference state (the first k snapshots known) is asked about: every later snapshot,
// and, with horizons, the views at each horizon after publication that falls after the reference
// and within the observed span (interpolated): serving asks for exactly those times, often a few
// hours ahead, which daily snapshots alone would never show the model.
std::vector<Target> TargetsOf(const Video& video, const std::vector<Snapshot>& snaps, size_t k,
                              const std::vector<double>* horizons) {
  std::vector<Target> out;
  const std::optional<Timestamp> ref =
      k ? std::optional(snaps[k - 1].captured_at) : video.published_at;
  for (size_t t = std::max<size_t>(k, 1); t < snaps.size(); ++t) {
    if (ref && snaps[t].captured_at <= *ref) continue;
    out.push_back({snaps[t].captured_at, static_cast<double>(*snaps[t].views)});
  }
  if (!horizons || !video.published_at || !ref) return out;
  for (double h : *horizons) {
    const Timestamp at = *video.published_at + std::chrono::seconds(std::llround(h * 3600));
    // Between two snapshots only: before the first one the interpolation would run from zero
    // views at publication, log-linear, and put a few hundred views where there were millions.
    if (at <= *ref || at <= snaps.front().captured_at || at >= snaps.back().captured_at) continue;
    if (auto views = InterpolateViews(snaps, video.published_at, at)) out.push_back({at, *views, true});
  }
  return out;
}

void AppendQuery(const Video& video, const std::vector<Snapshot>& snaps, size_t k, Timestamp target,
                 Pairs* p) {
  eval::GrowthQuery q;
  for (size_t j = 0; j < k; ++j) {
    q.known_age_hours.push_back(HoursBetween(*video.published_at, snaps[j].captured_at));
    q.known_views.push_back(static_cast<double>(*snaps[j].views));
  }
  q.target_age_hours = HoursBetween(*video.published_at, target);
  p->queries.push_back(std::move(q));
}

}  // namespace

Pairs BuildPairs(const Dataset& data, const std::vector<size_t>& videos, unsigned refs,
                 double keep, uint32_t seed, bool with_queries, const std::vector<double>* horizons) {
  Pairs p;
  p.x.cols = features::kNumNumericFeatures;
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  features::FeatureBuffer buf;
  static const std::vector<int> masked = FeatureColumns(CountrySpecificFeatures());
  for (size_t vi : videos) {
    const Video& video = data.videos[vi];
    auto it = data.snapshots.find(video.id);
    if (it == data.snapshots.end()) continue;
    std::vector<Snapshot> snaps = SnapshotsWithViews(it->second);
    if (snaps.size() < 2) continue;
    const Channel* channel = FindChannel(data, video);
    std::vector<size_t> known_counts;  // how many snapshots are known at the reference
    if ((refs & kRefNone) && video.published_at) known_counts.push_back(0);
    if (refs & kRefFirst) known_counts.push_back(1);
    if ((refs & kRefMiddle) && snaps.size() >= 4) known_counts.push_back(snaps.size() / 2);
    for (size_t k : known_counts) {
      std::span<const Snapshot> known(snaps.data(), k);
      const double base = k ? std::log1p(static_cast<double>(*snaps[k - 1].views)) : 0.0;
      for (const Target& target : TargetsOf(video, snaps, k, horizons)) {
        if (keep < 1 && u(rng) >= keep) continue;
        features::ComputeFeaturesInto(video, channel, known, target.time, buf.data());
        MaskColumns(masked, buf.data());
        p.x.AppendRow(buf.data());
        p.growth.push_back(static_cast<float>(std::log1p(target.views) - base));
        p.base.push_back(base);
        p.actual.push_back(target.views);
        p.horizon.push_back(buf[features::kNumBaseFeatures + features::kNumTemporalFeatures]);
        p.known.push_back(static_cast<uint8_t>(std::min<size_t>(k, 255)));
        p.at_horizon.push_back(target.at_horizon ? 1 : 0);
        if (with_queries) AppendQuery(video, snaps, k, target.time, &p);
      }
    }
  }
  return p;
}

}  // namespace vv::velocity_train
