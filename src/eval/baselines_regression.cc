#include "eval/baselines_regression.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "eval/logistic.h"

namespace vv::eval {

namespace {

constexpr std::array<double, 10> kAgeEdges = {1, 3, 6, 12, 24, 48, 96, 168, 336, 720};

std::pair<int, int> Cell(const GrowthQuery& q) {
  double t0 = q.known_age_hours.empty() ? 0.0 : q.known_age_hours.back();
  return {AgeBin(t0), AgeBin(q.target_age_hours)};
}

double LastViews(const GrowthQuery& q) { return q.known_views.empty() ? 0.0 : q.known_views.back(); }

Status CheckInput(const std::vector<GrowthQuery>& queries, const std::vector<double>& actual,
                  const char* model) {
  if (queries.empty() || queries.size() != actual.size()) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     std::string(model) + ": no training pairs (videos with two or more snapshots)");
  }
  return {};
}

std::string CellKey(const std::pair<int, int>& cell) {
  return std::to_string(cell.first) + "->" + std::to_string(cell.second);
}

}  // namespace

int AgeBin(double hours) {
  return static_cast<int>(std::upper_bound(kAgeEdges.begin(), kAgeEdges.end(), hours) - kAgeEdges.begin());
}

Status SzaboHuberman::Fit(const std::vector<GrowthQuery>& queries, const std::vector<double>& actual) {
  VV_RETURN_IF_ERROR(CheckInput(queries, actual, "szabo_huberman"));
  std::map<std::pair<int, int>, std::pair<double, size_t>> sums;
  double total = 0;
  for (size_t i = 0; i < queries.size(); ++i) {
    double growth = std::log1p(std::max(0.0, actual[i])) - std::log1p(std::max(0.0, LastViews(queries[i])));
    auto& s = sums[Cell(queries[i])];
    s.first += growth;
    ++s.second;
    total += growth;
  }
  pooled_b_ = total / static_cast<double>(queries.size());
  b_.clear();
  for (const auto& [cell, s] : sums) {
    if (s.second >= kMinCellPairs) b_[cell] = s.first / static_cast<double>(s.second);
  }
  return {};
}

double SzaboHuberman::Predict(const GrowthQuery& query) const {
  auto it = b_.find(Cell(query));
  double b = it == b_.end() ? pooled_b_ : it->second;
  return std::expm1(std::log1p(std::max(0.0, LastViews(query))) + b);
}

nlohmann::json SzaboHuberman::ToJson() const {
  nlohmann::json cells = nlohmann::json::object();
  for (const auto& [cell, b] : b_) cells[CellKey(cell)] = b;
  return {{"pooled_b", pooled_b_}, {"cells", cells}};
}

std::vector<double> PintoMultivariateLinear::PeriodDeltas(const GrowthQuery& q) {
  std::vector<double> deltas(kPeriods, 0.0);
  if (q.known_age_hours.empty()) return deltas;
  const double t0 = q.known_age_hours.back();
  // Cumulative views at age t: linear between known points, 0 at publication.
  auto at = [&](double t) {
    double pa = 0, pv = 0;
    for (size_t i = 0; i < q.known_age_hours.size(); ++i) {
      double a = q.known_age_hours[i], v = q.known_views[i];
      if (t <= a) return a > pa ? pv + (v - pv) * (t - pa) / (a - pa) : v;
      pa = a;
      pv = v;
    }
    return pv;
  };
  double prev = 0;
  for (size_t k = 0; k < kPeriods; ++k) {
    double cur = t0 <= 0 ? (k + 1 == kPeriods ? LastViews(q) : 0.0)
                         : at(t0 * static_cast<double>(k + 1) / kPeriods);
    deltas[k] = cur - prev;
    prev = cur;
  }
  return deltas;
}

namespace {

// argmin_w sum_i (w.x_i / y_i - 1)^2 + ridge |w|^2, ridge relative to the Gram matrix's trace.
Result<std::vector<double>> FitRelative(const std::vector<std::vector<double>>& x,
                                        const std::vector<double>& y) {
  const size_t d = PintoMultivariateLinear::kPeriods;
  std::vector<double> gram(d * d, 0.0), rhs(d, 0.0);
  for (size_t i = 0; i < x.size(); ++i) {
    if (y[i] <= 0) continue;  // relative error is undefined at zero views
    for (size_t a = 0; a < d; ++a) {
      double za = x[i][a] / y[i];
      rhs[a] += za;
      for (size_t b = 0; b < d; ++b) gram[a * d + b] += za * x[i][b] / y[i];
    }
  }
  double trace = 0;
  for (size_t a = 0; a < d; ++a) trace += gram[a * d + a];
  for (size_t a = 0; a < d; ++a) gram[a * d + a] += 1e-9 * trace + 1e-300;
  return SolveLinearSystem(gram, rhs);
}

}  // namespace

Status PintoMultivariateLinear::Fit(const std::vector<GrowthQuery>& queries,
                                    const std::vector<double>& actual) {
  VV_RETURN_IF_ERROR(CheckInput(queries, actual, "pinto_ml"));
  std::map<std::pair<int, int>, std::pair<std::vector<std::vector<double>>, std::vector<double>>> cells;
  std::vector<std::vector<double>> all_x;
  for (size_t i = 0; i < queries.size(); ++i) {
    auto deltas = PeriodDeltas(queries[i]);
    auto& c = cells[Cell(queries[i])];
    c.first.push_back(deltas);
    c.second.push_back(actual[i]);
    all_x.push_back(std::move(deltas));
  }
  auto pooled = FitRelative(all_x, actual);
  if (!pooled.ok()) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "pinto_ml: no training pair with views before the reference time");
  }
  pooled_ = *pooled;
  w_.clear();
  for (const auto& [cell, c] : cells) {
    if (c.first.size() < kMinCellPairs) continue;
    auto w = FitRelative(c.first, c.second);
    if (w.ok()) w_[cell] = *w;
  }
  return {};
}

double PintoMultivariateLinear::Predict(const GrowthQuery& query) const {
  auto it = w_.find(Cell(query));
  const Weights& w = it == w_.end() ? pooled_ : it->second;
  auto x = PeriodDeltas(query);
  double v = 0;
  for (size_t k = 0; k < x.size() && k < w.size(); ++k) v += w[k] * x[k];
  return std::max(v, LastViews(query));  // views never fall
}

nlohmann::json PintoMultivariateLinear::ToJson() const {
  nlohmann::json cells = nlohmann::json::object();
  for (const auto& [cell, w] : w_) cells[CellKey(cell)] = w;
  return {{"pooled", pooled_}, {"cells", cells}};
}

}  // namespace vv::eval
