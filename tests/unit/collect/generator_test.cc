#include "collect/generator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "collect/vocabulary.h"
#include "core/categories.h"
#include "core/text_util.h"
#include "core/time_util.h"

namespace vv {
namespace {

GeneratorConfig Config(int64_t videos, uint64_t seed) {
  GeneratorConfig c;
  c.videos = videos;
  c.seed = seed;
  return c;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Views of the first snapshot at least `hours` after publication.
double ViewsAt(const GeneratedVideo& g, double hours) {
  for (const auto& s : g.snapshots) {
    if (HoursBetween(*g.video.published_at, s.captured_at) >= hours) return double(*s.views);
  }
  return double(*g.snapshots.back().views);
}

double Correlation(const std::vector<double>& x, const std::vector<double>& y) {
  double mx = 0, my = 0;
  for (size_t i = 0; i < x.size(); ++i) mx += x[i], my += y[i];
  mx /= x.size(), my /= y.size();
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

// One generated set shared by the distribution tests (generation takes ~0.2 s).
const std::vector<GeneratedVideo>& Sample() {
  static const std::vector<GeneratedVideo> kSample = [] {
    DataGenerator gen(Config(5000, 7));
    std::vector<GeneratedVideo> out;
    for (int64_t i = 0; i < 5000; ++i) out.push_back(gen.MakeVideo(i));
    return out;
  }();
  return kSample;
}

TEST(Generator, SameSeedSameData) {
  DataGenerator a(Config(300, 11)), b(Config(300, 11));
  ASSERT_EQ(a.channels().size(), b.channels().size());
  for (size_t i = 0; i < a.channels().size(); ++i) {
    EXPECT_EQ(a.channels()[i].id, b.channels()[i].id);
    EXPECT_EQ(a.channels()[i].subscribers, b.channels()[i].subscribers);
  }
  // Any order: a video depends only on (config, index).
  for (int64_t i : {299, 0, 150, 7}) {
    GeneratedVideo x = a.MakeVideo(i), y = b.MakeVideo(i);
    EXPECT_EQ(x.video.id, y.video.id);
    EXPECT_EQ(x.video.title, y.video.title);
    EXPECT_EQ(x.video.tags, y.video.tags);
    EXPECT_EQ(x.video.description, y.video.description);
    ASSERT_EQ(x.snapshots.size(), y.snapshots.size());
    for (size_t k = 0; k < x.snapshots.size(); ++k) {
      EXPECT_EQ(x.snapshots[k].captured_at, y.snapshots[k].captured_at);
      EXPECT_EQ(x.snapshots[k].views, y.snapshots[k].views);
      EXPECT_EQ(x.snapshots[k].likes, y.snapshots[k].likes);
    }
  }
  // Pinned values: the generator must give these on every platform (own distributions,
  // not std::*_distribution). A deliberate change of the generator updates them.
  EXPECT_EQ(a.MakeVideo(0).video.id, "Yxt0tBH2QkB");
  EXPECT_EQ(a.channels()[0].subscribers, 1898219);
}

TEST(Generator, DifferentSeedDifferentData) {
  DataGenerator a(Config(200, 1)), b(Config(200, 2));
  int same_titles = 0;
  for (int64_t i = 0; i < 200; ++i) {
    GeneratedVideo x = a.MakeVideo(i), y = b.MakeVideo(i);
    EXPECT_NE(x.video.id, y.video.id);
    same_titles += x.video.title == y.video.title;
  }
  EXPECT_LT(same_titles, 20);
}

TEST(Generator, IdsAreUniqueAndYouTubeShaped) {
  std::set<std::string> ids;
  for (const auto& g : Sample()) {
    EXPECT_EQ(g.video.id.size(), 11u);
    ids.insert(g.video.id);
  }
  EXPECT_EQ(ids.size(), Sample().size());
  DataGenerator gen(Config(5000, 7));
  std::set<std::string> channel_ids;
  for (const auto& c : gen.channels()) {
    EXPECT_EQ(c.id.size(), 24u);
    EXPECT_EQ(c.id.substr(0, 2), "UC");
    channel_ids.insert(c.id);
  }
  EXPECT_EQ(channel_ids.size(), gen.channels().size());
  EXPECT_EQ(gen.channels().size(), 250u);  // default: one channel per 20 videos
}

TEST(Generator, SnapshotsAreOrderedAndCountsNeverFall) {
  for (const auto& g : Sample()) {
    const auto& snaps = g.snapshots;
    ASSERT_GE(snaps.size(), 8u) << g.video.id;
    EXPECT_GT(snaps.front().captured_at, *g.video.published_at);
    EXPECT_LE(HoursBetween(*g.video.published_at, snaps.back().captured_at), 30 * 24.0);
    EXPECT_GE(HoursBetween(*g.video.published_at, snaps.back().captured_at), 29 * 24.0);
    EXPECT_LE(HoursBetween(*g.video.published_at, snaps.front().captured_at), 3.0);
    for (size_t k = 1; k < snaps.size(); ++k) {
      EXPECT_GT(snaps[k].captured_at, snaps[k - 1].captured_at);
      EXPECT_GE(*snaps[k].views, *snaps[k - 1].views);
      if (snaps[k].likes) {
        EXPECT_GE(*snaps[k].likes, *snaps[k - 1].likes);
      }
      if (snaps[k].comments) {
        EXPECT_GE(*snaps[k].comments, *snaps[k - 1].comments);
      }
      EXPECT_EQ(snaps[k].video_id, g.video.id);
    }
    // Early snapshots are denser than late ones.
    auto gap = [&](size_t k) {
      return HoursBetween(snaps[k - 1].captured_at, snaps[k].captured_at);
    };
    EXPECT_LT(gap(1), gap(snaps.size() - 2));
  }
}

TEST(Generator, DaysBoundTheObservationWindow) {
  GeneratorConfig c = Config(100, 3);
  c.days = 7;
  DataGenerator gen(c);
  for (int64_t i = 0; i < 100; ++i) {
    GeneratedVideo g = gen.MakeVideo(i);
    double last = HoursBetween(*g.video.published_at, g.snapshots.back().captured_at);
    EXPECT_LE(last, 7 * 24.0);
    EXPECT_GE(last, 6 * 24.0);
    EXPECT_LE(g.snapshots.back().captured_at, c.end);
  }
}

TEST(Generator, LabelsAndShares) {
  int clickbait = 0, anomalies = 0;
  for (const auto& g : Sample()) {
    ASSERT_TRUE(g.video.clickbait_label.has_value());
    ASSERT_TRUE(g.video.anomaly_label.has_value());
    clickbait += *g.video.clickbait_label;
    anomalies += *g.video.anomaly_label;
    EXPECT_EQ(*g.video.anomaly_label, g.anomaly != AnomalyKind::kNone);
    EXPECT_EQ(g.video.source, "generate");
  }
  double n = double(Sample().size());
  EXPECT_GT(clickbait / n, 0.15);
  EXPECT_LT(clickbait / n, 0.25);
  EXPECT_GT(anomalies / n, 0.01);
  EXPECT_LT(anomalies / n, 0.03);
}

bool LooksClickbait(const std::string& title) {
  for (const auto& w : SplitString(title, ' ')) {
    int upper = 0;
    for (char c : w) upper += (c >= 'A' && c <= 'Z');
    if (upper >= 3 && upper == int(std::count_if(w.begin(), w.end(), ::isalpha))) return true;
  }
  return title.find('!') != std::string::npos || title.find("...") != std::string::npos ||
         std::any_of(title.begin(), title.end(), [](char c) { return c & 0x80; });
}

TEST(Generator, ClickbaitTitlesLookLikeClickbaitButNotAlways) {
  int cb = 0, cb_marked = 0, plain = 0, plain_marked = 0;
  for (const auto& g : Sample()) {
    bool marked = LooksClickbait(g.video.title);
    if (*g.video.clickbait_label)
      cb++, cb_marked += marked;
    else
      plain++, plain_marked += marked;
    EXPECT_LE(g.video.title.size(), 110u) << g.video.title;  // 100 + emoji bytes
    EXPECT_TRUE(IsValidUtf8(g.video.title)) << g.video.title;
    EXPECT_TRUE(IsValidUtf8(g.video.description));
  }
  EXPECT_GT(double(cb_marked) / cb, 0.85);
  EXPECT_LT(double(plain_marked) / plain, 0.35);  // noisy: honest titles shout a little too
  EXPECT_GT(double(plain_marked) / plain, 0.02);
}

TEST(Generator, DistributionsAreInRealisticBounds) {
  std::vector<double> views_1d, like_ratio, comment_ratio, tags, duration;
  std::set<int> categories;
  for (const auto& g : Sample()) {
    views_1d.push_back(ViewsAt(g, 24));
    const auto& s = g.snapshots.back();
    if (s.likes && !*g.video.anomaly_label) like_ratio.push_back(double(*s.likes) / *s.views);
    if (s.comments) comment_ratio.push_back(double(*s.comments) / *s.views);
    tags.push_back(double(g.video.tags.size()));
    duration.push_back(double(*g.video.duration_s));
    categories.insert(*g.video.category_id);
    EXPECT_NE(CategoryName(*g.video.category_id).rfind("Category ", 0), 0u);
    EXPECT_LE(g.video.tags.size(), 50u);
  }
  EXPECT_GT(Median(views_1d), 5e4);
  EXPECT_LT(Median(views_1d), 2e6);
  EXPECT_GT(Median(like_ratio), 0.015);
  EXPECT_LT(Median(like_ratio), 0.06);
  EXPECT_GT(Median(comment_ratio), 0.001);
  EXPECT_LT(Median(comment_ratio), 0.01);
  EXPECT_GE(Median(tags), 10);
  EXPECT_LE(Median(tags), 30);
  EXPECT_GT(Median(duration), 120);
  EXPECT_LT(Median(duration), 1200);
  EXPECT_GE(categories.size(), 14u);
}

TEST(Generator, SubscribersAreHeavyTailed) {
  DataGenerator gen(Config(20000, 5));
  std::vector<double> subs;
  for (const auto& c : gen.channels()) subs.push_back(double(*c.subscribers));
  double median = Median(subs);
  EXPECT_GT(*std::max_element(subs.begin(), subs.end()) / median, 100.0);
  EXPECT_LT(*std::min_element(subs.begin(), subs.end()) / median, 0.01);
}

TEST(Generator, FeaturesArePredictiveButNoisy) {
  DataGenerator gen(Config(5000, 7));
  std::map<std::string, double> subs;
  for (const auto& c : gen.channels()) subs[c.id] = std::log(double(*c.subscribers));
  std::vector<double> log_subs, quality, log_early, log_week;
  for (const auto& g : Sample()) {
    if (*g.video.anomaly_label) continue;
    log_subs.push_back(subs[g.video.channel_id]);
    quality.push_back(g.quality);
    log_early.push_back(std::log1p(ViewsAt(g, 6)));
    log_week.push_back(std::log1p(ViewsAt(g, 168)));
  }
  double r_subs = Correlation(log_subs, log_week);
  double r_early = Correlation(log_early, log_week);
  RecordProperty("r_subs", std::to_string(r_subs));
  RecordProperty("r_early", std::to_string(r_early));
  std::printf("r(subs, week) %.3f  r(6h, week) %.3f  r(quality, week) %.3f\n", r_subs, r_early,
              Correlation(quality, log_week));
  EXPECT_GT(r_subs, 0.3);
  EXPECT_LT(r_subs, 0.9);
  EXPECT_GT(Correlation(quality, log_week), 0.2);
  EXPECT_GT(r_early, r_subs);  // early views say more than the channel size
  EXPECT_LT(r_early, 0.995);
}

TEST(Generator, BoughtViewsJumpWithoutEngagement) {
  int checked = 0;
  for (const auto& g : Sample()) {
    if (g.anomaly != AnomalyKind::kBoughtViews) continue;
    double best = 0;
    for (size_t k = 1; k < g.snapshots.size(); ++k) {
      const auto &a = g.snapshots[k - 1], &b = g.snapshots[k];
      if (!a.likes || !b.likes || *a.views == 0) continue;
      double view_growth = double(*b.views) / *a.views;
      double like_growth = double(*b.likes + 1) / (*a.likes + 1);
      best = std::max(best, view_growth / like_growth);
    }
    if (g.video.ratings_disabled) continue;
    EXPECT_GT(best, 3.0) << g.video.id;
    ++checked;
  }
  EXPECT_GT(checked, 20);
}

TEST(Generator, TrajectoryKindsAllOccur) {
  std::map<Trajectory, int> kinds;
  for (const auto& g : Sample()) kinds[g.trajectory]++;
  EXPECT_GT(kinds[Trajectory::kPeakDecay], 2500);
  EXPECT_GT(kinds[Trajectory::kLongTail], 500);
  EXPECT_GT(kinds[Trajectory::kBreakout], 50);
  EXPECT_LT(kinds[Trajectory::kBreakout], 300);
}

// Text comes from the labelled category's vocabulary, except for a noisy tenth.
TEST(Generator, TextMostlyMatchesTheCategory) {
  int relabelled = 0, matched = 0, checked = 0;
  for (const auto& g : Sample()) {
    if (g.text_category != *g.video.category_id) {
      ++relabelled;
      continue;
    }
    const auto& profile = gen::ProfileFor(*g.video.category_id);
    std::string text = g.video.title + " " + g.video.description;
    bool hit = false;
    for (auto topic : profile.topics) hit = hit || text.find(topic) != std::string::npos;
    for (auto tag : profile.tags) {
      hit = hit || std::find(g.video.tags.begin(), g.video.tags.end(), tag) != g.video.tags.end();
    }
    matched += hit;
    ++checked;
  }
  double noise = relabelled / double(Sample().size());
  EXPECT_GT(noise, 0.05);
  EXPECT_LT(noise, 0.12);
  EXPECT_GT(matched / double(checked), 0.97);
}

TEST(GeneratorConfig, RejectsBadValues) {
  EXPECT_TRUE(Config(10, 1).Validate().ok());
  GeneratorConfig c = Config(0, 1);
  EXPECT_FALSE(c.Validate().ok());
  c = Config(10, 1);
  c.channels = 11;
  EXPECT_FALSE(c.Validate().ok());
  c = Config(10, 1);
  c.days = 0;
  auto status = c.Validate();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("--days"), std::string::npos);
  EXPECT_EQ(Config(10, 1).EffectiveChannels(), 1);
  EXPECT_EQ(Config(1000, 1).EffectiveChannels(), 50);
}

}  // namespace
}  // namespace vv
