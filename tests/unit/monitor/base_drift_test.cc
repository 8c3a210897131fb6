#include "monitor/base_drift.h"

#include <cmath>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/time_util.h"
#include "features/numeric_features.h"

namespace vv::monitor {
namespace {

Timestamp Day(int d, int hour = 0) {
  return *ParseIso8601("2024-01-01T00:00:00Z") + std::chrono::days(d) + std::chrono::hours(hour);
}

double Feature(const std::vector<double>& f, const std::string& name) {
  const auto& names = BaseDriftFeatureNames();
  return f[std::find(names.begin(), names.end(), name) - names.begin()];
}

TEST(BaseDriftFeatures, FeaturePipelineAtTheFirstSnapshotWithViews) {
  EXPECT_EQ(BaseDriftFeatureNames(), features::NumericSchema(false).names);
  Video v;
  v.title = "WOW this Is";  // 11 characters; letters 9, upper 4
  v.tags = {"a", "b"};
  v.published_at = Day(0, 13);
  Channel c;
  c.subscribers = 999;
  std::vector<Snapshot> snaps(3);
  snaps[0].captured_at = Day(0, 14);
  snaps[0].views = 0;  // nothing yet: the first snapshot with views is the next one
  snaps[1].captured_at = Day(1, 13);
  snaps[1].views = 200;
  snaps[1].likes = 50;
  snaps[2].captured_at = Day(2);
  snaps[2].views = 90000;  // later growth must not count: old videos have more of it
  auto f = BaseDriftFeatures(v, &c, snaps);
  ASSERT_EQ(f.size(), BaseDriftFeatureNames().size());
  EXPECT_EQ(Feature(f, "title_length"), 11);
  EXPECT_NEAR(Feature(f, "title_caps_ratio"), 4.0 / 9, 1e-6);
  EXPECT_EQ(Feature(f, "tag_count"), 2);
  EXPECT_EQ(Feature(f, "n_snapshots"), 1);
  EXPECT_EQ(Feature(f, "age_hours"), 24);
  EXPECT_NEAR(Feature(f, "log_views"), std::log1p(200.0), 1e-5);
  EXPECT_NEAR(Feature(f, "like_view_ratio"), 0.25, 1e-6);
  EXPECT_TRUE(std::isnan(Feature(f, "comment_view_ratio")));  // comments unknown
  auto bare = BaseDriftFeatures(Video{}, nullptr, {});
  EXPECT_TRUE(std::isnan(Feature(bare, "log_views")));
  EXPECT_TRUE(std::isnan(Feature(bare, "channel_log_subscribers")));
}

const ColumnDrift* Column(const DriftReport& r, const std::string& name) {
  for (const auto& c : r.features) {
    if (c.name == name) return &c;
  }
  ADD_FAILURE() << "no column " << name;
  static const ColumnDrift kNone;
  return &kNone;
}

StoreSample Sample(int older, int recent, int recent_title_length) {
  StoreSample s;
  for (int i = 0; i < older + recent; ++i) {
    Video v;
    v.id = fmt::format("v{}", i);  // not "v" + to_string: GCC 12 -Wrestrict false positive
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
  ASSERT_EQ(report->features.size(), BaseDriftFeatureNames().size());
  const ColumnDrift* title = Column(*report, "title_length");
  EXPECT_EQ(title->status, DriftStatus::kOk);
  auto drifted = CompareRecentToOlder(Sample(100, 50, 60), std::nullopt, DriftThresholds{});
  EXPECT_EQ(Column(*drifted, "title_length")->status, DriftStatus::kDrift);
  EXPECT_DOUBLE_EQ(Column(*drifted, "title_length")->ks, 1.0);
  // No snapshot anywhere: no verdict on the view features.
  EXPECT_EQ(Column(*drifted, "log_views")->status, DriftStatus::kInsufficient);
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
