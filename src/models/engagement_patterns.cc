#include "models/engagement_patterns.h"

#include <cmath>

#include "eval/logistic.h"

namespace vv {

namespace {

// Relative to the diagonal: enough to invert a sub-matrix whose pairs came from different
// videos (pairwise covariances need not form a positive definite matrix), too small to matter.
constexpr double kRidge = 1e-3;

}  // namespace

const std::vector<EngagementPattern>& EngagementPatterns() {
  static const std::vector<EngagementPattern> patterns = {
      {"bought_views", "views far above what the likes and comments behind them imply",
       {-1, -1, 0, 1, 1}},
      {"bought_likes", "likes far above what the views, comments and dislikes imply",
       {1, 0, -1, 0, 0}},
      {"bot_views", "likes and comments per view far below normal while dislikes are not",
       {-1, -1, 1, 0, 0}},
      {"view_jump", "views jumped between snapshots while likes did not", {0, 0, 0, 1, 0}},
      {"rate_spike", "views per hour spiked far above the video's own median rate",
       {0, 0, 0, 0, 1}},
  };
  return patterns;
}

PatternDetector PatternDetector::Fit(const std::vector<std::vector<double>>& rows) {
  PatternDetector p;
  const size_t d = EngagementPatterns().front().direction.size();
  p.mean_.assign(d, 0.0);
  std::vector<double> n(d, 0.0);
  for (const auto& r : rows) {
    for (size_t j = 0; j < d; ++j) {
      if (!std::isnan(r[j])) p.mean_[j] += r[j], n[j] += 1;
    }
  }
  for (size_t j = 0; j < d; ++j) p.mean_[j] = n[j] > 0 ? p.mean_[j] / n[j] : 0.0;
  p.cov_.assign(d * d, 0.0);
  std::vector<double> pairs(d * d, 0.0);
  for (const auto& r : rows) {
    for (size_t a = 0; a < d; ++a) {
      if (std::isnan(r[a])) continue;
      for (size_t b = 0; b < d; ++b) {
        if (std::isnan(r[b])) continue;
        p.cov_[a * d + b] += (r[a] - p.mean_[a]) * (r[b] - p.mean_[b]);
        pairs[a * d + b] += 1;
      }
    }
  }
  for (size_t i = 0; i < d * d; ++i) p.cov_[i] = pairs[i] > 1 ? p.cov_[i] / pairs[i] : 0.0;
  for (size_t j = 0; j < d; ++j) {
    // A feature no training video had: unit variance, so it neither dominates nor divides by 0.
    if (p.cov_[j * d + j] <= 0) p.cov_[j * d + j] = 1.0;
    p.cov_[j * d + j] *= 1 + kRidge;
  }
  return p;
}

PatternDetector::Match PatternDetector::Best(const std::vector<double>& x) const {
  Match best;
  const size_t d = mean_.size();
  std::vector<size_t> seen;
  for (size_t j = 0; j < d && j < x.size(); ++j) {
    if (!std::isnan(x[j])) seen.push_back(j);
  }
  if (seen.empty()) return best;
  const size_t k = seen.size();
  std::vector<double> sub(k * k), dev(k);
  for (size_t a = 0; a < k; ++a) {
    dev[a] = x[seen[a]] - mean_[seen[a]];
    for (size_t b = 0; b < k; ++b) sub[a * k + b] = cov_[seen[a] * d + seen[b]];
  }
  // P d once, then t = (P d)'v / sqrt(v'P v) needs P v per pattern: k x k solves, k <= 5.
  auto p_dev = eval::SolveLinearSystem(sub, dev);
  if (!p_dev.ok()) return best;
  const auto& patterns = EngagementPatterns();
  for (size_t i = 0; i < patterns.size(); ++i) {
    std::vector<double> v(k);
    bool any = false;
    for (size_t a = 0; a < k; ++a) v[a] = patterns[i].direction[seen[a]], any |= v[a] != 0;
    if (!any) continue;
    auto p_v = eval::SolveLinearSystem(sub, v);
    if (!p_v.ok()) continue;
    double num = 0, den = 0;
    for (size_t a = 0; a < k; ++a) num += (*p_dev)[a] * v[a], den += v[a] * (*p_v)[a];
    if (den <= 1e-12) continue;
    const double t = num / std::sqrt(den);
    if (t > best.t) best = {t, static_cast<int>(i)};
  }
  return best;
}

nlohmann::json PatternDetector::ToJson() const { return {{"mean", mean_}, {"cov", cov_}}; }

Result<PatternDetector> PatternDetector::FromJson(const nlohmann::json& j,
                                                  const std::string& path) {
  PatternDetector p;
  const size_t d = EngagementPatterns().front().direction.size();
  try {
    p.mean_ = j.at("mean").get<std::vector<double>>();
    p.cov_ = j.at("cov").get<std::vector<double>>();
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kDataLoss, std::string("anomaly: bad patterns: ") + e.what(), path);
  }
  if (p.mean_.size() != d || p.cov_.size() != d * d) {
    return MakeError(ErrorCode::kDataLoss, "anomaly: patterns have the wrong dimension", path);
  }
  for (const auto* values : {&p.mean_, &p.cov_}) {
    for (double v : *values) {
      if (std::isfinite(v)) continue;
      return MakeError(ErrorCode::kDataLoss, "anomaly: patterns hold a non-finite number", path);
    }
  }
  return p;
}

}  // namespace vv
