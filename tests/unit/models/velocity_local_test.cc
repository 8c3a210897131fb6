#include "models/velocity_local.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "eval/metrics.h"
#include "models/growth_util.h"
#include "synthetic.h"

namespace vv {
namespace {

using vv::testing::HoursAfter;

const nlohmann::json kConfig = {{"n_estimators", 80}, {"max_depth", 4}, {"eta", 0.2}, {"seed", 5},
                                {"nthread", 1}};

struct Fixture {
  Dataset data = vv::testing::MakeSyntheticDataset({.videos = 3000});
  Split split = vv::testing::MakeSplit(data.videos.size());
  TrainedModel trained;
  const VelocityModel* model = nullptr;
};

const Fixture& Trained() {
  static Fixture* f = [] {
    auto* fx = new Fixture;
    auto t = (*MakeTrainer("velocity"))->Train(fx->data, fx->split, kConfig);
    EXPECT_TRUE(t.ok()) << t.error().ToString();
    fx->trained = std::move(*t);
    fx->model = dynamic_cast<const VelocityModel*>(fx->trained.model.get());
    return fx;
  }();
  return *f;
}

// The given videos of `data` as a store whose videos grow a third as much after their first
// snapshot: another country's trending videos, as the model never saw them.
Dataset SlowerStore(const Dataset& data, const std::vector<size_t>& videos) {
  Dataset out;
  out.channels = data.channels;
  for (size_t i : videos) {
    const Video& v = data.videos[i];
    auto snaps = data.snapshots.at(v.id);
    if (snaps.empty()) continue;
    const double first = static_cast<double>(*snaps.front().views);
    for (auto& s : snaps) s.views = static_cast<int64_t>(first + (static_cast<double>(*s.views) - first) / 3);
    out.videos.push_back(v);
    out.snapshots[v.id] = std::move(snaps);
  }
  return out;
}

struct Scored {
  double mrse = 0, coverage = 0;
  size_t n = 0;
};

// Forecasts from the first snapshot at every horizon between two later snapshots.
Scored ScoreFromFirstSnapshot(const Model& model, const Dataset& store) {
  std::vector<double> pred, lo, hi, actual;
  for (const Video& v : store.videos) {
    const auto& snaps = store.snapshots.at(v.id);
    if (snaps.size() < 2) continue;
    VideoInput in{v, store.channels.at(v.channel_id), {snaps.front()}, std::nullopt};
    auto p = model.Predict(in);
    if (!p.ok()) continue;
    for (const auto& h : (*p)["horizons"]) {
      if (h["observed"].get<bool>()) continue;
      const Timestamp at = HoursAfter(*v.published_at, h["hours"].get<double>());
      if (at >= snaps.back().captured_at) continue;
      auto views = InterpolateViews(snaps, v.published_at, at);
      if (!views || *views <= 0) continue;
      pred.push_back(h["views"]), lo.push_back(h["lo"]), hi.push_back(h["hi"]), actual.push_back(*views);
    }
  }
  return {eval::Mrse(pred, actual), eval::Coverage(lo, hi, actual), actual.size()};
}

TEST(VelocityLocalTest, RecalibratesOnAStoreThatGrowsLess) {
  const Fixture& f = Trained();
  // Half of the held-out videos calibrate, the other half judge (no video on both sides).
  std::vector<size_t> fit_videos, judge_videos;
  for (size_t k = 0; k < f.split.test.size(); ++k) {
    (k % 2 ? judge_videos : fit_videos).push_back(f.split.test[k]);
  }
  const Dataset fit_store = SlowerStore(f.data, fit_videos);
  const Dataset judge_store = SlowerStore(f.data, judge_videos);
  nlohmann::json report;
  auto local = f.model->RebasedOn(fit_store, &report);
  ASSERT_NE(local, nullptr);
  ASSERT_TRUE(report["recalibrated"].get<bool>()) << report.dump(2);
  if (std::getenv("VV_TEST_VERBOSE")) std::cerr << report.dump(1) << "\n";
  EXPECT_GE(report["pairs"].get<size_t>(), kMinLocalVelocityPairs);
  EXPECT_EQ(report["left_out_trained_videos"].get<size_t>(), 0u);

  const Scored before = ScoreFromFirstSnapshot(*f.model, judge_store);
  const Scored after = ScoreFromFirstSnapshot(*local, judge_store);
  ASSERT_GT(after.n, 100u);
  ASSERT_EQ(before.n, after.n);
  if (std::getenv("VV_TEST_VERBOSE")) std::cerr << before.mrse << " " << before.coverage << " -> " << after.mrse << " " << after.coverage << "\n";
  EXPECT_LT(after.mrse, before.mrse) << "before " << before.mrse << " after " << after.mrse;
  // Trained on faster growth, the interval sits too high; re-calibrated, it holds about 80 %.
  EXPECT_LT(std::abs(after.coverage - 0.8), std::abs(before.coverage - 0.8))
      << "before " << before.coverage << " after " << after.coverage;
  EXPECT_NEAR(after.coverage, 0.8, 0.12);
}

TEST(VelocityLocalTest, LeavesOutTheVideosTheTreesWereFittedOn) {
  const Fixture& f = Trained();
  nlohmann::json report;
  auto local = f.model->RebasedOn(f.data, &report);
  ASSERT_NE(local, nullptr);
  EXPECT_EQ(report["left_out_trained_videos"].get<size_t>(), f.split.train.size()) << report.dump(2);
  EXPECT_EQ(report["videos"].get<size_t>(), f.split.validation.size() + f.split.test.size());
  for (size_t i : f.split.train) ASSERT_TRUE(f.model->TrainedOn(f.data.videos[i].id));
  size_t claimed = 0;
  for (size_t i : f.split.test) claimed += f.model->TrainedOn(f.data.videos[i].id) ? 1 : 0;
  EXPECT_LT(claimed, 3u);  // 32-bit fingerprints: a collision is possible, rare
}

TEST(VelocityLocalTest, TooFewPairsKeepTheTrainedCalibration) {
  const Fixture& f = Trained();
  const Dataset tiny = SlowerStore(f.data, {f.split.test.begin(), f.split.test.begin() + 5});
  nlohmann::json report;
  auto local = f.model->RebasedOn(tiny, &report);
  ASSERT_NE(local, nullptr);
  EXPECT_FALSE(report["recalibrated"].get<bool>());
  EXPECT_LT(report["pairs"].get<size_t>(), kMinLocalVelocityPairs);
  for (const Video& v : tiny.videos) {
    VideoInput in{v, tiny.channels.at(v.channel_id), {tiny.snapshots.at(v.id).front()}, std::nullopt};
    EXPECT_EQ(f.model->Predict(in)->dump(), local->Predict(in)->dump());
  }
}

TEST(VelocityLocalTest, TheTrainedVideosSurviveSaveAndLoad) {
  const Fixture& f = Trained();
  auto dir = std::filesystem::temp_directory_path() / "vv_velocity_local_roundtrip";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  ASSERT_TRUE(f.model->Save(dir).ok());
  auto loaded = LoadModelFiles("velocity", dir);
  ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
  const auto* model = dynamic_cast<const VelocityModel*>(loaded->get());
  ASSERT_NE(model, nullptr);
  for (size_t i : f.split.train) ASSERT_TRUE(model->TrainedOn(f.data.videos[i].id));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace vv
