// Metrics against values computed by hand (the arithmetic is in the comments).
#include "eval/metrics.h"

#include <gtest/gtest.h>

#include <cmath>

namespace vv::eval {
namespace {

constexpr double kEps = 1e-9;

TEST(Metrics, MrseSkipsZeroActualAndMatchesHand) {
  // (110/100-1)^2 = 0.01, (50/100-1)^2 = 0.25, (200/100-1)^2 = 1 -> mean 0.42; the 0 is skipped.
  EXPECT_NEAR(Mrse({110, 50, 200, 7}, {100, 100, 100, 0}), 0.42, kEps);
  EXPECT_TRUE(std::isnan(Mrse({}, {})));
}

TEST(Metrics, MedianApe) {
  EXPECT_NEAR(MedianApe({110, 50, 200}, {100, 100, 100}), 0.5, kEps);      // {.1,.5,1}
  EXPECT_NEAR(MedianApe({110, 50, 200, 100}, {100, 100, 100, 100}), 0.3, kEps);  // (.1+.5)/2
}

TEST(Metrics, LogErrors) {
  const double e = std::exp(1.0);
  // log1p(actual) = {1, 2, 3}; log1p(predicted) = {1, 2, 4}.
  const std::vector<double> actual = {e - 1, e * e - 1, e * e * e - 1};
  const std::vector<double> predicted = {e - 1, e * e - 1, std::pow(e, 4) - 1};
  EXPECT_NEAR(MaeLog(predicted, actual), 1.0 / 3.0, 1e-9);
  // ss_res = 1, ss_tot = (1-2)^2 + 0 + (3-2)^2 = 2 -> R² = 0.5.
  EXPECT_NEAR(R2Log(predicted, actual), 0.5, 1e-9);
  EXPECT_TRUE(std::isnan(R2Log({1, 2}, {5, 5})));  // constant truth: undefined
}

TEST(Metrics, Coverage) {
  // Inside: 5 in [1,10], 10 in [10,12] (bounds inclusive); outside: 0 in [1,2], 30 in [1,20].
  EXPECT_NEAR(Coverage({1, 10, 1, 1}, {10, 12, 2, 20}, {5, 10, 0, 30}), 0.5, kEps);
}

TEST(Metrics, RocAucWithoutAndWithTies) {
  EXPECT_NEAR(RocAuc({0.1, 0.4, 0.35, 0.8}, {0, 0, 1, 1}), 0.75, kEps);
  // Positives {0.5, 0.8}, negatives {0.5, 0.2}: pairs 0.5~0.5 -> 1/2, others 1 -> 3.5 / 4.
  EXPECT_NEAR(RocAuc({0.5, 0.5, 0.2, 0.8}, {1, 0, 0, 1}), 0.875, kEps);
  EXPECT_NEAR(RocAuc({0.3, 0.3, 0.3}, {1, 0, 1}), 0.5, kEps);  // all tied
  EXPECT_TRUE(std::isnan(RocAuc({0.1, 0.2}, {1, 1})));        // one class only
}

TEST(Metrics, PrAucIsAveragePrecision) {
  // Ranked 0.8(+) 0.4(-) 0.35(+) 0.1(-): 0.5*1 + 0.5*(2/3) = 0.8333.
  EXPECT_NEAR(PrAuc({0.1, 0.4, 0.35, 0.8}, {0, 0, 1, 1}), 0.5 + 1.0 / 3.0, kEps);
  // Ties enter together: 0.8(+) -> R .5 P 1; {0.5(+), 0.5(-)} -> R 1 P 2/3.
  EXPECT_NEAR(PrAuc({0.5, 0.5, 0.2, 0.8}, {1, 0, 0, 1}), 0.5 + 1.0 / 3.0, kEps);
  EXPECT_NEAR(PrAuc({0.9, 0.8, 0.1}, {1, 1, 0}), 1.0, kEps);
  EXPECT_TRUE(std::isnan(PrAuc({0.9}, {0})));
}

TEST(Metrics, Brier) {
  EXPECT_NEAR(Brier({0.9, 0.2}, {1, 1}), (0.01 + 0.64) / 2, kEps);
}

TEST(Metrics, ExpectedCalibrationError) {
  // Bins of width 0.1: b0 {0.05 | y 0} -> .05; b1 {0.15, 0.18 | y 1, 0} -> |.33 - 1| = .67;
  // b8 {0.85 | 1} -> .15; b9 {0.95 | 1} -> .05. Sum of |sum p - sum y| = .92, / 5 = .184.
  EXPECT_NEAR(ExpectedCalibrationError({0.05, 0.15, 0.18, 0.95, 0.85}, {0, 1, 0, 1, 1}), 0.184,
              kEps);
  EXPECT_NEAR(ExpectedCalibrationError({1.0, 0.0}, {1, 0}), 0.0, kEps);  // p = 1 in last bin
}

TEST(Metrics, AccuracyAndMacroF1WithMissingClass) {
  // Truth 0 0 1 1 2, predicted 0 1 1 1 0. Class 0: 2*1/(2+2) = .5; class 1: 2*2/(3+2) = .8;
  // class 2 never predicted: F1 0. Macro = 1.3 / 3.
  const std::vector<int> truth = {0, 0, 1, 1, 2}, pred = {0, 1, 1, 1, 0};
  EXPECT_NEAR(Accuracy(pred, truth), 0.6, kEps);
  EXPECT_NEAR(MacroF1(pred, truth), 1.3 / 3.0, kEps);
  // Class 3 predicted but never true also counts, with F1 0: (2/3 + 1 + 0) / 3.
  EXPECT_NEAR(MacroF1({0, 3, 1}, {0, 0, 1}), (2.0 / 3.0 + 1.0) / 3.0, kEps);
}

TEST(Metrics, RankingOnSmallLists) {
  // q1: hits at ranks 2 and 4, 3 relevant. P@2 = 1/2, R@2 = 1/3, AP = (1/2 + 2/4) / 3 = 1/3.
  // q2: hit at rank 1 of 1 relevant. P@2 = 1/2, R@2 = 1, AP = 1. q3 has nothing relevant: skipped.
  const std::vector<std::vector<std::string>> ranked = {{"a", "b", "c", "d"}, {"x", "y"}, {"z"}};
  const std::vector<std::vector<std::string>> relevant = {{"b", "d", "x"}, {"x"}, {}};
  EXPECT_NEAR(PrecisionAtK(ranked, relevant, 2), 0.5, kEps);
  EXPECT_NEAR(RecallAtK(ranked, relevant, 2), (1.0 / 3.0 + 1.0) / 2.0, kEps);
  EXPECT_NEAR(MeanAveragePrecision(ranked, relevant), (1.0 / 3.0 + 1.0) / 2.0, kEps);
  // P@5 divides by 5 even with fewer suggestions: q1 2/5, q2 1/5.
  EXPECT_NEAR(PrecisionAtK(ranked, relevant, 5), 0.3, kEps);
  EXPECT_NEAR(RecallAtK(ranked, relevant, 10), (2.0 / 3.0 + 1.0) / 2.0, kEps);
  // A repeated suggestion counts once.
  EXPECT_NEAR(PrecisionAtK({{"a", "a"}}, {{"a"}}, 2), 0.5, kEps);
}

TEST(Metrics, PrecisionAtTopK) {
  const std::vector<double> scores = {0.9, 0.1, 0.8, 0.7};
  const std::vector<int> labels = {1, 0, 0, 1};
  EXPECT_NEAR(PrecisionAtTopK(scores, labels, 2), 0.5, kEps);
  EXPECT_NEAR(PrecisionAtTopK(scores, labels, 3), 2.0 / 3.0, kEps);
  EXPECT_NEAR(PrecisionAtTopK(scores, labels, 10), 0.5, kEps);  // k > n: over all n
}

TEST(Metrics, LengthMismatchThrows) {
  EXPECT_THROW(RocAuc({0.1}, {0, 1}), std::invalid_argument);
}

}  // namespace
}  // namespace vv::eval

namespace vv::eval {
namespace {

TEST(ShiftToRate, MovesTheMeanToTheRateAndKeepsTheOrder) {
  const std::vector<double> p = {0.9, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05};
  double offset = 0;
  const std::vector<double> q = ShiftToRate(p, 0.2, &offset);
  double mean = 0;
  for (double x : q) mean += x / q.size();
  EXPECT_NEAR(mean, 0.2, 1e-6);
  EXPECT_LT(offset, 0);  // the mean was 0.38: every probability moves down
  for (size_t i = 1; i < q.size(); ++i) EXPECT_LT(q[i], q[i - 1]);
  EXPECT_NEAR(RocAuc(q, {1, 1, 0, 1, 0, 0, 0, 0}), RocAuc(p, {1, 1, 0, 1, 0, 0, 0, 0}), 1e-12);
  // Already at the rate: no move.
  double none = 1;
  ShiftToRate({0.1, 0.3}, 0.2, &none);
  EXPECT_NEAR(none, 0, 1e-6);
}

}  // namespace
}  // namespace vv::eval
