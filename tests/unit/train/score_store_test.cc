#include "train/score_store.h"

#include <gtest/gtest.h>

#include <cmath>

#include "unit/train/snapshots.h"

namespace vv::train {
namespace {

using nlohmann::json;

using testing::kT0;
using testing::Snap;

// Answers like the velocity model: twice the first snapshot's views at each horizon.
class DoublingModel : public Model {
 public:
  std::string Name() const override { return "velocity"; }
  Result<json> Predict(const VideoInput& in) const override {
    EXPECT_EQ(in.snapshots.size(), 1u);  // the protocol shows the first snapshot only
    const double v = 2.0 * static_cast<double>(*in.snapshots.front().views);
    json horizons = json::array();
    for (double h : {24.0, 168.0}) {
      horizons.push_back({{"hours", h}, {"views", v}, {"lo", v / 2}, {"hi", v * 1.5},
                          {"observed", false}});
    }
    return json{{"horizons", horizons}};
  }
  Result<std::vector<std::string>> Save(const std::filesystem::path&) const override {
    return std::vector<std::string>{};
  }
  json FeatureSchema() const override { return json::object(); }
};

std::vector<Scorer> Doubling() { return {{"velocity", std::make_shared<DoublingModel>()}}; }

// Answers 1.5x the first snapshot's views at each horizon, without an interval.
class OneAndAHalf : public DoublingModel {
 public:
  Result<json> Predict(const VideoInput& in) const override {
    json out = *DoublingModel::Predict(in);
    for (auto& h : out["horizons"]) h = {{"hours", h["hours"]}, {"views", h["views"].get<double>() * 0.75}};
    return out;
  }
};

// Refuses videos whose id starts with 'x' (a scorer that cannot answer drops the unit for all).
class PickyModel : public DoublingModel {
 public:
  Result<json> Predict(const VideoInput& in) const override {
    if (in.video.id[0] == 'x') return MakeError(ErrorCode::kInvalidArgument, "no");
    return DoublingModel::Predict(in);
  }
};

TEST(ScoreOnDataset, VelocityPairsEachCoveredHorizon) {
  Dataset d;
  Video v;
  v.id = "a";
  v.published_at = kT0;
  d.videos.push_back(v);
  // 24 h after publishing is inside the observed range, 168 h is not.
  d.snapshots["a"] = {Snap("a", 6, 100), Snap("a", 42, 280)};
  Video lone;  // one snapshot: not scored
  lone.id = "b";
  lone.published_at = kT0;
  d.videos.push_back(lone);
  d.snapshots["b"] = {Snap("b", 6, 50)};
  auto r = ScoreOnDataset("velocity", Doubling(), d, json::object());
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ((*r)["n"], 1);
  // Actual at 24 h, log1p-linear in time between 6 h (100) and 42 h (280), as the trainer
  // interpolates: expm1((log 101 + log 281) / 2) = sqrt(101 * 281) - 1; predicted 200.
  const double actual = std::sqrt(101.0 * 281.0) - 1.0;
  EXPECT_NEAR((*r)["metrics"]["mrse"].get<double>(), std::pow(200.0 / actual - 1.0, 2), 1e-9);
  EXPECT_EQ((*r)["metrics"]["coverage_80"], 1.0);  // 167.5 in [100, 300]
  EXPECT_EQ((*r)["metrics"]["monotone_share"], 1.0);
  EXPECT_EQ((*r)["metrics"]["by_horizon"]["le_1d"]["n"], 1);  // 18 h ahead of the first snapshot
}

TEST(ScoreOnDataset, BaselinesAreScoredOnTheSameUnits) {
  Dataset d;
  for (const char* id : {"a", "b", "xc"}) {
    Video v;
    v.id = id;
    v.published_at = kT0;
    d.videos.push_back(v);
    d.snapshots[id] = {Snap(id, 6, 100), Snap(id, 42, 280)};
  }
  std::vector<Scorer> scorers = {{"velocity", std::make_shared<PickyModel>()},
                                 {"one_and_a_half", std::make_shared<OneAndAHalf>()}};
  auto r = ScoreOnDataset("velocity", scorers, d, json::object());
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ((*r)["n"], 2);  // "xc" is refused by the model, so the baseline skips it too
  const json& base = (*r)["baselines"]["one_and_a_half"];
  EXPECT_EQ(base["n"], 2);
  const double actual = std::sqrt(101.0 * 281.0) - 1.0;
  EXPECT_NEAR(base["mrse"].get<double>(), std::pow(150.0 / actual - 1.0, 2), 1e-9);
  EXPECT_FALSE(base.contains("coverage_80"));  // no interval, no coverage
}

// Answers the most frequent category of the channel's other videos (1 when none is known).
class ChannelEcho : public DoublingModel {
 public:
  Result<json> Predict(const VideoInput& in) const override {
    int best = 1, count = 0;
    for (const auto& [cat, n] : in.channel_categories) {
      if (n > count) best = cat, count = n;
    }
    return json{{"top", {{{"category_id", best}}}}};
  }
};

TEST(ScoreOnDataset, GenreSeesTheChannelsOtherVideosNeverItsOwn) {
  Dataset d;
  for (int i = 0; i < 4; ++i) {
    Video v;
    v.id = "v" + std::to_string(i);
    v.channel_id = "c";
    v.title = "t";
    v.category_id = i == 3 ? 20 : 10;
    d.videos.push_back(v);
  }
  auto r = ScoreOnDataset("genre", {{"genre", std::make_shared<ChannelEcho>()}}, d, json::object());
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  // Category-10 videos see {10: 2, 20: 1}: right. The category-20 video sees {10: 3}: wrong
  // (its own category is never among the others).
  EXPECT_DOUBLE_EQ((*r)["metrics"]["accuracy"].get<double>(), 0.75);
  // Text alone is reported as a variant, not as a baseline.
  EXPECT_DOUBLE_EQ((*r)["variants"]["text_only"]["accuracy"].get<double>(), 0.0);
  EXPECT_TRUE((*r)["baselines"].empty());
}

TEST(VelocityPairs, OnlyHorizonsAfterTheFirstSnapshotAndInsideTheSpan) {
  Dataset d;
  Video v;
  v.id = "a";
  v.published_at = kT0;
  d.videos.push_back(v);
  d.snapshots["a"] = {Snap("a", 30, 100), Snap("a", 200, 400)};
  const auto pairs = VelocityPairs(d, {24, 168, 720});
  ASSERT_EQ(pairs.size(), 1u);  // 24 h was already seen, 720 h is past the last snapshot
  EXPECT_EQ(pairs[0].horizon_hours, 168);
  EXPECT_EQ(pairs[0].first_age_hours, 30);
  EXPECT_EQ(pairs[0].first_views, 100);
  EXPECT_EQ(pairs[0].hours_ahead, 138);
  EXPECT_GT(pairs[0].actual, 100);
  EXPECT_LT(pairs[0].actual, 400);
}

TEST(ScoreOnDataset, NothingToScoreIsAnError) {
  Dataset d;
  auto r = ScoreOnDataset("velocity", Doubling(), d, json::object());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("velocity"), std::string::npos);
  EXPECT_FALSE(ScoreOnDataset("nonsense", Doubling(), d, json::object()).ok());
  EXPECT_FALSE(ScoreOnDataset("velocity", {}, d, json::object()).ok());
}

}  // namespace
}  // namespace vv::train
