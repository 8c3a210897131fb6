#include "train/gates.h"

#include <gtest/gtest.h>

namespace vv::train {
namespace {

using nlohmann::json;

json Report(double auc, double brier) {
  return {{"metrics", {{"roc_auc", auc}, {"brier", brier}}},
          {"baselines", {{"logistic", {{"roc_auc", 0.7}, {"brier", 0.2}}}}}};
}

const json kGates = {{"tolerance", 0.05},
                     {"require_beat_baseline", false},
                     {"viral", {{"min_roc_auc", 0.6}, {"max_brier", 0.25}}}};

TEST(Gates, ThresholdsPassAndFail) {
  EXPECT_TRUE(CheckGates("viral", Report(0.8, 0.1), nullptr, kGates).pass);
  const GateResult low = CheckGates("viral", Report(0.55, 0.1), nullptr, kGates);
  EXPECT_FALSE(low.pass);
  ASSERT_EQ(low.failures.size(), 1u);
  EXPECT_NE(low.failures[0].find("roc_auc"), std::string::npos);
  EXPECT_FALSE(CheckGates("viral", Report(0.8, 0.3), nullptr, kGates).pass);
}

TEST(Gates, MissingOrNaNMetricFails) {
  json report = {{"metrics", {{"brier", 0.1}, {"roc_auc", nullptr}}}};
  const GateResult r = CheckGates("viral", report, nullptr, kGates);
  EXPECT_FALSE(r.pass);
  EXPECT_NE(r.failures[0].find("missing"), std::string::npos);
}

TEST(Gates, NoRegressionBeyondToleranceAgainstChampion) {
  const json champion = Report(0.80, 0.10);
  // 0.77 >= 0.80 - 0.05 * 0.80 = 0.76: within tolerance.
  EXPECT_TRUE(CheckGates("viral", Report(0.77, 0.10), champion, kGates).pass);
  // 0.75 < 0.76: regression.
  const GateResult r = CheckGates("viral", Report(0.75, 0.10), champion, kGates);
  EXPECT_FALSE(r.pass);
  EXPECT_NE(r.failures[0].find("regresses"), std::string::npos);
  // Lower-is-better: brier 0.106 > 0.10 + 0.005.
  EXPECT_FALSE(CheckGates("viral", Report(0.80, 0.106), champion, kGates).pass);
}

TEST(Gates, BaselineMustBeBeatenWhenRequired) {
  json gates = kGates;
  gates["require_beat_baseline"] = true;
  EXPECT_FALSE(CheckGates("viral", Report(0.65, 0.1), nullptr, gates).pass);  // 0.65 < 0.7
  EXPECT_TRUE(CheckGates("viral", Report(0.75, 0.1), nullptr, gates).pass);
}

TEST(Gates, ModelWithoutGatesPasses) {
  EXPECT_TRUE(CheckGates("tags", Report(0.1, 0.9), nullptr, kGates).pass);
}

}  // namespace
}  // namespace vv::train
