#pragma once
// The velocity model's baselines (issue 3): Szabo & Huberman's log-linear model and Pinto,
// Almeida & Goncalves's multivariate linear model (WSDM 2013). Both learn one growth rule per
// (reference age, target age) cell on the training split and are scored on the same (video, later
// snapshot) pairs as the model.
#include <map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace vv::eval {

// What a baseline sees: the trajectory known at the reference time t0 (ages in hours since
// publication, cumulative views, ascending; t0 is the last age) and the age to predict.
struct GrowthQuery {
  std::vector<double> known_age_hours;
  std::vector<double> known_views;
  double target_age_hours = 0;
};

// Cells: ages binned at 1, 3, 6, 12 h, 1, 2, 4, 7, 14, 30 days. A cell with fewer than
// kMinCellPairs training pairs falls back to the pooled fit over all pairs.
int AgeBin(double hours);
inline constexpr size_t kMinCellPairs = 5;

// log(1 + v(t)) = log(1 + v(t0)) + b(t0, t); b is the mean log growth of the cell's training
// pairs (log1p so zero views at t0 are defined).
class SzaboHuberman {
 public:
  Status Fit(const std::vector<GrowthQuery>& queries, const std::vector<double>& actual);
  double Predict(const GrowthQuery& query) const;
  nlohmann::json ToJson() const;

 private:
  std::map<std::pair<int, int>, double> b_;
  double pooled_b_ = 0;
};

// v(t) = sum_k w_k x_k where x_k are the views gained in each of kPeriods equal periods between
// publication and t0 (the known trajectory interpolated linearly, 0 views at publication). As
// Pinto et al. do, the weights minimise the relative squared error sum (w.x / v(t) - 1)^2 (the
// mRSE), by least squares with a tiny ridge so equal deltas (one snapshot) stay solvable.
class PintoMultivariateLinear {
 public:
  static constexpr size_t kPeriods = 4;
  Status Fit(const std::vector<GrowthQuery>& queries, const std::vector<double>& actual);
  double Predict(const GrowthQuery& query) const;
  nlohmann::json ToJson() const;
  static std::vector<double> PeriodDeltas(const GrowthQuery& query);

 private:
  using Weights = std::vector<double>;
  std::map<std::pair<int, int>, Weights> w_;
  Weights pooled_;
};

}  // namespace vv::eval
