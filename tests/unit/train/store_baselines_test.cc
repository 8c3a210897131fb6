// Baselines fitted on a training store: what each learns, and that the protocol scores them.
#include "train/store_baselines.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "unit/train/snapshots.h"

namespace vv::train {
namespace {

using nlohmann::json;

using testing::kT0;
using testing::Snap;

// Every video doubles its views between 12 h and 36 h after publication.
Dataset Doubling(int videos) {
  Dataset d;
  for (int i = 0; i < videos; ++i) {
    Video v;
    v.id = "v" + std::to_string(i);
    v.published_at = kT0;
    v.category_id = i % 2 ? 10 : 20;
    v.title = i % 2 ? "OMG THIS IS INSANE" : "a quiet lecture on algebra";
    v.tags = i % 2 ? std::vector<std::string>{"music", "Live"} : std::vector<std::string>{"math"};
    d.videos.push_back(v);
    const int64_t base = 1000 * (i + 1);
    d.snapshots[v.id] = {Snap(v.id, 12, base), Snap(v.id, 36, 2 * base)};
  }
  return d;
}

const Scorer* Find(const std::vector<Scorer>& s, const std::string& name) {
  auto it = std::find_if(s.begin(), s.end(), [&](const Scorer& x) { return x.name == name; });
  return it == s.end() ? nullptr : &*it;
}

TEST(StoreBaselines, VelocityConstantScalingLearnsTheGrowth) {
  const Dataset train = Doubling(40);
  std::vector<std::string> skipped;
  const json config = {{"horizons_hours", {24}}};
  auto scorers = FitStoreBaselines("velocity", train, config, &skipped);
  EXPECT_TRUE(skipped.empty());
  for (const char* name : {"persistence", "constant_scaling", "szabo_huberman", "pinto_ml"}) {
    ASSERT_NE(Find(scorers, name), nullptr) << name;
  }
  VideoInput in;
  in.video = train.videos[0];
  in.snapshots = {Snap("new", 12, 500)};
  auto persistence = Find(scorers, "persistence")->model->Predict(in);
  ASSERT_TRUE(persistence.ok());
  EXPECT_EQ((*persistence)["horizons"][0]["views"], 500);
  // Views at 24 h are interpolated log1p-linearly between 12 h and 36 h: nearly the same factor
  // for every training video (the +1 of log1p differs a little), which constant scaling recovers.
  const auto pairs = VelocityPairs(train, {24});
  ASSERT_EQ(pairs.size(), 40u);
  const double factor = pairs[0].actual / pairs[0].first_views;
  auto scaled = Find(scorers, "constant_scaling")->model->Predict(in);
  EXPECT_NEAR((*scaled)["horizons"][0]["views"].get<double>(), 500 * factor, 1e-3 * 500 * factor);
  // Scored by the protocol on the training store itself: constant scaling is exact.
  scorers.insert(scorers.begin(), Scorer{"velocity", Find(scorers, "persistence")->model});
  auto report = ScoreOnDataset("velocity", scorers, train, config);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  EXPECT_LT((*report)["baselines"]["constant_scaling"]["mrse"].get<double>(), 1e-6);
  EXPECT_GT((*report)["metrics"]["mrse"].get<double>(), 0.01);  // persistence misses the growth
}

TEST(StoreBaselines, TextAndTagBaselines) {
  Dataset train = Doubling(40);
  for (int i = 0; i < 20; ++i) {
    train.labelled_titles.push_back({"YOU WON'T BELIEVE THIS " + std::to_string(i), true, "t"});
    train.labelled_titles.push_back({"council meets on budget " + std::to_string(i), false, "t"});
  }
  std::vector<std::string> skipped;
  auto clickbait = FitStoreBaselines("clickbait", train, json::object(), &skipped);
  ASSERT_NE(Find(clickbait, "upper_case_ratio"), nullptr);
  ASSERT_NE(Find(clickbait, "tfidf_linear"), nullptr);
  VideoInput loud, quiet;
  loud.video.title = "WHAT HAPPENS NEXT";
  quiet.video.title = "what happens next";
  EXPECT_GT((*Find(clickbait, "upper_case_ratio")->model->Predict(loud))["score"].get<double>(),
            (*Find(clickbait, "upper_case_ratio")->model->Predict(quiet))["score"].get<double>());
  auto tags = FitStoreBaselines("tags", train, json::object(), &skipped);
  ASSERT_EQ(tags.size(), 1u);
  VideoInput music;
  music.video.category_id = 10;
  auto top = tags[0].model->Predict(music);
  ASSERT_TRUE(top.ok());
  ASSERT_EQ((*top)["tags"].size(), 2u);  // case-folded: "live" and "music", most frequent first
  EXPECT_EQ((*top)["tags"][0]["tag"], "live");
  auto genre = FitStoreBaselines("genre", train, json::object(), &skipped);
  ASSERT_EQ(genre.size(), 1u);
  VideoInput lecture;
  lecture.video.title = "a quiet lecture on algebra";
  EXPECT_EQ((*genre[0].model->Predict(lecture))["top"][0]["category_id"], 20);
  EXPECT_TRUE(skipped.empty()) << skipped.front();
}

TEST(StoreBaselines, ViralAndAnomalyBaselinesFitOnAStoreWithoutLabels) {
  const Dataset train = Doubling(100);
  std::vector<std::string> skipped;
  auto viral = FitStoreBaselines("viral", train, {{"min_cohort", 10}}, &skipped);
  ASSERT_EQ(viral.size(), 1u) << (skipped.empty() ? "" : skipped.front());
  VideoInput small, big;
  small.video = big.video = train.videos[0];
  small.snapshots = {Snap("s", 12, 100)};
  big.snapshots = {Snap("b", 12, 1000000)};
  EXPECT_GT((*viral[0].model->Predict(big))["probability"].get<double>(),
            (*viral[0].model->Predict(small))["probability"].get<double>());
  auto anomaly = FitStoreBaselines("anomaly", train, json::object(), &skipped);
  ASSERT_EQ(anomaly.size(), 1u);
  EXPECT_TRUE(skipped.empty());
  EXPECT_FALSE(FitStoreBaselines("velocity", Dataset{}, json::object(), &skipped).empty());
  EXPECT_EQ(skipped.size(), 1u);  // too few pairs for the fitted velocity baselines
}

}  // namespace
}  // namespace vv::train
