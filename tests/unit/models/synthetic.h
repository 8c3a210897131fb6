#pragma once
// A small synthetic YouTube-like dataset for the velocity and viral tests (the project's data
// generator is not a dependency of these tests). Views follow a saturating curve whose scale
// depends on channel size, title caps and category, and whose time constant depends on the
// category and duration, with log-normal noise per video and per snapshot.
#include <chrono>
#include <cmath>
#include <random>
#include <string>

#include "models/model.h"

namespace vv::testing {

// "ch" + std::to_string(n) trips a GCC 12 -Wrestrict false positive.
inline std::string Id(const char* prefix, size_t n) {
  std::string id = prefix;
  id += std::to_string(n);
  return id;
}

inline Timestamp T0() { return Timestamp(std::chrono::seconds(1700000000)); }
inline Timestamp HoursAfter(Timestamp t, double h) {
  return t + std::chrono::seconds(static_cast<int64_t>(h * 3600));
}

struct SyntheticOptions {
  size_t videos = 1500;
  uint32_t seed = 7;
  double video_noise = 0.35;     // sd of log scale not explained by features
  double snapshot_noise = 0.05;  // sd of per-snapshot multiplicative noise
  int max_snapshots = 8;
};

inline Dataset MakeSyntheticDataset(const SyntheticOptions& opt = {}) {
  std::mt19937 rng(opt.seed);
  std::normal_distribution<double> g(0, 1);
  std::uniform_real_distribution<double> u(0, 1);
  Dataset data;
  const int categories[] = {10, 20, 24, 27};
  for (int c = 0; c < 60; ++c) {
    Channel ch;
    ch.id = Id("ch", c);
    ch.subscribers = static_cast<int64_t>(std::exp(7 + 2.0 * g(rng)));
    ch.video_count = 10 + static_cast<int64_t>(500 * u(rng));
    ch.view_count = *ch.subscribers * 50;
    data.channels[ch.id] = ch;
  }
  for (size_t i = 0; i < opt.videos; ++i) {
    Video v;
    v.id = Id("v", i);
    v.channel_id = Id("ch", i % 60);
    const int cat = categories[i % 4];
    v.category_id = cat;
    const bool shouty = u(rng) < 0.3;
    v.title = shouty ? "YOU WON'T BELIEVE THIS!!" : "a quiet video about gardens";
    v.duration_s = static_cast<int64_t>(60 + 1200 * u(rng));
    v.published_at = HoursAfter(T0(), 24.0 * (i % 200));
    const double subs = static_cast<double>(*data.channels[v.channel_id].subscribers);
    const double log_scale = 1.0 + 0.8 * std::log(subs) + (shouty ? 0.8 : 0.0) +
                             0.15 * (cat % 7) + opt.video_noise * g(rng);
    const double tau = (cat == 10 ? 24.0 : 96.0) * (*v.duration_s > 600 ? 2.0 : 1.0);
    double age = 1 + 11 * u(rng);
    int64_t prev = 0;
    const int n = 1 + static_cast<int>(u(rng) * opt.max_snapshots);
    for (int k = 0; k < n; ++k) {
      Snapshot s;
      s.video_id = v.id;
      s.captured_at = HoursAfter(*v.published_at, age);
      double views = std::exp(log_scale) * (1 - std::exp(-age / tau)) *
                     std::exp(opt.snapshot_noise * g(rng));
      prev = std::max(prev, static_cast<int64_t>(views));
      s.views = prev;
      s.likes = prev / 20;
      s.comments = prev / 200;
      data.snapshots[v.id].push_back(s);
      age += 6 + 60 * u(rng);
    }
    data.videos.push_back(std::move(v));
  }
  return data;
}

// 60 % train, 20 % validation, 20 % test, in index order (videos are already shuffled in kind).
inline Split MakeSplit(size_t n) {
  Split s;
  for (size_t i = 0; i < n; ++i) {
    (i % 5 < 3 ? s.train : i % 5 == 3 ? s.validation : s.test).push_back(i);
  }
  return s;
}

}  // namespace vv::testing
