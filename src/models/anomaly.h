#pragma once
// Anomaly: an isolation forest on engagement features (ratios, growth jumps between snapshots)
// standardized by robust z-scores (median/MAD) within the video's category; the z-scores also
// give the human-readable reasons ("views rose 40x in 1 h while likes stayed flat").
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/engagement_patterns.h"
#include "models/isolation_forest.h"
#include "models/model.h"

namespace vv {

// The feature names, in vector order: log_like_view, log_comment_view, log_dislike_like,
// max_like_lag, max_rate_spike.
const std::vector<std::string>& AnomalyFeatureNames();

struct EngagementFeatures {
  std::vector<double> values;  // NaN when unknown (no likes, one snapshot, ...)
  // The interval where views outgrew likes (or comments) the most, for the reason text.
  double jump_view_ratio = 1, jump_engagement_ratio = 1, jump_hours = 0;
  std::string jump_engagement = "likes";
  double rate_spike_ratio = 1;  // max / median views per hour between snapshots
};

// From the snapshots known at input.as_of. Needs one snapshot with views.
Result<EngagementFeatures> ComputeEngagementFeatures(const VideoInput& input);

struct RobustStats {
  std::vector<double> median, scale;  // scale = 1.4826 * MAD (floored), per feature
  size_t n = 0;
  static RobustStats Fit(const std::vector<std::vector<double>>& rows);
  // (x - median) / scale; 0 where x is NaN.
  std::vector<double> Z(const std::vector<double>& x) const;
  nlohmann::json ToJson() const;
  static Result<RobustStats> FromJson(const nlohmann::json& j, const std::string& path);
};

// The anomaly baseline (issue 3's z-score rule): classical z-scores, mean and standard deviation
// of each feature over a store's videos; a video's score is its largest |z|. Fitted by the
// trainer on its train split and by `vv evaluate --db` on the training store.
class ZScoreRule {
 public:
  explicit ZScoreRule(const std::vector<std::vector<double>>& rows);  // EngagementFeatures::values
  double Score(const EngagementFeatures& f) const;

 private:
  std::vector<double> mean_, sd_;
};

struct AnomalyParams {
  double flag_threshold = 0.6;  // score at which a video is flagged
  double z_threshold = 3.5;     // |z| from which a feature becomes a reason
  // score = (1 - z_mix) * forest score + z_mix * m / (m + z_threshold), m = the strongest
  // engagement pattern's statistic (engagement_patterns.h; max |robust z| in artifacts written
  // before patterns existed): chosen at training on the validation split.
  double z_mix = 0;
};

class AnomalyModel : public Model {
 public:
  AnomalyModel(IsolationForest forest, RobustStats global, std::map<int, RobustStats> by_category,
               PatternDetector patterns, AnomalyParams params);
  std::string Name() const override { return "anomaly"; }
  // {"model":"anomaly","score":0..1,"flag":bool,"reasons":[...]}
  Result<nlohmann::json> Predict(const VideoInput& input) const override;
  Result<std::vector<std::string>> Save(const std::filesystem::path& dir) const override;
  nlohmann::json FeatureSchema() const override;
  static Result<std::unique_ptr<Model>> Load(const std::filesystem::path& dir);
  void set_params(const AnomalyParams& params) { params_ = params; }

  // Robust z-scores against the video's category (all videos when the category is rare).
  std::vector<double> ZScores(const EngagementFeatures& f, std::optional<int> category) const;
  double Score(const EngagementFeatures& f, std::optional<int> category) const;
  // The m of AnomalyParams::z_mix.
  double PatternStatistic(const EngagementFeatures& f, std::optional<int> category) const;
  std::vector<std::string> Reasons(const EngagementFeatures& f, std::optional<int> category) const;

 private:
  const RobustStats& StatsFor(std::optional<int> category) const;
  IsolationForest forest_;
  RobustStats global_;
  std::map<int, RobustStats> by_category_;
  PatternDetector patterns_;  // empty in artifacts written before patterns existed
  AnomalyParams params_;
};

class AnomalyTrainer : public ModelTrainer {
 public:
  std::string Name() const override { return "anomaly"; }
  // config: n_trees (100), sample_size (256), seed (42), contamination (0.02: the share of
  // training videos above the flag threshold), z_threshold (3.5), min_category_videos (30).
  Result<TrainedModel> Train(const Dataset& data, const Split& split,
                             const nlohmann::json& config) const override;
};

}  // namespace vv
