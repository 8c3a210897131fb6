// PSI and KS against values computed by hand (the arithmetic is in each comment).
#include "monitor/drift_stats.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace vv::monitor {
namespace {

TEST(QuantileEdges, NearestRankCutsWithoutDuplicatesOrMaximum) {
  // 1..8 in quarters: ceil(8/4)=2 -> 2, ceil(16/4)=4 -> 4, ceil(24/4)=6 -> 6.
  EXPECT_EQ(QuantileEdges(std::vector<double>{8, 7, 6, 5, 4, 3, 2, 1}, 4),
            (std::vector<double>{2, 4, 6}));
  // A constant feature has no cut; half zeros gets a bin of its own for the zeros.
  EXPECT_TRUE(QuantileEdges(std::vector<double>(10, 3.0), 10).empty());
  EXPECT_EQ(QuantileEdges(std::vector<double>{0, 0, 0, 0, 1, 2, 3, 4}, 4),
            (std::vector<double>{0, 2}));
}

TEST(BinProportions, UpperEdgeInclusiveAndNanIgnored) {
  std::vector<double> edges = {2, 4, 6};
  std::vector<double> values = {1, 2, 3, 4, 5, 6, 7, NAN};  // bins: {1,2} {3,4} {5,6} {7}
  auto p = BinProportions(values, edges);
  ASSERT_EQ(p.size(), 4u);
  EXPECT_DOUBLE_EQ(p[0], 2.0 / 7);
  EXPECT_DOUBLE_EQ(p[1], 2.0 / 7);
  EXPECT_DOUBLE_EQ(p[2], 2.0 / 7);
  EXPECT_DOUBLE_EQ(p[3], 1.0 / 7);
}

TEST(Psi, IdenticalSamplesAreZero) {
  std::vector<double> a = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  EXPECT_DOUBLE_EQ(PopulationStabilityIndex(a, a, 10)->value, 0.0);
}

TEST(Psi, TwoBinsHandComputed) {
  // Reference 1..10, cut at 5: 0.5 | 0.5. Current: 8 values <= 5, 2 above: 0.8 | 0.2.
  // PSI = 0.3 ln(0.8/0.5) + (-0.3) ln(0.2/0.5) = 0.141001 + 0.274887 = 0.4158883.
  std::vector<double> ref = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  std::vector<double> cur = {1, 1, 1, 2, 2, 3, 3, 4, 6, 7};
  EXPECT_NEAR(PopulationStabilityIndex(ref, cur, 2)->value, 0.4158883083, 1e-9);
}

TEST(Psi, QuartilesHandComputed) {
  // Reference 1..8 in quarters (0.25 each); current {1,1,1,1,3,5,7,8}: 0.5, 0.125, 0.125, 0.25.
  // PSI = 0.25 ln 2 + 2 * (-0.125) ln 0.5 + 0 = 0.5 ln 2 = 0.3465736.
  std::vector<double> ref = {1, 2, 3, 4, 5, 6, 7, 8};
  std::vector<double> cur = {1, 1, 1, 1, 3, 5, 7, 8};
  EXPECT_NEAR(PopulationStabilityIndex(ref, cur, 4)->value, 0.5 * std::log(2.0), 1e-12);
}

TEST(Psi, EmptyBinsUseTheEpsilonFloor) {
  // Current all in the first quarter: 1, 0, 0, 0 with 0 -> 1e-4.
  // PSI = 0.75 ln 4 + 3 (1e-4 - 0.25) ln(1e-4 / 0.25) = 1.0397208 + 5.8656872 = 6.9054081.
  std::vector<double> ref = {1, 2, 3, 4, 5, 6, 7, 8};
  std::vector<double> cur = {1, 1, 1, 1};
  EXPECT_NEAR(PopulationStabilityIndex(ref, cur, 4)->value, 6.9054080652, 1e-9);
}

TEST(Psi, PValueAgainstTheSmallSampleNoiseFloor) {
  // The quartile example: n = m = 8, so PSI * 4 = 1.386 on 3 degrees of freedom: p = 0.709.
  std::vector<double> ref = {1, 2, 3, 4, 5, 6, 7, 8};
  std::vector<double> cur = {1, 1, 1, 1, 3, 5, 7, 8};
  auto r = PopulationStabilityIndex(ref, cur, 4);
  EXPECT_EQ(r->bins, 4);
  EXPECT_NEAR(r->p_value, ChiSquareSurvival(2 * std::log(2.0), 3), 1e-12);
  EXPECT_NEAR(r->p_value, 0.7087, 1e-4);
}

TEST(ChiSquare, KnownCriticalValues) {
  EXPECT_NEAR(ChiSquareSurvival(3.841459, 1), 0.05, 1e-6);
  EXPECT_NEAR(ChiSquareSurvival(16.918978, 9), 0.05, 1e-6);
  EXPECT_NEAR(ChiSquareSurvival(2.0, 2), std::exp(-1.0), 1e-12);  // dof 2: exp(-x/2)
  EXPECT_DOUBLE_EQ(ChiSquareSurvival(0, 3), 1.0);
  EXPECT_LT(ChiSquareSurvival(200, 9), 1e-30);
}

TEST(Psi, NoFiniteValueIsAnError) {
  std::vector<double> ref = {1, 2, 3};
  std::vector<double> nan = {NAN, NAN};
  auto r = PopulationStabilityIndex(ref, nan, 10);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().path, "current");
  EXPECT_FALSE(PopulationStabilityIndex(ref, ref, 1).ok());
}

TEST(Ks, DisjointAndShiftedSamples) {
  // {1,2,3,4} vs {3,4,5,6}: after 2 the CDFs are 0.5 and 0; after 3: 0.75 and 0.25. D = 0.5.
  auto r = KolmogorovSmirnov(std::vector<double>{1, 2, 3, 4}, std::vector<double>{3, 4, 5, 6});
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r->statistic, 0.5);
  // n_e = 2, lambda = (sqrt 2 + 0.12 + 0.11 / sqrt 2) * 0.5 = 0.8059977; Q(lambda) = 0.5344157.
  EXPECT_NEAR(r->p_value, 0.5344157192, 1e-8);
  auto disjoint = KolmogorovSmirnov(std::vector<double>{1, 2}, std::vector<double>{3, 4, 5});
  EXPECT_DOUBLE_EQ(disjoint->statistic, 1.0);
}

TEST(Ks, TiesAreSteppedOverTogether) {
  // {1,1,2} vs {1,2,2}: at 1 the CDFs are 2/3 and 1/3, at 2 both are 1. D = 1/3.
  auto r = KolmogorovSmirnov(std::vector<double>{1, 1, 2}, std::vector<double>{2, 1, 2});
  EXPECT_NEAR(r->statistic, 1.0 / 3, 1e-15);
  std::vector<double> same = {5, 5, 5, 1};
  EXPECT_DOUBLE_EQ(KolmogorovSmirnov(same, same)->statistic, 0.0);
  EXPECT_DOUBLE_EQ(KolmogorovSmirnov(same, same)->p_value, 1.0);
}

TEST(Ks, SurvivalFunctionKnownCriticalValue) {
  // The 5 % critical value of the Kolmogorov distribution is 1.358.
  EXPECT_NEAR(KolmogorovSurvival(1.358), 0.05, 1e-3);
  EXPECT_DOUBLE_EQ(KolmogorovSurvival(0), 1.0);
  EXPECT_LT(KolmogorovSurvival(3), 1e-6);
}

TEST(Ks, LargeShiftedSamplesAreSignificant) {
  std::vector<double> a, b;
  for (int i = 0; i < 1000; ++i) {
    a.push_back(i);
    b.push_back(i + 300);  // D = 0.3 exactly
  }
  auto r = KolmogorovSmirnov(a, b);
  EXPECT_NEAR(r->statistic, 0.3, 1e-12);
  EXPECT_LT(r->p_value, 1e-10);
}

}  // namespace
}  // namespace vv::monitor
