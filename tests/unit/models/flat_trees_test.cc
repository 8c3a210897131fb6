#include "models/flat_trees.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "models/xgb_util.h"

namespace vv {
namespace {

// y depends non-linearly on three of five features; some values are missing so default
// directions are exercised.
void MakeData(size_t n, uint32_t seed, DenseMatrix* x, std::vector<float>* y, bool binary) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> g(0, 1);
  std::uniform_real_distribution<float> u(0, 1);
  x->cols = 5;
  for (size_t i = 0; i < n; ++i) {
    float row[5];
    for (float& v : row) v = g(rng);
    if (u(rng) < 0.1f) row[1] = NAN;
    if (u(rng) < 0.05f) row[3] = NAN;
    x->AppendRow(row);
    float signal = 2 * row[0] + (std::isnan(row[1]) ? 1.0f : row[1] * row[1]) - row[2] + 0.3f * g(rng);
    y->push_back(binary ? (signal > 1.0f ? 1.0f : 0.0f) : signal);
  }
}

struct Trained {
  std::string json;
  FlatForest forest;
  DenseMatrix held_out;
};

Trained Train(const std::string& objective) {
  DenseMatrix x, xt;
  std::vector<float> y, yt;
  bool binary = objective == "binary:logistic";
  MakeData(800, 1, &x, &y, binary);
  MakeData(200, 2, &xt, &yt, binary);
  XgbParams p;
  p.objective = objective;
  p.n_estimators = 60;
  p.max_depth = 5;
  p.eta = 0.2;
  p.nthread = 1;
  p.base_score = binary ? 0.3 : 0.7;  // not the default, so base_score handling is tested
  auto json = TrainXgboost(x, y, p);
  EXPECT_TRUE(json.ok()) << json.error().ToString();
  auto forest = FlatForest::FromXgboostJson(nlohmann::json::parse(*json));
  EXPECT_TRUE(forest.ok()) << forest.error().ToString();
  return {*json, *forest, xt};
}

TEST(FlatTreesTest, RegressionAgreesWithXgboost) {
  Trained t = Train("reg:squarederror");
  EXPECT_EQ(t.forest.NumTrees(), 60u);
  auto expected = XgboostPredict(t.json, t.held_out, XgbOutput::kValue);
  ASSERT_TRUE(expected.ok()) << expected.error().ToString();
  for (size_t i = 0; i < t.held_out.rows(); ++i) {
    EXPECT_NEAR(t.forest.Predict(t.held_out.row(i)), (*expected)[i], 1e-5) << "row " << i;
  }
}

TEST(FlatTreesTest, LogisticAgreesWithXgboostOnMarginAndProbability) {
  Trained t = Train("binary:logistic");
  auto margin = XgboostPredict(t.json, t.held_out, XgbOutput::kMargin);
  auto prob = XgboostPredict(t.json, t.held_out, XgbOutput::kValue);
  ASSERT_TRUE(margin.ok() && prob.ok());
  for (size_t i = 0; i < t.held_out.rows(); ++i) {
    EXPECT_NEAR(t.forest.PredictMargin(t.held_out.row(i)), (*margin)[i], 1e-5) << "row " << i;
    EXPECT_NEAR(t.forest.Predict(t.held_out.row(i)), (*prob)[i], 1e-5) << "row " << i;
  }
}

TEST(FlatTreesTest, SaabasContributionsMatchXgboostApproxContribs) {
  Trained t = Train("binary:logistic");
  auto contribs = XgboostPredict(t.json, t.held_out, XgbOutput::kApproxContributions);
  ASSERT_TRUE(contribs.ok());
  const size_t k = t.held_out.cols + 1;
  ASSERT_EQ(contribs->size(), t.held_out.rows() * k);
  std::vector<double> out(k);
  for (size_t i = 0; i < t.held_out.rows(); ++i) {
    t.forest.Contributions(t.held_out.row(i), out.data());
    double sum = 0;
    for (size_t j = 0; j < k; ++j) {
      EXPECT_NEAR(out[j], (*contribs)[i * k + j], 1e-4) << "row " << i << " feature " << j;
      sum += out[j];
    }
    EXPECT_NEAR(sum, t.forest.PredictMargin(t.held_out.row(i)), 1e-4);
  }
}

TEST(FlatTreesTest, PrefixMarginsAndSlicingAgree) {
  Trained t = Train("reg:squarederror");
  std::vector<float> prefix(t.forest.NumTrees());
  t.forest.PrefixMargins(t.held_out.row(0), prefix.data());
  EXPECT_FLOAT_EQ(prefix.back(), t.forest.PredictMargin(t.held_out.row(0)));
  auto sliced = SliceXgboostModel(t.json, 25);
  ASSERT_TRUE(sliced.ok()) << sliced.error().ToString();
  auto small = FlatForest::FromXgboostJson(nlohmann::json::parse(*sliced));
  ASSERT_TRUE(small.ok());
  EXPECT_EQ(small->NumTrees(), 25u);
  auto expected = XgboostPredict(*sliced, t.held_out, XgbOutput::kValue);
  ASSERT_TRUE(expected.ok());
  for (size_t i = 0; i < t.held_out.rows(); ++i) {
    t.forest.PrefixMargins(t.held_out.row(i), prefix.data());
    EXPECT_NEAR(prefix[24], (*expected)[i], 1e-5) << "row " << i;
  }
  EXPECT_EQ(BestTreeCount({3, 2, 1, 1.5, 2}), 3);
  EXPECT_EQ(BestTreeCount({1, 1, 2}), 1);  // the earliest on ties
  // Trimming to a rising validation loss keeps the argmin.
  std::string json = t.json;
  FlatForest forest = t.forest;
  std::vector<double> loss(60);
  for (size_t k = 0; k < loss.size(); ++k) loss[k] = std::fabs(static_cast<double>(k) - 9.0);
  ASSERT_TRUE(TrimToBestTreeCount(loss, &json, &forest).ok());
  EXPECT_EQ(forest.NumTrees(), 10u);
}

TEST(FlatTreesTest, RefusesBrokenJsonWithPath) {
  Trained t = Train("reg:squarederror");
  auto j = nlohmann::json::parse(t.json);
  j["learner"]["gradient_booster"]["model"]["trees"][3]["left_children"][0] = 100000;
  auto forest = FlatForest::FromXgboostJson(j);
  ASSERT_FALSE(forest.ok());
  EXPECT_NE(forest.error().path.find("trees[3]"), std::string::npos) << forest.error().ToString();
  auto empty = FlatForest::FromXgboostJson(nlohmann::json::object());
  EXPECT_FALSE(empty.ok());
}

// Issue 14: each corruption is an error naming the node's JSON path, never a loop, an
// out-of-range read or a float turned into an index.
TEST(FlatTreesTest, RefusesInconsistentTrees) {
  Trained t = Train("reg:squarederror");
  const auto good = nlohmann::json::parse(t.json);
  auto refused = [&](const char* array, const nlohmann::json& value, const std::string& expected,
                     const char* at = nullptr) {
    auto j = good;
    auto& tree = j["learner"]["gradient_booster"]["model"]["trees"][1];
    tree[array][0] = value;
    auto forest = FlatForest::FromXgboostJson(j, "xgb.json");
    ASSERT_FALSE(forest.ok()) << array << " = " << value.dump();
    EXPECT_EQ(forest.error().path,
              std::string("xgb.json:$.learner.gradient_booster.model.trees[1].") +
                  (at ? at : array) + "[0]");
    EXPECT_NE(forest.error().message.find(expected), std::string::npos) << forest.error().message;
  };
  refused("left_children", 0, "numbered after the node");    // a cycle to itself
  refused("left_children", -2, "child index");
  refused("left_children", 1e300, "child index");
  refused("right_children", -1, "both be -1", "left_children");  // half a leaf
  refused("split_indices", 5, "split feature outside [0, 5)");
  refused("split_indices", 2.5, "not an integer");
  refused("split_conditions", "x", "not a number");
  auto j = good;
  j["learner"]["gradient_booster"]["model"]["trees"][0]["sum_hessian"].erase(0);
  EXPECT_NE(FlatForest::FromXgboostJson(j).error().message.find("must have"), std::string::npos);
  j = good;
  j["learner"]["learner_model_param"]["num_feature"] = "1e12";
  EXPECT_FALSE(FlatForest::FromXgboostJson(j).ok());
}

}  // namespace
}  // namespace vv
