#include <gtest/gtest.h>

#include <chrono>
#include <cmath>

#include "core/time_util.h"
#include "features/base_features.h"
#include "features/numeric_features.h"
#include "features/temporal_features.h"

namespace vv::features {
namespace {

Timestamp At(const char* iso) { return *ParseIso8601(iso); }

size_t Index(const std::string& name, bool with_horizon = true) {
  const auto names = NumericSchema(with_horizon).names;
  auto it = std::find(names.begin(), names.end(), name);
  EXPECT_NE(it, names.end()) << name;
  return static_cast<size_t>(it - names.begin());
}

TEST(TitleSignalsTest, HandCountedTitle) {
  auto s = ComputeTitleSignals("THIS is");
  EXPECT_FLOAT_EQ(s.caps_ratio, 4.0f / 6.0f);
  EXPECT_EQ(s.length, 7);
  EXPECT_EQ(s.words, 2);
  auto t = ComputeTitleSignals("You WON'T believe the BEST 10 tricks?! \xF0\x9F\x98\xB1\xF0\x9F\x94\xA5 (GONE WRONG)");
  EXPECT_EQ(t.second_person, 1);  // You
  EXPECT_EQ(t.superlatives, 1);   // BEST
  EXPECT_EQ(t.digits, 2);
  EXPECT_EQ(t.questions, 1);
  EXPECT_EQ(t.exclamations, 1);
  EXPECT_EQ(t.emoji, 2);
  EXPECT_EQ(t.punctuation, 5);  // ' ? ! ( )
  EXPECT_EQ(t.length, 54);      // 52 ASCII characters + two emoji of one code point each
}

TEST(TitleSignalsTest, EmptyAndInvalidUtf8AreDefined) {
  auto e = ComputeTitleSignals("");
  EXPECT_EQ(e.length, 0);
  EXPECT_FLOAT_EQ(e.caps_ratio, 0);
  auto bad = ComputeTitleSignals("ab\xF0\x9F");  // truncated 4-byte sequence
  EXPECT_EQ(bad.length, 4);
}

TEST(BaseFeaturesTest, MetadataAndChannel) {
  Video v;
  v.title = "THIS is";
  v.tags = {"a", "b", "c"};
  v.description = "hello";
  v.category_id = 24;
  v.duration_s = 599;
  v.published_at = At("2024-03-05T14:30:00Z");  // a Tuesday
  Channel c;
  c.subscribers = 999;
  c.created_at = At("2024-03-01T14:30:00Z");
  auto x = ComputeFeatures(v, &c, {});
  ASSERT_EQ(x.size(), NumericSchema(false).names.size());
  EXPECT_NEAR(x[Index("channel_log_subscribers")], std::log(1000.0), 1e-5);
  EXPECT_TRUE(std::isnan(x[Index("channel_log_videos")]));  // unknown, not zero
  EXPECT_FLOAT_EQ(x[Index("channel_age_days")], 4);
  EXPECT_NEAR(x[Index("log_duration_s")], std::log(600.0), 1e-5);
  EXPECT_FLOAT_EQ(x[Index("publish_hour")], 14);
  EXPECT_FLOAT_EQ(x[Index("publish_weekday")], 2);
  EXPECT_FLOAT_EQ(x[Index("category_id")], 24);
  EXPECT_FLOAT_EQ(x[Index("title_caps_ratio")], 4.0f / 6.0f);
  EXPECT_FLOAT_EQ(x[Index("tag_count")], 3);
  EXPECT_FLOAT_EQ(x[Index("description_length")], 5);
  auto no_channel = ComputeFeatures(v, nullptr, {});
  EXPECT_TRUE(std::isnan(no_channel[Index("channel_log_subscribers")]));
}

TEST(TemporalFeaturesTest, ZeroSnapshotsAreNaNButDefined) {
  Video v;
  v.published_at = At("2024-03-05T00:00:00Z");
  auto x = ComputeFeatures(v, nullptr, {}, At("2024-03-06T00:00:00Z"));
  ASSERT_EQ(x.size(), kNumNumericFeatures);
  EXPECT_FLOAT_EQ(x[Index("n_snapshots")], 0);
  EXPECT_TRUE(std::isnan(x[Index("log_views")]));
  EXPECT_TRUE(std::isnan(x[Index("age_hours")]));
  EXPECT_FLOAT_EQ(x[Index("horizon_hours")], 24);  // from publication when nothing is known
  EXPECT_FLOAT_EQ(x[Index("target_age_hours")], 24);
  Video undated;
  auto y = ComputeFeatures(undated, nullptr, {}, At("2024-03-06T00:00:00Z"));
  EXPECT_TRUE(std::isnan(y[Index("horizon_hours")]));
}

TEST(TemporalFeaturesTest, HandComputedTrajectory) {
  Video v;
  v.published_at = At("2024-03-05T00:00:00Z");
  std::vector<Snapshot> s(3);
  s[0].captured_at = At("2024-03-05T10:00:00Z");
  s[0].views = 99;
  s[1].captured_at = At("2024-03-05T20:00:00Z");
  s[1].views = 399;
  s[1].likes = 40;
  s[1].comments = 4;
  s[2].captured_at = At("2024-03-06T20:00:00Z");  // after as_of: not known
  s[2].views = 10000;
  auto known = KnownSnapshots(s, At("2024-03-06T00:00:00Z"));
  ASSERT_EQ(known.size(), 2u);
  auto x = ComputeFeatures(v, nullptr, known, At("2024-03-07T20:00:00Z"));
  EXPECT_FLOAT_EQ(x[Index("n_snapshots")], 2);
  EXPECT_FLOAT_EQ(x[Index("age_hours")], 20);
  EXPECT_NEAR(x[Index("log_views")], std::log(400.0), 1e-5);
  EXPECT_NEAR(x[Index("log_likes")], std::log(41.0), 1e-5);
  EXPECT_NEAR(x[Index("log_views_per_hour_recent")], std::log1p(300.0 / 10), 1e-5);
  EXPECT_NEAR(x[Index("log_views_per_hour_lifetime")], std::log1p(399.0 / 20), 1e-5);
  EXPECT_NEAR(x[Index("log_growth_ratio")], std::log(4.0), 1e-5);
  EXPECT_NEAR(x[Index("like_view_ratio")], 40.0 / 399, 1e-6);
  EXPECT_NEAR(x[Index("comment_view_ratio")], 4.0 / 399, 1e-6);
  EXPECT_FLOAT_EQ(x[Index("horizon_hours")], 48);
  EXPECT_FLOAT_EQ(x[Index("target_age_hours")], 68);
  auto none = KnownSnapshots(s, At("2024-03-05T09:00:00Z"));
  EXPECT_EQ(none.size(), 0u);
  EXPECT_EQ(KnownSnapshots(s, std::nullopt).size(), 3u);
}

TEST(FeatureSchemaTest, NamesAreUniqueAndHashIsStable) {
  auto with = NumericSchema(true), without = NumericSchema(false);
  EXPECT_EQ(with.names.size(), kNumNumericFeatures);
  EXPECT_EQ(without.names.size(), kNumBaseFeatures + kNumTemporalFeatures);
  std::set<std::string> unique(with.names.begin(), with.names.end());
  EXPECT_EQ(unique.size(), with.names.size());
  EXPECT_EQ(with.Hash(), NumericSchema(true).Hash());
  EXPECT_NE(with.Hash(), without.Hash());
  EXPECT_EQ(with.Hash().size(), 64u);
  auto renamed = with;
  renamed.names[0] = "something_else";
  EXPECT_NE(renamed.Hash(), with.Hash());
}

}  // namespace
}  // namespace vv::features
