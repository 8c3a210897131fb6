// Injected anomalies: deterministic, about the asked share, each kind changes what it says.
#include "models/anomaly_inject.h"

#include <gtest/gtest.h>

namespace vv {
namespace {

using std::chrono::hours;

const Timestamp kT0 = Timestamp(std::chrono::seconds(1'700'000'000));

std::vector<Snapshot> Series() {
  std::vector<Snapshot> out;
  for (int i = 0; i < 4; ++i) {
    Snapshot s;
    s.video_id = "v";
    s.captured_at = kT0 + hours(24 * (i + 1));
    s.views = 10000 * (i + 1);
    s.likes = 500 * (i + 1);
    s.comments = 50 * (i + 1);
    out.push_back(s);
  }
  return out;
}

TEST(AnomalyInject, KindsChangeWhatTheySay) {
  const auto base = Series();
  const auto bought = ApplyInjection(base, InjectedAnomaly::kBoughtViews, "v", 1);
  EXPECT_EQ(bought.front().views, base.front().views);  // the block starts after the first
  EXPECT_GE(*bought.back().views, *base.back().views + 5 * 10000);
  EXPECT_EQ(bought.back().likes, base.back().likes);
  for (size_t i = 1; i < bought.size(); ++i) EXPECT_GE(*bought[i].views, *bought[i - 1].views);
  const auto likes = ApplyInjection(base, InjectedAnomaly::kBoughtLikes, "v", 1);
  EXPECT_GE(*likes.back().likes, 5 * *base.back().likes);
  EXPECT_LE(*likes.back().likes, *likes.back().views);
  const auto bots = ApplyInjection(base, InjectedAnomaly::kBotViews, "v", 1);
  EXPECT_LE(*bots.back().likes * 10, *base.back().likes);
  EXPECT_LE(*bots.back().comments * 10, *base.back().comments);
  EXPECT_EQ(bots.back().views, base.back().views);
}

TEST(AnomalyInject, DeterministicShareAndLabels) {
  Dataset d;
  for (int i = 0; i < 2000; ++i) {
    Video v;
    v.id = "vid" + std::to_string(i);
    d.videos.push_back(v);
    d.snapshots[v.id] = Series();
  }
  Video bare;  // no snapshot: left unlabelled
  bare.id = "bare";
  d.videos.push_back(bare);
  nlohmann::json summary;
  const Dataset a = WithInjectedAnomalies(d, 0.1, 7, &summary);
  const Dataset b = WithInjectedAnomalies(d, 0.1, 7, nullptr);
  EXPECT_EQ(summary["videos"], 2000);
  const int injected = summary["injected"].get<int>();
  EXPECT_GT(injected, 150);
  EXPECT_LT(injected, 250);
  EXPECT_FALSE(a.videos.back().anomaly_label.has_value());
  int labelled = 0;
  for (size_t i = 0; i + 1 < a.videos.size(); ++i) {
    ASSERT_TRUE(a.videos[i].anomaly_label.has_value());
    EXPECT_EQ(a.videos[i].anomaly_label, b.videos[i].anomaly_label);
    labelled += *a.videos[i].anomaly_label;
  }
  EXPECT_EQ(labelled, injected);
  EXPECT_NE(WithInjectedAnomalies(d, 0.1, 8, &summary).videos[0].anomaly_label.has_value(), false);
  EXPECT_FALSE(d.videos[0].anomaly_label.has_value());  // the input is not touched
}

}  // namespace
}  // namespace vv
