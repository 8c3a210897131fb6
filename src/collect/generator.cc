#include "collect/generator.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "collect/generator_internal.h"
#include "core/time_util.h"
#include "store/store.h"

namespace vv {
namespace {

using gen::Rng;

// Independent random streams of one seed.
// 3 is the videos' stream (generator_video.cc).
enum Stream : uint64_t { kChannelStream = 1, kAssignStream = 2, kCatalogueStream = 4 };

constexpr double kDay = 86400.0;

std::vector<double> CategoryWeights() {
  std::vector<double> w;
  for (const auto& p : gen::CategoryProfiles()) w.push_back(p.weight);
  return w;
}

// The index whose cumulative weight share first exceeds u (u in [0, 1)).
size_t StratifiedPick(const std::vector<double>& weights, double u) {
  double total = 0;
  for (double w : weights) total += w;
  double x = u * total;
  for (size_t i = 0; i < weights.size(); ++i) {
    x -= weights[i];
    if (x < 0) return i;
  }
  return weights.size() - 1;
}

}  // namespace

Status GeneratorConfig::Validate() const {
  auto bad = [](std::string what) {
    return MakeError(ErrorCode::kInvalidArgument, std::move(what));
  };
  if (videos < 1 || videos > 100'000'000) return bad("--videos must be in 1..100000000");
  if (channels < 0 || channels > videos) return bad("--channels must be in 1..videos");
  if (days < 1 || days > 365) return bad("--days must be in 1..365");
  if (publish_window_days < 0) return bad("publish window must not be negative");
  if (clickbait_share < 0 || clickbait_share > 1) return bad("clickbait share must be in 0..1");
  if (anomaly_share < 0 || anomaly_share > 1) return bad("anomaly share must be in 0..1");
  if (batch_size < 1) return bad("batch size must be positive");
  return {};
}

int64_t GeneratorConfig::EffectiveChannels() const {
  if (channels > 0) return channels;
  return std::max<int64_t>(1, videos / 20);
}

DataGenerator::DataGenerator(GeneratorConfig config) : config_(std::move(config)) {
  BuildChannels();
}

void DataGenerator::BuildChannels() {
  const int64_t n = config_.EffectiveChannels();
  std::vector<double> activity;
  channels_.reserve(static_cast<size_t>(n));
  plans_.reserve(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) activity.push_back(AddChannel(i, n));
  AssignVideos(activity);
  std::vector<int64_t> counts(static_cast<size_t>(n), 0);
  for (int32_t c : video_channel_) ++counts[static_cast<size_t>(c)];
  for (int64_t i = 0; i < n; ++i) {
    Rng rng = Rng::For(config_.seed, kCatalogueStream, static_cast<uint64_t>(i));
    // The channel's catalogue is larger than the part of it in this data set.
    channels_[static_cast<size_t>(i)].video_count =
        counts[static_cast<size_t>(i)] + static_cast<int64_t>(rng.LogNormal(120.0, 1.0));
  }
}

double DataGenerator::AddChannel(int64_t i, int64_t n) {
  static const std::vector<double> kCategoryWeights = CategoryWeights();
  static const std::vector<double> kCountryWeights = [] {
    std::vector<double> w;
    for (const auto& c : gen::Countries()) w.push_back(c.weight);
    return w;
  }();
  Rng rng = Rng::For(config_.seed, kChannelStream, static_cast<uint64_t>(i));
  ChannelPlan plan;
  // Stratified over the channels so the category mix holds even for few channels.
  double u = (static_cast<double>(i) + rng.Uniform()) / static_cast<double>(n);
  plan.primary_category = gen::CategoryProfiles()[StratifiedPick(kCategoryWeights, u)].id;
  plan.quality = rng.Normal();
  // Channel styles differ: a few channels clickbait almost always, most rarely. 1.377 is the
  // mean of logN(0, 0.8), so the mean rate stays clickbait_share (before the cap).
  plan.clickbait_rate = std::min(0.95, config_.clickbait_share * rng.LogNormal(1.0, 0.8) / 1.377);
  Channel c;
  c.id = "UC";
  c.id += gen::Base64UrlId(
      gen::Mix64(gen::Mix64(config_.seed ^ 0xc4a11e15ULL) + static_cast<uint64_t>(i)), 22);
  gen::Slots slots = gen::MakeSlots(rng, gen::ProfileFor(plan.primary_category), "", 2024);
  const auto& words = gen::ChannelWords();
  const auto& word = words[static_cast<size_t>(rng.Int(0, int64_t(words.size()) - 1))];
  c.title = rng.Bernoulli(0.5) ? slots.person : slots.topic;
  if (rng.Bernoulli(0.6)) c.title.append(" ").append(word);
  c.country = std::string(gen::Countries()[rng.Weighted(kCountryWeights)].word);
  // Heavy tail: log-normal body; a Pareto tail for the few giants.
  double subs =
      rng.Bernoulli(0.03) ? rng.Pareto(5e6, 1.2) : rng.LogNormal(gen::kSubscribersMedian, 1.7);
  c.subscribers = static_cast<int64_t>(std::clamp(subs, 50.0, 250e6));
  c.view_count = static_cast<int64_t>(*c.subscribers * rng.LogNormal(150.0, 0.8));
  double age_days = std::clamp(rng.LogNormal(5.0 * 365, 0.6), 60.0, 18.5 * 365);
  c.created_at = config_.end - std::chrono::seconds(static_cast<int64_t>(age_days * kDay));
  channels_.push_back(std::move(c));
  plans_.push_back(plan);
  return rng.LogNormal(1.0, 1.0);  // how much the channel uploads
}

// Every channel gets one video (when there are enough), the rest go by activity; then a
// shuffle so that one channel's videos are spread over the data set.
void DataGenerator::AssignVideos(const std::vector<double>& activity) {
  const auto n = static_cast<int64_t>(activity.size());
  const int64_t total = config_.videos;
  video_channel_.resize(static_cast<size_t>(total));
  Rng rng = Rng::For(config_.seed, kAssignStream, 0);
  std::vector<double> cumulative(activity.size());
  double sum = 0;
  for (size_t i = 0; i < activity.size(); ++i) cumulative[i] = (sum += activity[i]);
  for (int64_t v = 0; v < total; ++v) {
    if (v < n) {
      video_channel_[static_cast<size_t>(v)] = static_cast<int32_t>(v);
      continue;
    }
    auto it = std::upper_bound(cumulative.begin(), cumulative.end(), rng.Uniform() * sum);
    video_channel_[static_cast<size_t>(v)] =
        static_cast<int32_t>(std::min<ptrdiff_t>(it - cumulative.begin(), n - 1));
  }
  for (int64_t i = total - 1; i > 0; --i) {
    auto j = static_cast<size_t>(rng.Int(0, i));
    std::swap(video_channel_[static_cast<size_t>(i)], video_channel_[j]);
  }
}

}  // namespace vv
