// Issue 12 item 2: the metric directions the API serves are the descriptor's.
#include <gtest/gtest.h>

#include "models/descriptor.h"
#include "serve/metric_specs.h"

namespace vv::serve {
namespace {

TEST(MetricSpecs, EveryDescriptorMetricIsServedWithItsDirection) {
  for (const auto& d : ModelDescriptors()) {
    const auto specs = MetricSpecsJson(d.name);
    ASSERT_EQ(specs.size(), d.judged_on.size() + d.also_reported.size()) << d.name;
    for (size_t i = 0; i < specs.size(); ++i) {
      const bool judged = i < d.judged_on.size();
      const MetricSpec& spec = judged ? d.judged_on[i] : d.also_reported[i - d.judged_on.size()];
      EXPECT_EQ(specs[i]["name"], spec.name);
      EXPECT_EQ(specs[i]["direction"], MetricGoalName(spec.goal));
      EXPECT_EQ(specs[i]["judged"], judged);
      EXPECT_EQ(specs[i].contains("target"), spec.goal == MetricGoal::kNominal);
    }
  }
  EXPECT_TRUE(MetricSpecsJson("horoscope").empty());
}

TEST(MetricSpecs, ABrierScoreIsLowerIsBetterAndKIsNeverScored) {
  const MetricSpec* brier = FindMetricSpec(*FindModelDescriptor("viral"), "brier");
  ASSERT_NE(brier, nullptr);
  EXPECT_EQ(brier->goal, MetricGoal::kLower);
  EXPECT_EQ(CompareMetric(*brier, 0.1, 0.2), 1);
  const MetricSpec* k = FindMetricSpec(*FindModelDescriptor("anomaly"), "k");
  ASSERT_NE(k, nullptr);
  EXPECT_EQ(CompareMetric(*k, 3, 5), 0);
  EXPECT_EQ(FindMetricSpec(*FindModelDescriptor("viral"), "nosuch"), nullptr);
}

}  // namespace
}  // namespace vv::serve
