#include <algorithm>
#include <cmath>
#include <limits>

#include "models/growth_util.h"
#include "models/velocity_pairs.h"

namespace vv::velocity_train {

// Per cell, the log of the constant growth factor f minimising the relative squared error of
// views_now * f on the training pairs: with x = views_now / actual, f = sum x / sum x^2.
std::array<double, VelocityCalibration::kCells> FitGrowthCaps(const Pairs& train) {
  std::array<double, VelocityCalibration::kCells> sx{}, sx2{};
  std::array<size_t, VelocityCalibration::kCells> n{};
  for (size_t i = 0; i < train.actual.size(); ++i) {
    if (train.known[i] == 0 || !(train.actual[i] > 0)) continue;
    const double x = std::expm1(train.base[i]) / train.actual[i];
    const int cell = VelocityCalibration::Cell(train.known[i], train.horizon[i]);
    sx[cell] += x, sx2[cell] += x * x, ++n[cell];
  }
  VelocityCalibration c;  // cells default to no cap
  for (int k = 0; k < VelocityCalibration::kCells; ++k) {
    if (n[k] >= kMinCell && sx[k] > 0) c.max_log_growth[k] = std::max(0.0, std::log(sx[k] / sx2[k]));
  }
  return c.max_log_growth;
}

namespace {

// Per cell, the log shift minimising the relative squared error: with r = exp(pred) / actual,
// argmin_c sum (e^c r - 1)^2 gives e^c = sum r / sum r^2.
void FitLogShifts(const Pairs& val, const std::vector<double>& log_pred, const VelocityParams& params,
                  VelocityCalibration* c) {
  std::array<double, VelocityCalibration::kCells> sr{}, sr2{};
  std::array<size_t, VelocityCalibration::kCells> n{};
  double all_sr = 0, all_sr2 = 0;
  for (size_t i = 0; i < log_pred.size(); ++i) {
    if (!(val.actual[i] > 0)) continue;
    const int cell = VelocityCalibration::Cell(val.known[i], val.horizon[i]);
    const double r = std::expm1(log_pred[i]) / val.actual[i];
    sr[cell] += r, sr2[cell] += r * r, all_sr += r, all_sr2 += r * r, ++n[cell];
  }
  const double pooled = all_sr2 > 0 ? std::log(all_sr / all_sr2) : 0.0;
  for (int k = 0; k < VelocityCalibration::kCells; ++k) {
    c->log_shift[k] = params.point_estimate == "median"   ? 0.0
                      : n[k] >= kMinCell && sr2[k] > 0 ? std::log(sr[k] / sr2[k])
                                                        : pooled;
  }
}

}  // namespace

// Both tails of the signed residuals: one quantile per tail, because growth errors are skewed.
// The shortest window was tried too: it reaches down to the views now and over-covered every
// 2020 store (0.88-0.99) while equal tails hold 0.62-0.92 there and ~0.8 in-domain.
std::pair<double, double> ConformalBounds(const std::vector<double>& residuals, double level) {
  const double tail = (1 + level) / 2;
  std::vector<double> negated(residuals.size());
  for (size_t i = 0; i < residuals.size(); ++i) negated[i] = -residuals[i];
  return {-ConformalQuantile(negated, tail), ConformalQuantile(residuals, tail)};
}

// The point shift and the growth cap per cell come first: the interval is fitted around the
// point that is served, cap included.
VelocityCalibration Calibrate(const Pairs& train, const Pairs& val, const std::vector<double>& log_pred,
                              const VelocityParams& params) {
  VelocityCalibration c;
  FitLogShifts(val, log_pred, params, &c);
  if (params.growth_cap == "constant") c.max_log_growth = FitGrowthCaps(train);
  // The interval is calibrated on the targets serving asks for (the configured horizons) when the
  // validation split has enough of them: later snapshots sit a whole day apart in trending data.
  size_t horizon_pairs = 0;
  for (size_t i = 0; i < val.at_horizon.size(); ++i) horizon_pairs += val.at_horizon[i];
  const bool horizons_only = horizon_pairs >= kMinCell;
  std::array<std::vector<double>, VelocityCalibration::kCells> res;
  std::vector<double> all_log, all_share;
  for (size_t i = 0; i < log_pred.size(); ++i) {
    if (horizons_only && !val.at_horizon[i]) continue;
    const int cell = VelocityCalibration::Cell(val.known[i], val.horizon[i]);
    double point = log_pred[i] + c.log_shift[cell];
    if (val.known[i] == 0) {
      res[cell].push_back(std::log1p(val.actual[i]) - point);
      all_log.push_back(res[cell].back());
      continue;
    }
    point = std::min(point, val.base[i] + c.max_log_growth[cell]);
    const double g = std::max(point - val.base[i], VelocityCalibration::kMinLogGrowth);
    res[cell].push_back((std::log1p(val.actual[i]) - val.base[i]) / g);
    all_share.push_back(res[cell].back());
  }
  const auto pooled_log = ConformalBounds(all_log, params.interval_level);
  const auto pooled_share = ConformalBounds(all_share, params.interval_level);
  for (int k = 0; k < VelocityCalibration::kCells; ++k) {
    const bool with_snapshot = k >= kNumHorizonBuckets;
    const auto b = res[k].size() >= kMinCell ? ConformalBounds(res[k], params.interval_level)
                                             : with_snapshot ? pooled_share : pooled_log;
    // The served interval holds the point estimate (a capped point can sit below every residual).
    if (with_snapshot) {
      c.growth_lo[k] = std::clamp(b.first, 0.0, 1.0), c.growth_hi[k] = std::max(1.0, b.second);
    } else {
      c.log_lo[k] = std::min(0.0, b.first), c.log_hi[k] = std::max(0.0, b.second);
    }
  }
  return c;
}

}  // namespace vv::velocity_train
