#include "monitor/base_drift.h"

#include <cmath>

#include <gtest/gtest.h>

#include "core/time_util.h"

namespace vv::monitor {
namespace {

Timestamp Day(int d, int hour = 0) {
  return *ParseIso8601("2024-01-01T00:00:00Z") + std::chrono::days(d) + std::chrono::hours(hour);
}

double Feature(const std::vector<double>& f, const std::string& name) {
  const auto& names = BaseDriftFeatureNames();
  return f[std::find(names.begin(), names.end(), name) - names.begin()];
}

TEST(BaseDriftFeatures, HandCountedValues) {
  Video v;
  v.title = "WOW this Is";  // 11 characters; letters 9, upper 4
  v.description = "abc";
  v.tags = {"a", "b"};
  v.duration_s = 99;
  v.published_at = Day(0, 13);
  Channel c;
  c.subscribers = 999;
  std::vector<Snapshot> snaps(2);
  snaps[0].captured_at = Day(0, 14);
  snaps[0].views = 0;  // no views yet: ratios come from the first snapshot with views
  snaps[1].captured_at = Day(1);
  snaps[1].views = 200;
  snaps[1].likes = 50;
  auto f = BaseDriftFeatures(v, &c, snaps);
  ASSERT_EQ(f.size(), BaseDriftFeatureNames().size());
  EXPECT_EQ(Feature(f, "title_length"), 11);
  EXPECT_DOUBLE_EQ(Feature(f, "title_caps_ratio"), 4.0 / 9);
  EXPECT_EQ(Feature(f, "description_length"), 3);
  EXPECT_EQ(Feature(f, "tag_count"), 2);
  EXPECT_DOUBLE_EQ(Feature(f, "log_duration_s"), std::log(100.0));
  EXPECT_DOUBLE_EQ(Feature(f, "log_views_first"), std::log(201.0));
  EXPECT_DOUBLE_EQ(Feature(f, "like_view_ratio"), 0.25);
  EXPECT_TRUE(std::isnan(Feature(f, "comment_view_ratio")));  // comments unknown
  EXPECT_DOUBLE_EQ(Feature(f, "log_subscribers"), std::log(1000.0));
  EXPECT_EQ(Feature(f, "publish_hour_utc"), 13);
  auto bare = BaseDriftFeatures(Video{}, nullptr, {});
  EXPECT_TRUE(std::isnan(Feature(bare, "log_views_first")));
  EXPECT_TRUE(std::isnan(Feature(bare, "log_subscribers")));
}

StoreSample Sample(int older, int recent, int recent_title_length) {
  StoreSample s;
  for (int i = 0; i < older + recent; ++i) {
    Video v;
    v.id = "v" + std::to_string(i);
    bool is_recent = i >= older;
    v.published_at = is_recent ? Day(30 + i % 5) : Day(i % 20);
    v.title = std::string(is_recent ? recent_title_length + i % 10 : 20 + i % 10, 'a');
    s.videos.push_back(v);
  }
  return s;
}

TEST(CompareRecentToOlder, DefaultWindowIsTheLastSevenDays) {
  auto report = CompareRecentToOlder(Sample(100, 50, 20), std::nullopt, DriftThresholds{});
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  EXPECT_EQ(report->window["since"], "2024-01-28T00:00:00Z");  // newest Day(34) - 7 d
  EXPECT_EQ(report->window["reference"]["videos"], 100);
  EXPECT_EQ(report->window["current"]["videos"], 50);
  EXPECT_EQ(report->features[0].name, "title_length");
  EXPECT_EQ(report->features[0].status, DriftStatus::kOk);
  auto drifted = CompareRecentToOlder(Sample(100, 50, 60), std::nullopt, DriftThresholds{});
  EXPECT_EQ(drifted->features[0].status, DriftStatus::kDrift);
  EXPECT_DOUBLE_EQ(drifted->features[0].ks, 1.0);
}

TEST(CompareRecentToOlder, EmptySideIsAClearError) {
  auto r = CompareRecentToOlder(Sample(100, 50, 20), Day(100), DriftThresholds{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().path, "--since");
  EXPECT_NE(r.error().message.find("since: 0"), std::string::npos);
  EXPECT_FALSE(CompareRecentToOlder(StoreSample{}, std::nullopt, DriftThresholds{}).ok());
}

}  // namespace
}  // namespace vv::monitor
