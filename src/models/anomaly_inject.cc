#include "models/anomaly_inject.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "core/stable_hash.h"

namespace vv {

namespace {

int64_t Scaled(int64_t count, double factor) {
  return static_cast<int64_t>(std::llround(static_cast<double>(count) * factor));
}

}  // namespace

const char* InjectedAnomalyName(InjectedAnomaly kind) {
  switch (kind) {
    case InjectedAnomaly::kBoughtViews: return "bought_views";
    case InjectedAnomaly::kBoughtLikes: return "bought_likes";
    case InjectedAnomaly::kBotViews: return "bot_views";
    case InjectedAnomaly::kNone: break;
  }
  return "none";
}

InjectedAnomaly PickInjection(const std::string& video_id, uint64_t seed, double share) {
  std::mt19937_64 rng(Fnv1a(video_id, seed));
  if (std::uniform_real_distribution<double>(0, 1)(rng) >= share) return InjectedAnomaly::kNone;
  switch (std::uniform_int_distribution<int>(0, 2)(rng)) {
    case 0: return InjectedAnomaly::kBoughtViews;
    case 1: return InjectedAnomaly::kBoughtLikes;
    default: return InjectedAnomaly::kBotViews;
  }
}

std::vector<Snapshot> ApplyInjection(std::vector<Snapshot> snaps, InjectedAnomaly kind,
                                     const std::string& video_id, uint64_t seed) {
  std::mt19937_64 rng(Fnv1a(video_id, seed ^ 0x9e3779b97f4a7c15ULL));
  std::uniform_real_distribution<double> big(5, 30), bot(10, 50);
  switch (kind) {
    case InjectedAnomaly::kBoughtViews: {
      if (snaps.size() == 1) {
        if (snaps[0].views) snaps[0].views = Scaled(*snaps[0].views, big(rng));
        break;
      }
      const size_t from = std::uniform_int_distribution<size_t>(1, snaps.size() - 1)(rng);
      const int64_t block = Scaled(snaps[from].views.value_or(0), big(rng));
      for (size_t i = from; i < snaps.size(); ++i) {
        if (snaps[i].views) *snaps[i].views += block;
      }
      break;
    }
    case InjectedAnomaly::kBoughtLikes: {
      const double factor = big(rng);
      for (auto& s : snaps) {
        if (s.likes) s.likes = std::min(Scaled(*s.likes, factor), s.views.value_or(INT64_MAX));
      }
      break;
    }
    case InjectedAnomaly::kBotViews: {
      const double factor = 1.0 / bot(rng);
      for (auto& s : snaps) {
        if (s.likes) s.likes = Scaled(*s.likes, factor);
        if (s.comments) s.comments = Scaled(*s.comments, factor);
      }
      break;
    }
    case InjectedAnomaly::kNone: break;
  }
  return snaps;
}

Dataset WithInjectedAnomalies(const Dataset& data, double share, uint64_t seed,
                              nlohmann::json* summary) {
  Dataset out = data;
  size_t videos = 0, injected = 0;
  std::map<std::string, size_t> by_kind;
  for (auto& v : out.videos) {
    auto it = out.snapshots.find(v.id);
    const bool has_views = it != out.snapshots.end() &&
                           std::any_of(it->second.begin(), it->second.end(),
                                       [](const Snapshot& s) { return s.views.has_value(); });
    if (!has_views) continue;
    ++videos;
    const InjectedAnomaly kind = PickInjection(v.id, seed, share);
    v.anomaly_label = kind != InjectedAnomaly::kNone;
    if (kind == InjectedAnomaly::kNone) continue;
    ++injected;
    ++by_kind[InjectedAnomalyName(kind)];
    it->second = ApplyInjection(std::move(it->second), kind, v.id, seed);
  }
  if (summary) {
    *summary = {{"seed", seed}, {"share", share}, {"videos", videos}, {"injected", injected},
                {"by_kind", by_kind}};
  }
  return out;
}

}  // namespace vv
