#include "models/anomaly.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "models/fasttext_util.h"

namespace vv {
namespace {

using std::chrono::hours;

// Like the project's generator: category-specific like ratios, snapshots over a week, and 4 %
// injected anomalies (bought views between two snapshots, bought likes, engagement-free views).
struct Synthetic {
  Dataset data;
  Split split;
};

Synthetic MakeData(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  const int cats[] = {10, 25, 20};
  const double like_base[] = {0.05, 0.008, 0.03};
  const std::vector<double> ages = {2, 6, 12, 24, 48, 96, 168};
  Synthetic s;
  for (size_t i = 0; i < n; ++i) {
    Video v;
    v.id = "v" + std::to_string(i);
    int c = static_cast<int>(rng() % 3);
    v.category_id = cats[c];
    v.published_at = Timestamp{} + hours(24 * 400);
    double like = like_base[c] * std::exp(0.35 * normal(rng));
    double comment = like * 0.1 * std::exp(0.3 * normal(rng));
    double total = 1e4 * std::exp(1.5 * normal(rng));
    double tau = 24 * std::exp(0.3 * normal(rng));
    int kind = uniform(rng) < 0.04 ? 1 + static_cast<int>(rng() % 3) : 0;
    double factor = 6 + 14 * uniform(rng);
    if (kind == 2) like = std::min(0.9, like * factor);
    if (kind == 3) like /= factor, comment /= factor;
    size_t spike_at = kind == 1 ? 2 + rng() % 4 : ages.size();
    double bought = 0;
    std::vector<Snapshot> snaps;
    for (size_t k = 0; k < ages.size(); ++k) {
      double views = total * (1 - std::exp(-ages[k] / tau)) * std::exp(0.02 * normal(rng));
      if (k == spike_at) bought = views * (4 + 26 * uniform(rng));
      Snapshot snap;
      snap.video_id = v.id;
      snap.captured_at = *v.published_at + hours(static_cast<int>(ages[k]));
      snap.views = static_cast<int64_t>(views + (k >= spike_at ? bought : 0));
      snap.likes = static_cast<int64_t>(views * like * (1 + 0.25 * std::exp(-ages[k] / 24)));
      snap.comments = static_cast<int64_t>(views * comment);
      snaps.push_back(snap);
    }
    v.anomaly_label = kind != 0;
    s.data.snapshots[v.id] = snaps;
    s.data.videos.push_back(v);
    (i % 3 == 0 ? s.split.test : s.split.train).push_back(i);
  }
  return s;
}

TEST(Anomaly, FindsInjectedAnomaliesAndBeatsTheZScoreRule) {
  Synthetic s = MakeData(3000, 5);
  auto trained = AnomalyTrainer().Train(s.data, s.split, {});
  ASSERT_TRUE(trained.ok()) << trained.error().ToString();
  const auto& r = trained->report;
  std::cout << r.dump() << std::endl;
  EXPECT_EQ(r["n"].get<size_t>(), s.split.test.size());
  EXPECT_GT(r["positives"].get<int>(), 10);
  EXPECT_GE(r["metrics"]["roc_auc"].get<double>(), 0.9);
  EXPECT_GT(r["metrics"]["roc_auc"].get<double>(),
            r["baselines"]["zscore_rule"]["roc_auc"].get<double>());
  EXPECT_GE(r["metrics"]["p_at_k"].get<double>(), 0.5);
}

TEST(Anomaly, BoughtViewsAreFlaggedWithAReason) {
  Synthetic s = MakeData(1500, 9);
  auto trained = AnomalyTrainer().Train(s.data, s.split, {{"n_trees", 60}});
  ASSERT_TRUE(trained.ok()) << trained.error().ToString();
  // A music video whose views rise 40x between two hourly snapshots while likes stay flat.
  VideoInput in;
  in.video.id = "x";
  in.video.category_id = 10;
  in.video.published_at = Timestamp{} + hours(1000);
  const int64_t views[] = {1000, 2000, 3000, 120000};
  const int64_t likes[] = {60, 110, 160, 165};
  for (int k = 0; k < 4; ++k) {
    Snapshot snap;
    snap.captured_at = *in.video.published_at + hours(10 + k);
    snap.views = views[k];
    snap.likes = likes[k];
    snap.comments = views[k] / 200;
    in.snapshots.push_back(snap);
  }
  auto out = trained->model->Predict(in);
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  EXPECT_EQ((*out)["model"], "anomaly");
  EXPECT_TRUE((*out)["flag"].get<bool>()) << out->dump();
  ASSERT_FALSE((*out)["reasons"].empty());
  std::string all;
  for (const auto& reason : (*out)["reasons"]) all += reason.get<std::string>() + "\n";
  EXPECT_NE(all.find("views rose 40x in 1 h while likes stayed flat"), std::string::npos) << all;
  EXPECT_NE(all.find("like/view ratio"), std::string::npos) << all;
  EXPECT_NE(all.find("below the category median"), std::string::npos) << all;

  // An ordinary video of the same category is not flagged and has no reasons.
  VideoInput calm = in;
  const int64_t calm_views[] = {1000, 1500, 1900, 2200};
  for (int k = 0; k < 4; ++k) {
    calm.snapshots[k].views = calm_views[k];
    calm.snapshots[k].likes = calm_views[k] / 20;
    calm.snapshots[k].comments = calm_views[k] / 200;
  }
  auto calm_out = trained->model->Predict(calm);
  ASSERT_TRUE(calm_out.ok());
  EXPECT_FALSE((*calm_out)["flag"].get<bool>()) << calm_out->dump();
  EXPECT_LT((*calm_out)["score"].get<double>(), (*out)["score"].get<double>());

  auto dir = TempDir::Create("vv-anomaly-test");
  auto files = trained->model->Save(dir->path());
  ASSERT_TRUE(files.ok());
  auto loaded = LoadModelFiles("anomaly", dir->path());
  ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
  EXPECT_EQ(*(*loaded)->Predict(in), *out);
}

TEST(Anomaly, ClearErrors) {
  Synthetic s = MakeData(30, 1);
  auto r = AnomalyTrainer().Train(s.data, s.split, {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("anomaly: needs at least 50 training videos"), std::string::npos);
  auto bad = AnomalyTrainer().Train(s.data, s.split, {{"contamination", 2}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().path, "anomaly.contamination");

  VideoInput no_snaps;
  auto f = ComputeEngagementFeatures(no_snaps);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().path, "$.snapshots");
  VideoInput negative;
  negative.snapshots.push_back(Snapshot{"v", Timestamp{}, 10, -1, std::nullopt, std::nullopt});
  EXPECT_EQ(ComputeEngagementFeatures(negative).error().path, "$.snapshots[0]");
}

TEST(Anomaly, FeaturesFromSnapshots) {
  VideoInput in;
  in.snapshots.push_back(Snapshot{"v", Timestamp{} + hours(1), 99, 9, std::nullopt, 0});
  in.snapshots.push_back(Snapshot{"v", Timestamp{} + hours(3), 999, 19, std::nullopt, 4});
  auto f = ComputeEngagementFeatures(in);
  ASSERT_TRUE(f.ok());
  EXPECT_NEAR(f->values[0], std::log(20.0 / 1000.0), 1e-12);  // log((likes+1)/(views+1))
  EXPECT_NEAR(f->values[1], std::log(5.0 / 1000.0), 1e-12);
  EXPECT_TRUE(std::isnan(f->values[2]));                        // dislikes unknown
  EXPECT_NEAR(f->values[3], std::log(10.0) - std::log(2.0), 1e-12);  // views x10, likes x2
  EXPECT_NEAR(f->jump_hours, 2.0, 1e-12);
  EXPECT_TRUE(std::isnan(f->values[4]));  // one interval: no rate spike
  // as_of hides the later snapshot.
  in.as_of = Timestamp{} + hours(2);
  auto early = ComputeEngagementFeatures(in);
  ASSERT_TRUE(early.ok());
  EXPECT_NEAR(early->values[0], std::log(10.0 / 100.0), 1e-12);
  EXPECT_TRUE(std::isnan(early->values[3]));
}

}  // namespace
}  // namespace vv
