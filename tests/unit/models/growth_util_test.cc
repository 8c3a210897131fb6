#include "models/growth_util.h"

#include <gtest/gtest.h>

#include <cmath>

#include "features/numeric_features.h"
#include "models/velocity.h"
#include "synthetic.h"

namespace vv {
namespace {

using vv::testing::HoursAfter;
using vv::testing::T0;

TEST(GrowthUtilTest, ConformalQuantileIsTheCeilRank) {
  // n = 9, level 0.8: ceil(10 * 0.8) = 8th smallest.
  EXPECT_DOUBLE_EQ(ConformalQuantile({9, 1, 8, 2, 7, 3, 6, 4, 5}, 0.8), 8);
  EXPECT_DOUBLE_EQ(ConformalQuantile({3, 1, 2}, 0.99), 3);  // rank beyond n: the largest
  EXPECT_TRUE(std::isinf(ConformalQuantile({}, 0.8)));
}

TEST(GrowthUtilTest, InterpolatesLogViewsBetweenSnapshots) {
  std::vector<Snapshot> s(2);
  s[0].captured_at = HoursAfter(T0(), 10);
  s[0].views = 99;
  s[1].captured_at = HoursAfter(T0(), 20);
  s[1].views = 9999;
  auto mid = InterpolateViews(s, T0(), HoursAfter(T0(), 15));
  ASSERT_TRUE(mid.has_value());
  EXPECT_NEAR(*mid, 999, 1e-6);  // halfway between log1p 100 and log1p 10000
  auto early = InterpolateViews(s, T0(), HoursAfter(T0(), 5));
  EXPECT_NEAR(*early, std::expm1(0.5 * std::log(100.0)), 1e-6);  // from (publication, 0)
  EXPECT_FALSE(InterpolateViews(s, T0(), HoursAfter(T0(), 21)).has_value());
  EXPECT_FALSE(InterpolateViews(s, std::nullopt, HoursAfter(T0(), 5)).has_value());
  EXPECT_NEAR(*InterpolateViews(s, std::nullopt, HoursAfter(T0(), 20)), 9999, 1e-9);
}

TEST(GrowthUtilTest, CalibrationCellsSeparateHistoryAndHorizon) {
  EXPECT_EQ(HorizonBucket(24), 0);
  EXPECT_EQ(HorizonBucket(24.5), 1);
  EXPECT_EQ(HorizonBucket(72), 1);
  EXPECT_EQ(HorizonBucket(168), 2);
  EXPECT_EQ(HorizonBucket(169), 3);
  EXPECT_EQ(std::string(HorizonBucketName(3)), "gt_7d");
  EXPECT_EQ(VelocityCalibration::Cell(0, 10), 0);
  EXPECT_EQ(VelocityCalibration::Cell(1, 10), kNumHorizonBuckets);
  EXPECT_EQ(VelocityCalibration::Cell(7, 500), VelocityCalibration::kCells - 1);
  VelocityCalibration c;
  c.log_lo[3] = -0.1;
  c.log_hi[3] = 0.25;
  c.growth_lo[5] = 0.2;
  c.growth_hi[5] = 3.5;
  c.log_shift[5] = -0.1;
  c.max_log_growth[5] = 0.3;
  auto back = VelocityCalibration::FromJson(c.ToJson());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->log_lo, c.log_lo);
  EXPECT_EQ(back->log_hi, c.log_hi);
  EXPECT_EQ(back->growth_lo, c.growth_lo);
  EXPECT_EQ(back->growth_hi, c.growth_hi);
  EXPECT_TRUE(back->growth_bounds);
  EXPECT_EQ(back->log_shift, c.log_shift);
  EXPECT_EQ(back->max_log_growth[5], 0.3);
  EXPECT_TRUE(std::isinf(back->max_log_growth[4]));  // no cap survives JSON (which has no inf)
  EXPECT_FALSE(VelocityCalibration::FromJson({{"quantile", {1, 2}}, {"log_shift", {1, 2}}}).ok());
  // Format 1 (one symmetric quantile per cell) still loads, without a cap.
  std::vector<double> q(VelocityCalibration::kCells, 0.5), zero(VelocityCalibration::kCells, 0.0);
  auto v1 = VelocityCalibration::FromJson({{"quantile", q}, {"log_shift", zero}});
  ASSERT_TRUE(v1.ok());
  EXPECT_EQ(v1->log_lo[0], -0.5);
  EXPECT_EQ(v1->log_hi[0], 0.5);
  EXPECT_FALSE(v1->growth_bounds);
  EXPECT_TRUE(std::isinf(v1->max_log_growth[0]));
}

TEST(GrowthUtilTest, RejectsUnorderedSnapshotsAndNegativeCounts) {
  VideoInput in;
  in.snapshots.resize(2);
  in.snapshots[0].captured_at = HoursAfter(T0(), 2);
  in.snapshots[1].captured_at = HoursAfter(T0(), 1);
  auto st = ValidateVideoInput(in);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().path, "$.snapshots[1].captured_at");
  in.snapshots[1].captured_at = HoursAfter(T0(), 3);
  in.snapshots[1].likes = -1;
  st = ValidateVideoInput(in);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().path, "$.snapshots[1].likes");
}

TEST(GrowthUtilTest, FeaturesOfAnInputSeeOnlySnapshotsKnownAtAsOf) {
  VideoInput in;
  in.video.published_at = T0();
  in.snapshots.resize(2);
  in.snapshots[0].captured_at = HoursAfter(T0(), 2);
  in.snapshots[0].views = 10;
  in.snapshots[1].captured_at = HoursAfter(T0(), 4);
  in.snapshots[1].views = 100;
  in.as_of = HoursAfter(T0(), 3);
  auto x = ComputeFeatures(in, HoursAfter(T0(), 10));
  const auto names = features::NumericSchema(true).names;
  auto at = [&](const char* n) { return x[std::find(names.begin(), names.end(), n) - names.begin()]; };
  EXPECT_FLOAT_EQ(at("n_snapshots"), 1);
  EXPECT_FLOAT_EQ(at("age_hours"), 2);
  EXPECT_FLOAT_EQ(at("horizon_hours"), 8);
  EXPECT_EQ(ComputeFeatures(in).size(), features::NumericSchema(false).names.size());
}

}  // namespace
}  // namespace vv
