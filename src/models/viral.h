#pragma once
// viral: calibrated probability that a video ends in the top 20 % (configurable) of its cohort
// by views, with the features that pushed the score up or down.
//
// Label: models/viral_label.h (one definition for training and `vv evaluate --db`): views at the
// video's last snapshot against the videos of its category last seen at a similar age, judged
// from its first snapshot. Trending-style data, which sees a video a few times over a few days,
// labels most of its videos this way; a fixed age (views at 7 d) labelled almost none.
//
// Learner: XGBoost binary:logistic on base + temporal features of the snapshots known so far
// (rows from nothing known and from the first snapshot), tree count chosen
// by validation log loss, then a two-input Platt scaling on the validation split: the tree margin
// and the logit of a logistic regression on the same features (fitted on train). On small data
// (~100 labelled validation videos in the US 2017 set) the linear model carries signal the trees
// miss; the stacker weighs the two by validation log loss and gives the logistic weight 0 when it
// does not help. top_features are Saabas path attributions in log-odds of the uncalibrated tree
// margin only, from the flat trees (XGBoost's approx_contributions; exact TreeSHAP is reported
// at training time as mean |SHAP| but is too slow per request): the logistic part is not
// attributed.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "eval/logistic.h"
#include "features/numeric_features.h"
#include "models/flat_trees.h"
#include "models/model.h"

namespace vv {

struct ViralParams {
  double quantile = 0.8;  // top 20 %
  size_t min_cohort = 50;
  double decision_threshold = 0.5;  // label = probability >= this
  size_t top_features = 5;
};

// probability = sigmoid(a * tree_margin + blend * logistic_logit + b).
struct ViralCalibration {
  double a = 1, b = 0;
  double blend = 0;  // weight of the logistic logit; 0 (and no logistic) in format_version 1
  std::optional<eval::LogisticRegression> logistic;
};

class ViralModel : public Model {
 public:
  ViralModel(std::string xgb_json, FlatForest forest, ViralParams params, ViralCalibration calibration,
             nlohmann::json cohorts);

  // Calibrated probability for a feature vector of NumericSchema(false).
  double Probability(const float* x) const;

  std::string Name() const override { return "viral"; }
  Result<nlohmann::json> Predict(const VideoInput& input) const override;
  Status AppendPrediction(const VideoInput& input, std::string* out,
                          double* headline) const override;
  Result<std::vector<std::string>> Save(const std::filesystem::path& dir) const override;
  nlohmann::json FeatureSchema() const override;
  // The label's rate over the population is known by its definition (1 - quantile), so the
  // probabilities move by one logit offset until their mean over the population's labellable
  // videos (judged from their first snapshot, as the label is) equals it: prior shift, no label
  // used (models/viral_population.h). Never saved: the offset belongs to the deployment's store.
  std::unique_ptr<Model> RebasedOn(const Dataset& population, nlohmann::json* report) const override;
  double population_offset() const { return population_offset_; }

  static Result<std::unique_ptr<Model>> Load(const std::filesystem::path& dir);
  const FlatForest& forest() const { return forest_; }
  const ViralParams& params() const { return params_; }

 private:
  static constexpr size_t kNumFeatures =
      features::kNumBaseFeatures + features::kNumTemporalFeatures;
  // What Predict and AppendPrediction answer, on the stack.
  struct Explanation {
    double probability = 0;
    size_t top = 0;                             // top_features entries
    std::array<uint16_t, kNumFeatures> order;   // feature indices, largest |contribution| first
    std::array<double, kNumFeatures + 1> contrib;
  };
  Status Explain(const VideoInput& input, Explanation* out) const;
  // The calibrated probability from the tree margin (and x, for the logistic logit).
  double Calibrated(float margin, const float* x) const;

  std::string xgb_json_;
  FlatForest forest_;
  ViralParams params_;
  ViralCalibration calibration_;
  nlohmann::json cohorts_;  // thresholds per category, for the record
  std::vector<std::string> names_;
  double population_offset_ = 0;  // logit offset from RebasedOn; 0: the training population
};

}  // namespace vv
