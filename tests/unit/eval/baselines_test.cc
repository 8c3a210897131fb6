#include "eval/baselines_regression.h"

#include <gtest/gtest.h>

#include <cmath>

#include "eval/logistic.h"

namespace vv::eval {
namespace {

GrowthQuery Query(std::vector<double> ages, std::vector<double> views, double target) {
  return {std::move(ages), std::move(views), target};
}

TEST(SzaboHubermanTest, LearnsMeanLogGrowthPerCell) {
  // Five pairs from 10 h to 100 h: log growths 0.2, 0.4, 0.4, 0.6, 0.4 -> b = 0.4.
  std::vector<GrowthQuery> q;
  std::vector<double> y;
  const double growth[] = {0.2, 0.4, 0.4, 0.6, 0.4};
  for (int i = 0; i < 5; ++i) {
    double v0 = 100.0 * (i + 1);
    q.push_back(Query({10}, {v0}, 100));
    y.push_back(std::expm1(std::log1p(v0) + growth[i]));
  }
  SzaboHuberman sh;
  ASSERT_TRUE(sh.Fit(q, y).ok());
  EXPECT_NEAR(sh.Predict(Query({11}, {999}, 90)), std::expm1(std::log1p(999.0) + 0.4), 1e-6);
  // A cell with no training pairs falls back to the pooled b (also 0.4 here).
  EXPECT_NEAR(sh.Predict(Query({1000}, {50}, 2000)), std::expm1(std::log1p(50.0) + 0.4), 1e-6);
}

TEST(SzaboHubermanTest, SmallCellsUsePooledGrowth) {
  std::vector<GrowthQuery> q;
  std::vector<double> y;
  for (int i = 0; i < 5; ++i) {  // cell (10h -> 100h): growth 1
    q.push_back(Query({10}, {100}, 100));
    y.push_back(std::expm1(std::log1p(100.0) + 1.0));
  }
  q.push_back(Query({2}, {100}, 5));  // a lone pair in another cell: growth 0.4
  y.push_back(std::expm1(std::log1p(100.0) + 0.4));
  SzaboHuberman sh;
  ASSERT_TRUE(sh.Fit(q, y).ok());
  const double pooled = (5 * 1.0 + 0.4) / 6;
  EXPECT_NEAR(sh.Predict(Query({2}, {10}, 5)), std::expm1(std::log1p(10.0) + pooled), 1e-6);
  EXPECT_NEAR(sh.Predict(Query({10}, {10}, 100)), std::expm1(std::log1p(10.0) + 1.0), 1e-6);
}

TEST(SzaboHubermanTest, NoPairsIsAClearError) {
  SzaboHuberman sh;
  auto st = sh.Fit({}, {});
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find("szabo_huberman"), std::string::npos);
}

TEST(PintoTest, PeriodDeltasInterpolateTheKnownTrajectory) {
  // 0 views at publication, 100 at 2 h, 400 at 8 h: cumulative 100, 200, 300, 400 at 2, 4, 6, 8 h.
  auto d = PintoMultivariateLinear::PeriodDeltas(Query({2, 8}, {100, 400}, 24));
  ASSERT_EQ(d.size(), 4u);
  EXPECT_DOUBLE_EQ(d[0], 100);
  EXPECT_DOUBLE_EQ(d[1], 100);
  EXPECT_DOUBLE_EQ(d[2], 100);
  EXPECT_DOUBLE_EQ(d[3], 100);
  auto one = PintoMultivariateLinear::PeriodDeltas(Query({10}, {80}, 24));
  for (double v : one) EXPECT_DOUBLE_EQ(v, 20);
}

TEST(PintoTest, OneSnapshotRecoversConstantScaling) {
  std::vector<GrowthQuery> q;
  std::vector<double> y;
  for (int i = 1; i <= 6; ++i) {
    q.push_back(Query({10}, {50.0 * i}, 100));
    y.push_back(3 * 50.0 * i);
  }
  PintoMultivariateLinear p;
  ASSERT_TRUE(p.Fit(q, y).ok());
  EXPECT_NEAR(p.Predict(Query({10}, {70}, 100)), 210, 1e-4);
}

TEST(PintoTest, RecoversExactLinearWeights) {
  // Trajectories with four known points at 2, 4, 6, 8 h make the period deltas free; the target
  // is an exact linear function of them.
  const double w[] = {0.5, 1.0, 2.0, 4.0};
  std::vector<GrowthQuery> q;
  std::vector<double> y;
  for (int i = 0; i < 12; ++i) {
    double d[] = {10.0 + i, 20.0 + 3 * (i % 4), 5.0 + 7 * (i % 3), 30.0 + (i * i) % 11};
    double cum = 0, target = 0;
    GrowthQuery g;
    for (int k = 0; k < 4; ++k) {
      cum += d[k];
      g.known_age_hours.push_back(2.0 * (k + 1));
      g.known_views.push_back(cum);
      target += w[k] * d[k];
    }
    g.target_age_hours = 100;
    q.push_back(g);
    y.push_back(target);
  }
  PintoMultivariateLinear p;
  ASSERT_TRUE(p.Fit(q, y).ok());
  GrowthQuery probe = Query({2, 4, 6, 8}, {40, 60, 100, 180}, 100);
  EXPECT_NEAR(p.Predict(probe), 0.5 * 40 + 1.0 * 20 + 2.0 * 40 + 4.0 * 80, 1e-3);
}

TEST(LogisticTest, SolvesHandSystem) {
  auto x = SolveLinearSystem({0, 2, 1, 1}, {4, 3});  // 2y = 4, x + y = 3 (needs a pivot)
  ASSERT_TRUE(x.ok());
  EXPECT_NEAR((*x)[0], 1, 1e-12);
  EXPECT_NEAR((*x)[1], 2, 1e-12);
  EXPECT_FALSE(SolveLinearSystem({1, 2, 2, 4}, {1, 2}).ok());
}

TEST(LogisticTest, UnpenalisedFitMatchesGroupFrequencies) {
  // x = 0: 1 of 4 positive; x = 1: 3 of 4 positive. The MLE reproduces 0.25 and 0.75.
  std::vector<float> x = {0, 0, 0, 0, 1, 1, 1, 1};
  std::vector<int> y = {1, 0, 0, 0, 1, 1, 1, 0};
  LogisticRegression lr;
  LogisticRegression::Options opt;
  opt.l2 = 0;
  ASSERT_TRUE(lr.Fit(x.data(), 8, 1, y, opt).ok());
  float zero = 0, one = 1, missing = NAN;
  EXPECT_NEAR(lr.Predict(&zero), 0.25, 1e-6);
  EXPECT_NEAR(lr.Predict(&one), 0.75, 1e-6);
  EXPECT_NEAR(lr.RawWeights()[0], 2 * std::log(3.0), 1e-6);  // logit(.75) - logit(.25)
  EXPECT_NEAR(lr.RawIntercept(), -std::log(3.0), 1e-6);
  EXPECT_NEAR(lr.Predict(&missing), 0.5, 1e-6);  // imputed at the mean, 0.5, where p = 0.5
  auto back = LogisticRegression::FromJson(lr.ToJson());
  ASSERT_TRUE(back.ok());
  EXPECT_DOUBLE_EQ(back->Predict(&one), lr.Predict(&one));
}

TEST(LogisticTest, OneClassIsAnError) {
  std::vector<float> x = {0, 1};
  LogisticRegression lr;
  EXPECT_FALSE(lr.Fit(x.data(), 2, 1, {1, 1}).ok());
}

}  // namespace
}  // namespace vv::eval
