#include "models/engagement_patterns.h"

#include <cmath>
#include <random>

#include <gtest/gtest.h>

namespace vv {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Normal videos: likes and comments per view move together (one latent "engagement"), dislikes
// per like independent, growth features small.
std::vector<std::vector<double>> NormalRows(size_t n) {
  std::mt19937_64 rng(7);
  std::normal_distribution<double> g(0, 1);
  std::vector<std::vector<double>> rows;
  for (size_t i = 0; i < n; ++i) {
    const double engagement = g(rng);
    rows.push_back({-3.8 + engagement + 0.3 * g(rng), -6.0 + engagement + 0.5 * g(rng),
                    -3.2 + 0.8 * g(rng), 0.1 + 0.2 * std::abs(g(rng)), 1.0 + 0.5 * g(rng)});
  }
  return rows;
}

int PatternIndex(const std::string& name) {
  const auto& p = EngagementPatterns();
  for (size_t i = 0; i < p.size(); ++i) {
    if (name == p[i].name) return static_cast<int>(i);
  }
  return -1;
}

TEST(EngagementPatterns, LikesUpAloneIsFarMoreTellingThanEngagementUpTogether) {
  const PatternDetector detector = PatternDetector::Fit(NormalRows(5000));
  // Likes per view 2 log-units up; comments and dislikes as usual.
  const auto bought = detector.Best({-1.8, -6.0, -5.2, 0.1, 1.0});
  // Likes and comments both 2 up: a well-loved video, the same |z| on the like ratio.
  const auto loved = detector.Best({-1.8, -4.0, -3.2, 0.1, 1.0});
  EXPECT_EQ(bought.pattern, PatternIndex("bought_likes"));
  // The like ratio alone is 1.9 sd off (sd ~1.04); read with comments and dislikes, over twice.
  EXPECT_GT(bought.t, 3.8);
  EXPECT_LT(loved.t, bought.t / 2);
}

TEST(EngagementPatterns, OneSided) {
  const PatternDetector detector = PatternDetector::Fit(NormalRows(5000));
  // Far more comments than usual with everything else typical: no fraud pattern predicts it.
  EXPECT_LT(detector.Best({-3.8, -2.0, -3.2, 0.1, 1.0}).t, 2.0);
  // The mean video matches nothing.
  EXPECT_LT(detector.Best({-3.8, -6.0, -3.2, 0.1, 1.0}).t, 0.5);
}

TEST(EngagementPatterns, UsesOnlyTheFeaturesAVideoHas) {
  const PatternDetector detector = PatternDetector::Fit(NormalRows(5000));
  // One snapshot (no growth features), likes and comments per view both 4 down (about 4 sd along
  // the axis they share): bot views or bought views, never an error nor NaN.
  const auto m = detector.Best({-7.8, -10.0, kNaN, kNaN, kNaN});
  EXPECT_TRUE(std::isfinite(m.t));
  EXPECT_GT(m.t, 3.0);
  EXPECT_EQ(detector.Best({kNaN, kNaN, kNaN, kNaN, kNaN}).pattern, -1);
}

TEST(EngagementPatterns, RoundTripsAndRefusesBadJson) {
  const PatternDetector detector = PatternDetector::Fit(NormalRows(500));
  auto back = PatternDetector::FromJson(detector.ToJson(), "anomaly.json");
  ASSERT_TRUE(back.ok()) << back.error().message;
  const std::vector<double> x = {-1.8, -6.0, -5.2, 0.4, 2.0};
  EXPECT_DOUBLE_EQ(back->Best(x).t, detector.Best(x).t);
  nlohmann::json short_cov = detector.ToJson();
  short_cov["cov"].erase(0);
  EXPECT_FALSE(PatternDetector::FromJson(short_cov, "anomaly.json").ok());
  EXPECT_FALSE(PatternDetector::FromJson({{"mean", "x"}}, "anomaly.json").ok());
}

}  // namespace
}  // namespace vv
