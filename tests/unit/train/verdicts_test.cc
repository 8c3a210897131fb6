// Verdicts against the best baseline per judged metric, and the n threshold.
#include "train/verdicts.h"

#include <gtest/gtest.h>

#include "models/descriptor.h"

namespace vv::train {
namespace {

using nlohmann::json;

TEST(Verdicts, BestBaselinePerMetricAndItsDirection) {
  json entry = {{"n", 500},
                {"metrics", {{"mrse", 0.05}, {"median_ape", 0.2}, {"coverage_80", 0.7}}},
                {"baselines",
                 {{"persistence", {{"mrse", 0.07}, {"median_ape", 0.15}}},
                  {"constant_scaling", {{"mrse", 0.04}, {"median_ape", 0.3}}}}}};
  json rows = Verdicts("velocity", entry);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0]["metric"], "mrse");
  EXPECT_EQ(rows[0]["baseline"], "constant_scaling");  // the lowest mRSE is the one to beat
  EXPECT_EQ(rows[0]["verdict"], "loses to constant_scaling");
  EXPECT_EQ(rows[1]["baseline"], "persistence");
  EXPECT_EQ(rows[1]["verdict"], "loses to persistence");
  EXPECT_EQ(rows[2]["verdict"], "outside 0.75-0.85");  // no baseline has intervals
  EXPECT_FALSE(AllWin(rows));
  entry["metrics"] = {{"mrse", 0.03}, {"median_ape", 0.1}, {"coverage_80", 0.8}};
  rows = Verdicts("velocity", entry);
  EXPECT_EQ(rows[0]["verdict"], "wins");
  EXPECT_EQ(rows[2]["verdict"], "within 0.75-0.85");
  EXPECT_TRUE(AllWin(rows));
}

TEST(Verdicts, TiesAreNotWinsAndSmallNGetsNoVerdict) {
  json entry = {{"n", 500},
                {"metrics", {{"roc_auc", 0.9}, {"brier", 0.05}}},
                {"baselines", {{"logistic_first_views", {{"roc_auc", 0.9}, {"brier", 0.06}}}}}};
  json rows = Verdicts("viral", entry);
  EXPECT_EQ(rows[0]["verdict"], "ties");
  EXPECT_EQ(rows[1]["verdict"], "wins");
  entry["n"] = 199;
  rows = Verdicts("viral", entry);
  EXPECT_EQ(rows[0]["verdict"], "no verdict (n < 200)");
  EXPECT_NE(VerdictsMarkdown(rows, "BR").find("| BR | viral | roc_auc |"), std::string::npos);
  EXPECT_TRUE(Verdicts("nonsense", entry).empty());
}

TEST(ModelDescriptor, EveryModelIsJudgedAgainstABaseline) {
  ASSERT_EQ(ModelDescriptors().size(), 6u);
  for (const auto& d : ModelDescriptors()) {
    EXPECT_FALSE(d.judged_on.empty()) << d.name;
    EXPECT_FALSE(d.baselines.empty()) << d.name;
    EXPECT_EQ(FindModelDescriptor(d.name), &d);
  }
  EXPECT_EQ(CompareMetric({"mrse", MetricGoal::kLower}, 0.1, 0.2), 1);
  EXPECT_EQ(CompareMetric({"c", MetricGoal::kNominal, 0.8, 0.75, 0.85}, 0.78, 0.9), 1);
}

}  // namespace
}  // namespace vv::train
