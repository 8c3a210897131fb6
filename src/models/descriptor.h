#pragma once
// What each model declares about its quality, next to its code (DESIGN.md "A model is one
// descriptor"): the question it answers, the prediction field that is its headline, the metrics
// it is judged on with their direction, and the baselines it must beat. The evaluator, the
// quality report and the verdicts read this table; none of them tests a model's name.
#include <string>
#include <string_view>
#include <vector>

namespace vv {

enum class MetricGoal {
  kHigher,   // larger is better (ROC-AUC, accuracy, P@5)
  kLower,    // smaller is better (mRSE, Brier, median APE)
  kNominal,  // best at `nominal`, acceptable within [lo, hi] (interval coverage)
  kNone,     // not a quality figure but a parameter of one (`k` of p_at_k): never scored
};

// "higher", "lower", "nominal", "none": how the API and the web app spell a goal.
std::string_view MetricGoalName(MetricGoal goal);

struct MetricSpec {
  std::string name;  // key in the metrics object
  MetricGoal goal = MetricGoal::kHigher;
  double nominal = 0, lo = 0, hi = 0;  // kNominal only
};

struct ModelDescriptor {
  std::string name;
  std::string question;
  std::string headline_output;           // "probability", "score", "views", "top", "tags"
  std::vector<MetricSpec> judged_on;     // the verdict metrics, most important first
  std::vector<std::string> baselines;    // names as the evaluator reports them
  // True when a store without labels for this model is scored on labels injected into a copy
  // of its series (models/anomaly_inject.h).
  bool injects_labels = false;
  // The other figures its evaluation report holds, with their direction, shown beside the
  // verdict metrics but not deciding anything. A figure in neither list has no known direction
  // and is shown unscored.
  std::vector<MetricSpec> also_reported;
};

// Every model, in the order velocity viral clickbait genre tags anomaly.
const std::vector<ModelDescriptor>& ModelDescriptors();
// The descriptor of a model, or null.
const ModelDescriptor* FindModelDescriptor(std::string_view name);

// The spec of `metric` in the model's judged_on or also_reported, or null.
const MetricSpec* FindMetricSpec(const ModelDescriptor& model, std::string_view metric);

// +1 when `ours` is better than `theirs` for this metric, -1 when worse, 0 when equal
// (kNominal: closer to the nominal value is better).
int CompareMetric(const MetricSpec& spec, double ours, double theirs);

}  // namespace vv
