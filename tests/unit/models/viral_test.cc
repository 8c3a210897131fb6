#include "models/viral.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "features/numeric_features.h"
#include "models/viral_population.h"
#include "models/xgb_util.h"
#include "synthetic.h"

namespace vv {
namespace {

const nlohmann::json kConfig = {{"n_estimators", 80}, {"max_depth", 4}, {"eta", 0.1}, {"seed", 5},
                                {"min_cohort", 40}, {"nthread", 1}};

struct Fixture {
  Dataset data;
  Split split;
  TrainedModel trained;
  const ViralModel* model = nullptr;
};

Fixture& Trained() {
  static Fixture* f = [] {
    auto* fx = new Fixture;
    vv::testing::SyntheticOptions opt;
    opt.videos = 2000;
    opt.video_noise = 0.8;  // much of the outcome is luck, as on YouTube
    fx->data = vv::testing::MakeSyntheticDataset(opt);
    fx->split = vv::testing::MakeSplit(fx->data.videos.size());
    auto trainer = MakeTrainer("viral");
    EXPECT_TRUE(trainer.ok());
    auto t = (*trainer)->Train(fx->data, fx->split, kConfig);
    EXPECT_TRUE(t.ok()) << t.error().ToString();
    fx->trained = std::move(*t);
    fx->model = dynamic_cast<const ViralModel*>(fx->trained.model.get());
    return fx;
  }();
  return *f;
}

std::vector<float> Features(const Fixture& f, size_t vi, size_t known) {
  const Video& v = f.data.videos[vi];
  const auto& s = f.data.snapshots.at(v.id);
  return features::ComputeFeatures(v, &f.data.channels.at(v.channel_id),
                                   {s.data(), std::min(known, s.size())});
}

TEST(ViralTest, SeparatesTopVideosAndIsCalibrated) {
  const auto& r = Trained().trained.report;
  if (std::getenv("VV_TEST_VERBOSE")) std::cerr << r.dump(1) << "\n";
  ASSERT_GT(r["n"].get<int>(), 100) << r.dump(2);
  EXPECT_GT(r["metrics"]["roc_auc"].get<double>(), 0.7) << r.dump(2);
  EXPECT_LT(r["metrics"]["ece"].get<double>(), 0.1) << r.dump(2);
  // Thresholds come from the train split's channels; the test split holds other channels.
  EXPECT_GT(r["test_positive_rate"].get<double>(), 0.05);
  EXPECT_LT(r["test_positive_rate"].get<double>(), 0.4);
  const auto& lr = r["baselines"]["logistic_regression"];
  EXPECT_GT(lr["roc_auc"].get<double>(), 0.5);
  EXPECT_EQ(lr["n"], r["n"]);
  EXPECT_FALSE(r["mean_abs_shap"].empty());
}

TEST(ViralTest, PredictionShapeAndContributionsAddUpToTheMargin) {
  const Fixture& f = Trained();
  const Video& v = f.data.videos[f.split.test[3]];
  VideoInput in{v, f.data.channels.at(v.channel_id), f.data.snapshots.at(v.id), std::nullopt};
  in.snapshots.resize(1);
  auto out = f.model->Predict(in);
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  EXPECT_EQ((*out)["model"], "viral");
  double p = (*out)["probability"].get<double>();
  EXPECT_GE(p, 0);
  EXPECT_LE(p, 1);
  EXPECT_EQ((*out)["label"].get<bool>(), p >= 0.5);
  const auto& top = (*out)["top_features"];
  ASSERT_EQ(top.size(), 5u);
  const auto names = features::NumericSchema(false).names;
  for (size_t i = 0; i < top.size(); ++i) {
    EXPECT_NE(std::find(names.begin(), names.end(), top[i]["feature"]), names.end());
    if (i > 0) {
      EXPECT_GE(std::fabs(top[i - 1]["contribution"].get<double>()),
                std::fabs(top[i]["contribution"].get<double>()));
    }
  }
  auto x = Features(f, f.split.test[3], 1);
  std::vector<double> c(x.size() + 1);
  f.model->forest().Contributions(x.data(), c.data());
  double sum = 0;
  for (double v : c) sum += v;
  EXPECT_NEAR(sum, f.model->forest().PredictMargin(x.data()), 1e-4);
  // Nothing known but metadata works too.
  in.snapshots.clear();
  EXPECT_TRUE(f.model->Predict(in).ok());
}

TEST(ViralTest, AppendPredictionWritesWhatPredictDumps) {
  const Fixture& f = Trained();
  for (size_t i = 0; i < 40; ++i) {
    const Video& v = f.data.videos[f.split.test[i]];
    VideoInput in{v, f.data.channels.at(v.channel_id), f.data.snapshots.at(v.id), std::nullopt};
    in.snapshots.resize(std::min<size_t>(in.snapshots.size(), i % 4));
    auto tree = f.model->Predict(in);
    ASSERT_TRUE(tree.ok()) << tree.error().ToString();
    std::string text = "prefix";
    double headline = 0;
    ASSERT_TRUE(f.model->AppendPrediction(in, &text, &headline).ok());
    EXPECT_EQ(text, "prefix" + tree->dump());
    EXPECT_EQ(headline, (*tree)["probability"].get<double>());
    const auto x = Features(f, f.split.test[i], in.snapshots.size());
    std::vector<double> c(x.size() + 1);
    EXPECT_EQ(f.model->forest().Contributions(x.data(), c.data()),
              f.model->forest().PredictMargin(x.data()));
  }
}

TEST(ViralTest, FlatPredictionsAgreeWithXgboostOnHeldOutRows) {
  const Fixture& f = Trained();
  auto dir = std::filesystem::temp_directory_path() / "vv_viral_flat_test";
  std::filesystem::create_directories(dir);
  ASSERT_TRUE(f.model->Save(dir).ok());
  std::ifstream in(dir / "xgb.json");
  std::string json((std::istreambuf_iterator<char>(in)), {});
  DenseMatrix x;
  x.cols = features::kNumBaseFeatures + features::kNumTemporalFeatures;
  for (size_t vi : f.split.test) {
    for (size_t k : {0, 1, 3}) x.AppendRow(Features(f, vi, k).data());
  }
  auto margin = XgboostPredict(json, x, XgbOutput::kMargin);
  ASSERT_TRUE(margin.ok());
  for (size_t i = 0; i < x.rows(); ++i) {
    ASSERT_NEAR(f.model->forest().PredictMargin(x.row(i)), (*margin)[i], 1e-5) << "row " << i;
  }
  std::filesystem::remove_all(dir);
}

TEST(ViralTest, SaveLoadRoundTripGivesIdenticalPredictions) {
  const Fixture& f = Trained();
  auto dir = std::filesystem::temp_directory_path() / "vv_viral_roundtrip_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  ASSERT_TRUE(f.model->Save(dir).ok());
  auto loaded = LoadModelFiles("viral", dir);
  ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
  for (size_t i = 0; i < 20; ++i) {
    const Video& v = f.data.videos[f.split.test[i]];
    VideoInput in{v, f.data.channels.at(v.channel_id), f.data.snapshots.at(v.id), std::nullopt};
    auto a = f.model->Predict(in), b = (*loaded)->Predict(in);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->dump(), b->dump());
  }
  // A model saved under another feature schema is refused.
  auto meta = nlohmann::json::parse(std::ifstream(dir / "viral.json"));
  meta["schema"]["hash"] = "0000";
  std::ofstream(dir / "viral.json") << meta.dump();
  auto bad = LoadModelFiles("viral", dir);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("feature schema"), std::string::npos);
  std::filesystem::remove_all(dir);
}

// probability = sigmoid(a * tree margin + blend * logistic logit + b), as saved; a version 1 file
// (no blend) still loads and scores with the tree margin alone.
TEST(ViralTest, BlendIsSavedAndVersionOneFilesStillLoad) {
  const Fixture& f = Trained();
  auto dir = std::filesystem::temp_directory_path() / "vv_viral_blend_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  ASSERT_TRUE(f.model->Save(dir).ok());
  auto meta = nlohmann::json::parse(std::ifstream(dir / "viral.json"));
  EXPECT_EQ(meta["format_version"], 2);
  const auto& platt = meta["platt"];
  const double a = platt["a"], b = platt["b"], blend = platt["blend"];
  std::optional<eval::LogisticRegression> logistic;
  if (platt.contains("logistic")) {
    auto lr = eval::LogisticRegression::FromJson(platt["logistic"]);
    ASSERT_TRUE(lr.ok());
    logistic = *lr;
  } else {
    EXPECT_EQ(blend, 0.0);
  }
  auto x = Features(f, f.split.test[5], 1);
  const double margin = f.model->forest().PredictMargin(x.data());
  const double z = a * margin + b + (logistic ? blend * logistic->Margin(x.data()) : 0.0);
  EXPECT_NEAR(f.model->Probability(x.data()), 1 / (1 + std::exp(-z)), 1e-12);

  meta["format_version"] = 1;
  meta["platt"] = {{"a", a}, {"b", b}};
  std::ofstream(dir / "viral.json") << meta.dump();
  auto v1 = LoadModelFiles("viral", dir);
  ASSERT_TRUE(v1.ok()) << v1.error().ToString();
  const auto* old = dynamic_cast<const ViralModel*>(v1->get());
  ASSERT_NE(old, nullptr);
  EXPECT_NEAR(old->Probability(x.data()), 1 / (1 + std::exp(-(a * margin + b))), 1e-12);
  std::filesystem::remove_all(dir);
}

// Mean probability over the population's labellable videos, judged as the label is.
double MeanProbability(const Model& m, const Dataset& population) {
  double sum = 0;
  size_t n = 0;
  for (size_t i : LabelViral(population, AllVideos(population), {0.8, 40}).videos) {
    auto p = m.Predict(ViralJudgedInput(population, population.videos[i]));
    if (p.ok()) sum += (*p)["probability"].get<double>(), ++n;
  }
  return n ? sum / static_cast<double>(n) : NAN;
}

TEST(ViralTest, RebasedOnAStoreOfBiggerVideosTheMeanIsTheLabelsRateAgain) {
  const Fixture& f = Trained();
  // Another store: the same videos with 30x the views and likes at every snapshot. Its own top
  // 20 % is still 20 %, but a model calibrated on the first store calls most of them viral.
  Dataset bigger = f.data;
  for (auto& [id, snaps] : bigger.snapshots) {
    for (auto& s : snaps) {
      if (s.views) *s.views *= 30;
      if (s.likes) *s.likes *= 30;
    }
  }
  const double before = MeanProbability(*f.model, bigger);
  ASSERT_GT(before, 0.3);
  nlohmann::json report;
  std::unique_ptr<Model> rebased = f.model->RebasedOn(bigger, &report);
  ASSERT_NE(rebased, nullptr);
  EXPECT_LT(report["logit_offset"].get<double>(), 0);
  EXPECT_GT(report["videos"].get<size_t>(), 1000u);
  EXPECT_NEAR(MeanProbability(*rebased, bigger), 0.2, 0.01);
  // The ranking is the model's own: one video above another stays above.
  const VideoInput a = ViralJudgedInput(bigger, bigger.videos[f.split.test[0]]);
  const VideoInput b = ViralJudgedInput(bigger, bigger.videos[f.split.test[1]]);
  const double pa = (*f.model->Predict(a))["probability"], pb = (*f.model->Predict(b))["probability"];
  const double ra = (*rebased->Predict(a))["probability"], rb = (*rebased->Predict(b))["probability"];
  EXPECT_EQ(pa < pb, ra < rb);
  // The offset belongs to the deployment, not the artifact: a saved and loaded copy has none.
  const auto dir = std::filesystem::temp_directory_path() / "vv_viral_rebased";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  ASSERT_TRUE(rebased->Save(dir).ok());
  auto loaded = ViralModel::Load(dir);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(dynamic_cast<const ViralModel&>(**loaded).population_offset(), 0.0);
  std::filesystem::remove_all(dir);
}

TEST(ViralTest, TooFewVideosInThePopulationLeaveTheProbabilitiesAsTrained) {
  const Fixture& f = Trained();
  Dataset few;
  for (size_t i = 0; i < 20; ++i) {
    const Video& v = f.data.videos[i];
    few.videos.push_back(v);
    few.snapshots[v.id] = f.data.snapshots.at(v.id);
    few.channels[v.channel_id] = f.data.channels.at(v.channel_id);
  }
  nlohmann::json report;
  auto rebased = f.model->RebasedOn(few, &report);
  ASSERT_NE(rebased, nullptr);
  EXPECT_EQ(report["logit_offset"].get<double>(), 0.0);
  EXPECT_LT(report["videos"].get<size_t>(), kMinViralPopulation);
}

TEST(ViralTest, TooLittleDataIsAClearError) {
  vv::testing::SyntheticOptions opt;
  opt.videos = 200;
  opt.max_snapshots = 1;  // one snapshot per video: nothing can be labelled (models/viral_label.h)
  Dataset data = vv::testing::MakeSyntheticDataset(opt);
  auto trainer = MakeTrainer("viral");
  auto t = (*trainer)->Train(data, vv::testing::MakeSplit(data.videos.size()), kConfig);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message.find("viral"), std::string::npos);
  EXPECT_NE(t.error().message.find("two snapshots"), std::string::npos) << t.error().message;
  auto bad = (*trainer)->Train(data, vv::testing::MakeSplit(data.videos.size()), {{"quantile", 2}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().path, "viral.quantile");
}

TEST(ViralTest, ReportStatesTheSharedLabel) {
  const Fixture& f = Trained();
  const auto& label = f.trained.report["label"];
  EXPECT_GT(label["train_videos"].get<int>(), 0);
  EXPECT_GT(label["store"]["positives"].get<int>(), 0);
  EXPECT_LT(label["store"]["positives"].get<int>(), label["store"]["videos"].get<int>());
}

}  // namespace
}  // namespace vv

namespace vv {
namespace {

TEST(ViralTest, PredictIsFast) {
  const Fixture& f = Trained();
  const Video& v = f.data.videos[f.split.test[1]];
  VideoInput in{v, f.data.channels.at(v.channel_id), f.data.snapshots.at(v.id), std::nullopt};
  std::vector<double> us;
  for (int i = 0; i < 300; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    auto out = f.model->Predict(in);
    auto t1 = std::chrono::steady_clock::now();
    ASSERT_TRUE(out.ok());
    us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
  }
  std::nth_element(us.begin(), us.begin() + us.size() / 2, us.end());
  std::cerr << "viral Predict median " << us[us.size() / 2] << " us\n";
  EXPECT_LT(us[us.size() / 2], 1000);
}

}  // namespace
}  // namespace vv
