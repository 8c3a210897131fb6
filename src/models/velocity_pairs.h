#pragma once
// The velocity model's training rows (velocity_train.cc) and their calibration
// (velocity_calibrate.cc): (reference state, target) pairs of the given videos.
#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "eval/baselines_regression.h"
#include "models/model.h"
#include "models/velocity.h"
#include "models/xgb_util.h"

namespace vv::velocity_train {

// Reference states a row predicts from: nothing known yet, the first snapshot, a middle one.
enum RefMask : unsigned { kRefNone = 1, kRefFirst = 2, kRefMiddle = 4 };

struct Pairs {
  DenseMatrix x;
  std::vector<float> growth;   // label: log1p(target views) - log1p(reference views)
  std::vector<double> base;    // log1p(reference views)
  std::vector<double> actual;  // target views
  std::vector<double> horizon;
  std::vector<uint8_t> known;  // snapshots known at the reference
  std::vector<uint8_t> at_horizon;  // 1: the target is a configured horizon (what serving asks)
  std::vector<eval::GrowthQuery> queries;  // for the baselines (only when asked)
};

// Rows for every (reference state in refs, target) of the given videos: every later snapshot,
// and, with horizons, the views at each horizon after publication that falls after the reference
// and within the observed span (interpolated): serving asks for exactly those times, often a few
// hours ahead, which daily snapshots alone would never show the model. keep < 1 subsamples rows
// (seeded) so huge datasets train in bounded memory. CountrySpecificFeatures are left missing.
Pairs BuildPairs(const Dataset& data, const std::vector<size_t>& videos, unsigned refs,
                 double keep, uint32_t seed, bool with_queries,
                 const std::vector<double>* horizons = nullptr);

// Fewer pairs than this in a calibration cell: the pooled values are steadier.
inline constexpr size_t kMinCell = 30;

// Per cell, the log of the constant growth factor that minimises the relative squared error of
// views_now * factor on the pairs (+inf where a cell has fewer than kMinCell).
std::array<double, VelocityCalibration::kCells> FitGrowthCaps(const Pairs& pairs);

// [lower, upper] holding `level` of the residuals, one split-conformal quantile per tail.
std::pair<double, double> ConformalBounds(const std::vector<double>& residuals, double level);

// The point shift (mRSE), the growth cap and the conformal interval per cell (velocity.h).
// log_pred: the uncalibrated log1p forecast of each validation pair.
VelocityCalibration Calibrate(const Pairs& train, const Pairs& val, const std::vector<double>& log_pred,
                              const VelocityParams& params);

}  // namespace vv::velocity_train
