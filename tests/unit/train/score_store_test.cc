#include "train/score_store.h"

#include <gtest/gtest.h>

#include <cmath>

namespace vv::train {
namespace {

using nlohmann::json;
using std::chrono::hours;

const Timestamp kT0 = Timestamp(std::chrono::seconds(1'700'000'000));

Snapshot Snap(const std::string& id, int h, int64_t views) {
  Snapshot s;
  s.video_id = id;
  s.captured_at = kT0 + hours(h);
  s.views = views;
  return s;
}

TEST(ViewsAt, InterpolatesInsideTheObservedRangeOnly) {
  const std::vector<Snapshot> s = {Snap("a", 6, 100), Snap("a", 48, 310)};
  EXPECT_DOUBLE_EQ(*ViewsAt(s, kT0 + hours(6)), 100);
  EXPECT_DOUBLE_EQ(*ViewsAt(s, kT0 + hours(27)), 100 + 0.5 * 210);  // halfway
  EXPECT_FALSE(ViewsAt(s, kT0 + hours(5)).has_value());
  EXPECT_FALSE(ViewsAt(s, kT0 + hours(49)).has_value());
}

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
  auto r = ScoreOnDataset("velocity", DoublingModel(), d, json::object());
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ((*r)["n"], 1);
  // Actual at 24 h: 100 + (18 / 36) * 180 = 190; predicted 200 -> mRSE (200/190 - 1)^2.
  const double expected = std::pow(200.0 / 190.0 - 1.0, 2);
  EXPECT_NEAR((*r)["metrics"]["mrse"].get<double>(), expected, 1e-12);
  EXPECT_EQ((*r)["metrics"]["coverage_80"], 1.0);  // 190 in [100, 300]
  EXPECT_EQ((*r)["metrics"]["by_horizon"]["le_1d"]["n"], 1);  // 18 h ahead of the first snapshot
}

TEST(ScoreOnDataset, NothingToScoreIsAnError) {
  Dataset d;
  auto r = ScoreOnDataset("velocity", DoublingModel(), d, json::object());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("velocity"), std::string::npos);
  EXPECT_FALSE(ScoreOnDataset("nonsense", DoublingModel(), d, json::object()).ok());
}

}  // namespace
}  // namespace vv::train
