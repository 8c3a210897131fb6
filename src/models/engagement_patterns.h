#pragma once
// The known shapes of fake engagement, as directions in the anomaly model's feature space
// (log_like_view, log_comment_view, log_dislike_like, max_like_lag, max_rate_spike):
//   bought views   views jump with no engagement behind them: every per-view ratio falls, the
//                  views-vs-likes lag and the peak rate rise;
//   bought likes   likes rise alone: like/view up, dislike/like down, comments unchanged;
//   bot views      views from accounts that never engage: likes and comments per view fall,
//                  dislikes per like rise;
//   view spike     views per hour jump between snapshots (the lag or the peak rate alone).
// Each video is tested along each direction against a Gaussian reference of normal videos
// (mean and covariance of the training store's features): the statistic is the generalized
// likelihood ratio for a shift along the direction, t = d'P v / sqrt(v'P v) with d = x - mean and
// P the inverse covariance of the features the video has. Unlike a per-feature |z| rule, it
// reads the features together (likes and comments per view move together in normal videos, so
// likes up with comments flat is far more telling than either ratio alone) and it is one-sided
// (a video with more comments than usual is not suspicious). On injected anomalies in nine
// foreign stores it ranked better than the per-feature z-rule on every one (docs/MODELS.md).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace vv {

struct EngagementPattern {
  const char* name;         // "bought_likes"
  const char* description;  // for reasons: "likes far above what views, comments and dislikes imply"
  std::vector<double> direction;  // one entry per anomaly feature
};

// In the order of AnomalyFeatureNames().
const std::vector<EngagementPattern>& EngagementPatterns();

class PatternDetector {
 public:
  struct Match {
    double t = 0;      // the largest one-sided statistic (0 when no direction points outward)
    int pattern = -1;  // index into EngagementPatterns(), -1 when none
  };

  // rows: feature vectors (NaN = unknown). Means and covariances over the pairs each feature
  // pair has; a small ridge keeps every sub-matrix invertible.
  static PatternDetector Fit(const std::vector<std::vector<double>>& rows);
  bool empty() const { return mean_.empty(); }

  Match Best(const std::vector<double>& x) const;

  nlohmann::json ToJson() const;
  static Result<PatternDetector> FromJson(const nlohmann::json& j, const std::string& path);

 private:
  std::vector<double> mean_;
  std::vector<double> cov_;  // dims x dims, row-major
};

}  // namespace vv
