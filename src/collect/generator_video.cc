// One video of the generator and the batched write into a store.
#include <algorithm>
#include <cmath>
#include <future>

#include "collect/cleaner.h"
#include "collect/generator.h"
#include "collect/generator_internal.h"
#include "core/categories.h"
#include "core/time_util.h"
#include "store/store.h"

namespace vv {
namespace {

using gen::Rng;

constexpr uint64_t kVideoStream = 3;
constexpr double kDay = 86400.0;
constexpr double kBreakoutShare = 0.03;

int YearOf(Timestamp t) {
  auto ymd = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(t));
  return static_cast<int>(ymd.year());
}

std::string LanguageFor(const std::string& country) {
  static const std::pair<const char*, const char*> kLang[] = {
      {"DE", "de"}, {"FR", "fr"}, {"KR", "ko"}, {"JP", "ja"}, {"BR", "pt"},
      {"MX", "es"}, {"ES", "es"}, {"NL", "nl"}, {"SE", "sv"}};
  for (const auto& [c, l] : kLang) {
    if (country == c) return l;
  }
  return "en";
}

// Engagement and scale of a video from its channel, category, title style and quality.
gen::VideoLatent MakeLatent(Rng& rng, const gen::CategoryProfile& profile, const Channel& channel,
                            double quality, bool clickbait) {
  gen::VideoLatent l;
  double subs_z =
      std::log(static_cast<double>(channel.subscribers.value_or(1000)) / gen::kSubscribersMedian);
  l.views_7d = gen::kViews7dMedian * profile.views_factor *
               std::exp(0.5 * subs_z + 0.55 * quality + rng.Normal(0.0, 0.7)) *
               (clickbait ? 1.25 : 1.0);
  double u = rng.Uniform();
  l.trajectory = u < kBreakoutShare                       ? Trajectory::kBreakout
                 : u < kBreakoutShare + profile.evergreen ? Trajectory::kLongTail
                                                          : Trajectory::kPeakDecay;
  // Clickbait pulls clicks but disappoints: fewer likes, more (angry) comments and dislikes.
  // Skewed noise: like ratios have a long low tail (ignored videos) and a short high one.
  double like_noise = rng.Normal();
  like_noise *= like_noise < 0 ? 0.85 : 0.5;
  l.like_ratio = std::min(
      0.5, profile.like_ratio * std::exp(0.2 * quality + like_noise) * (clickbait ? 0.8 : 1.0));
  l.comment_ratio = profile.comment_ratio * std::exp(0.15 * quality + rng.Normal(0.0, 0.8)) *
                    (clickbait ? 1.2 : 1.0);
  // A few videos are controversial: as many dislikes as likes, or more.
  double controversy = rng.Bernoulli(0.03) ? rng.Uniform(5.0, 30.0) : 1.0;
  l.dislike_ratio = 0.025 * controversy * std::exp(rng.Normal(0.0, 0.95) - 0.3 * quality) *
                    (clickbait ? 2.0 : 1.0);
  l.dislikes_hidden = rng.Bernoulli(0.5);
  return l;
}

// Injected anomalies; the draws happen whatever the share so the stream stays aligned.
AnomalyKind ApplyAnomaly(Rng& rng, double share, gen::VideoLatent& l) {
  bool anomalous = rng.Bernoulli(share);
  double kind = rng.Uniform();
  double factor = rng.Uniform(6.0, 20.0);
  if (!anomalous) return AnomalyKind::kNone;
  if (kind < 0.6) return AnomalyKind::kBoughtViews;
  if (kind < 0.8) {
    l.like_ratio = std::min(0.9, l.like_ratio * factor);  // bought likes
    return AnomalyKind::kLikeRatioHigh;
  }
  l.like_ratio /= factor;  // views from bots or incentivised plays: nobody engages
  l.comment_ratio /= factor;
  return AnomalyKind::kLikeRatioLow;
}

}  // namespace

GeneratedVideo DataGenerator::MakeVideo(int64_t index) const {
  Rng rng = Rng::For(config_.seed, kVideoStream, static_cast<uint64_t>(index));
  const auto channel_index = static_cast<size_t>(video_channel_[static_cast<size_t>(index)]);
  const Channel& channel = channels_[channel_index];
  const ChannelPlan& plan = plans_[channel_index];
  static const std::vector<double> kWeights = [] {
    std::vector<double> w;
    for (const auto& p : gen::CategoryProfiles()) w.push_back(p.weight);
    return w;
  }();

  GeneratedVideo g;
  Video& v = g.video;
  const uint64_t id_key = gen::Mix64(config_.seed ^ 0x71de05ULL);
  v.id = gen::Base64UrlId(gen::Mix64(id_key + static_cast<uint64_t>(index)), 11);
  v.channel_id = channel.id;
  size_t other = rng.Weighted(kWeights);
  int category = rng.Bernoulli(0.85) ? plan.primary_category : gen::CategoryProfiles()[other].id;
  const auto& profile = gen::ProfileFor(category);
  v.category_id = category;
  // Publication times rise with the index (stratified, jittered): ids come in upload order
  // as on a real channel feed, and a store batch then writes one stretch of time (locality).
  double slot = (static_cast<double>(index) + rng.Uniform()) / static_cast<double>(config_.videos);
  double age_s = config_.days * kDay + (1.0 - slot) * config_.publish_window_days * kDay;
  v.published_at = config_.end - std::chrono::seconds(static_cast<int64_t>(age_s));
  bool clickbait = rng.Bernoulli(plan.clickbait_rate);
  // Uploaders pick categories loosely: one video in ten reads like another category (an
  // "Entertainment" clip that is really comedy), as in the real data; the genre model's
  // ceiling is therefore below 100 %.
  const size_t lookalike = rng.Weighted(kWeights);
  const auto& text = rng.Bernoulli(0.1) ? gen::CategoryProfiles()[lookalike] : profile;
  g.text_category = text.id;
  gen::Slots slots = gen::MakeSlots(rng, text, channel.title, YearOf(*v.published_at));
  v.title = gen::MakeTitle(rng, text, slots, clickbait);
  v.tags = gen::MakeTags(rng, text, slots, v.title);
  v.description = gen::MakeDescription(rng, text, slots);
  v.duration_s = static_cast<int64_t>(std::clamp(
      rng.LogNormal(profile.duration_median_s, profile.duration_sigma), 15.0, 4 * 3600.0));
  v.default_language = LanguageFor(channel.country);
  v.thumbnail_url = "https://i.ytimg.com/vi/" + v.id + "/default.jpg";
  v.comments_disabled = rng.Bernoulli(0.016);  // shares in the 2017 US file
  v.ratings_disabled = rng.Bernoulli(0.004);
  v.clickbait_label = clickbait;
  v.source = "generate";

  g.quality = 0.6 * plan.quality + 0.8 * rng.Normal();
  gen::VideoLatent latent = MakeLatent(rng, profile, channel, g.quality, clickbait);
  latent.published_at = *v.published_at;
  latent.days = config_.days;
  latent.comments_disabled = v.comments_disabled;
  latent.ratings_disabled = v.ratings_disabled;
  latent.anomaly = ApplyAnomaly(rng, config_.anomaly_share, latent);
  g.anomaly = latent.anomaly;
  g.trajectory = latent.trajectory;
  v.anomaly_label = g.anomaly != AnomalyKind::kNone;
  g.snapshots = gen::MakeSnapshots(rng, latent, v.id);
  return g;
}

namespace {

struct Batch {
  std::vector<Video> videos;
  std::vector<Snapshot> snapshots;
  int64_t clickbait = 0, anomalies = 0;
};

Batch MakeBatch(const DataGenerator& generator, int64_t start, int64_t end) {
  Batch b;
  b.videos.reserve(static_cast<size_t>(end - start));
  b.snapshots.reserve(static_cast<size_t>(end - start) * 20);
  for (int64_t i = start; i < end; ++i) {
    GeneratedVideo g = generator.MakeVideo(i);
    b.clickbait += g.video.clickbait_label.value_or(false) ? 1 : 0;
    b.anomalies += g.video.anomaly_label.value_or(false) ? 1 : 0;
    b.videos.push_back(std::move(g.video));
    for (auto& s : g.snapshots) b.snapshots.push_back(std::move(s));
  }
  // The cleaner every ingest path shares: generated text is held to the same spelling rules.
  for (auto& v : b.videos) CleanVideo(v);
  for (auto& s : b.snapshots) CleanSnapshot(s);
  // Key order: the store's B-trees are then walked once per batch instead of at random.
  std::sort(b.videos.begin(), b.videos.end(),
            [](const Video& x, const Video& y) { return x.id < y.id; });
  std::sort(b.snapshots.begin(), b.snapshots.end(), [](const Snapshot& x, const Snapshot& y) {
    return x.video_id != y.video_id ? x.video_id < y.video_id : x.captured_at < y.captured_at;
  });
  return b;
}

}  // namespace

std::string GenerateCommand(const GeneratorConfig& config) {
  std::string command = "vv generate --videos " + std::to_string(config.videos) + " --seed " +
                        std::to_string(config.seed) + " --days " + std::to_string(config.days);
  if (config.channels > 0) command += " --channels " + std::to_string(config.channels);
  return command;
}

Result<GenerateSummary> GenerateIntoStore(const GeneratorConfig& config, Store& store,
                                          const std::function<void(int64_t)>& progress) {
  VV_RETURN_IF_ERROR(config.Validate());
  const DataGenerator generator(config);
  GenerateSummary summary;
  summary.channels = static_cast<int64_t>(generator.channels().size());
  // The marker goes in with the first rows and out with the last, so a killed run leaves the
  // store marked partial and readers warn (store.h kGenerationMarker).
  VV_RETURN_IF_ERROR(InTransaction(store, [&]() -> Status {
    VV_RETURN_IF_ERROR(store.SetMarker({kGenerationMarker, GenerateCommand(config), Now()}));
    VV_RETURN_IF_ERROR(store.UpsertCategories(DefaultCategories()));
    std::vector<Channel> channels = generator.channels();
    for (auto& c : channels) CleanChannel(c);
    return store.UpsertChannels(channels);
  }));
  const int64_t n = config.videos, size = config.batch_size;
  // The next batch is generated on a second thread while the store writes this one; MakeVideo
  // is const and pure, so the data set is the same as a sequential run.
  auto make = [&generator, n, size](int64_t start) {
    return MakeBatch(generator, start, std::min(n, start + size));
  };
  std::future<Batch> next = std::async(std::launch::async, make, 0);
  for (int64_t start = 0; start < n; start += size) {
    Batch batch = next.get();
    if (start + size < n) next = std::async(std::launch::async, make, start + size);
    // One transaction per batch: a batch is all or nothing, and a re-run with the same seed
    // upserts the same rows, so an interrupted run is completed by running it again.
    VV_RETURN_IF_ERROR(InTransaction(store, [&]() -> Status {
      VV_RETURN_IF_ERROR(store.UpsertVideos(batch.videos));
      VV_RETURN_IF_ERROR(store.UpsertSnapshots(batch.snapshots));
      return start + size >= n ? store.ClearMarker(kGenerationMarker) : Status();
    }));
    summary.videos = std::min(n, start + size);
    summary.snapshots += static_cast<int64_t>(batch.snapshots.size());
    summary.clickbait += batch.clickbait;
    summary.anomalies += batch.anomalies;
    if (progress) progress(summary.videos);
  }
  return summary;
}

}  // namespace vv
