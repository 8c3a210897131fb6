#include "models/isolation_forest.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace vv {
namespace {

TEST(IsolationForest, AveragePathLengthMatchesHandValues) {
  EXPECT_DOUBLE_EQ(AveragePathLength(1), 0.0);
  EXPECT_DOUBLE_EQ(AveragePathLength(2), 1.0);
  // c(3) = 2 (ln 2 + gamma) - 2 * 2 / 3
  EXPECT_NEAR(AveragePathLength(3), 2 * (std::log(2.0) + 0.5772156649) - 4.0 / 3.0, 1e-9);
  EXPECT_NEAR(AveragePathLength(256), 10.2447, 1e-3);
}

std::vector<std::vector<double>> Cloud(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::vector<std::vector<double>> rows;
  for (size_t i = 0; i < n; ++i) rows.push_back({normal(rng), normal(rng), normal(rng)});
  return rows;
}

TEST(IsolationForest, OutliersScoreHigherThanInliers) {
  auto rows = Cloud(1000, 1);
  IsolationForest forest;
  ASSERT_TRUE(forest.Fit(rows, {}).ok());
  double inlier_mean = 0;
  for (size_t i = 0; i < 200; ++i) inlier_mean += forest.Score(rows[i]) / 200;
  EXPECT_LT(inlier_mean, 0.5);
  double outlier = forest.Score({6.0, -6.0, 6.0});
  EXPECT_GT(outlier, 0.65);
  EXPECT_GT(forest.Score({0.0, 0.0, 5.0}), forest.Score({0.0, 0.0, 0.0}));
  // Path lengths are bounded by the height limit plus c(leaf size).
  EXPECT_LE(forest.PathLength({0, 0, 0}), 8 + AveragePathLength(256));
}

TEST(IsolationForest, DeterministicForASeedAndRoundTripsThroughJson) {
  auto rows = Cloud(500, 2);
  IsolationForest a, b, c;
  ASSERT_TRUE(a.Fit(rows, {50, 128, 7}).ok());
  ASSERT_TRUE(b.Fit(rows, {50, 128, 7}).ok());
  ASSERT_TRUE(c.Fit(rows, {50, 128, 8}).ok());
  EXPECT_EQ(a.ToJson(), b.ToJson());
  EXPECT_NE(a.ToJson(), c.ToJson());
  auto loaded = IsolationForest::FromJson(a.ToJson(), "test");
  ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
  for (size_t i = 0; i < 20; ++i) EXPECT_DOUBLE_EQ(loaded->Score(rows[i]), a.Score(rows[i]));
}

TEST(IsolationForest, RefusesBadInputAndCorruptTrees) {
  IsolationForest forest;
  EXPECT_FALSE(forest.Fit({{1.0}}, {}).ok());
  EXPECT_FALSE(forest.Fit({{1.0}, {std::nan("")}}, {}).ok());
  EXPECT_FALSE(forest.Fit({{1.0, 2.0}, {1.0}}, {}).ok());
  ASSERT_TRUE(forest.Fit(Cloud(100, 3), {5, 16, 1}).ok());
  auto j = forest.ToJson();
  j["trees"][0]["left"][0] = 0;  // a loop back to the root
  auto bad = IsolationForest::FromJson(j, "forest.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().path, "forest.json:$.forest.trees[0]");  // the file and the JSON path
  j["trees"][0]["left"][1] = 1e300;  // no float converted to an index
  EXPECT_FALSE(IsolationForest::FromJson(j, "forest.json").ok());
  EXPECT_FALSE(IsolationForest::FromJson({{"dims", 3}}, "x").ok());
}

TEST(IsolationForest, ConstantColumnsMakeLeaves) {
  std::vector<std::vector<double>> rows(64, {1.0, 2.0});
  IsolationForest forest;
  ASSERT_TRUE(forest.Fit(rows, {10, 64, 1}).ok());
  // Every tree is a single leaf holding all 64 points: path = c(64), score = 0.5.
  EXPECT_NEAR(forest.PathLength({1.0, 2.0}), AveragePathLength(64), 1e-12);
  EXPECT_NEAR(forest.Score({5.0, 5.0}), 0.5, 1e-12);
}

}  // namespace
}  // namespace vv
