#include "models/descriptor.h"

#include <cmath>

namespace vv {

namespace {

MetricSpec Higher(std::string name) { return {std::move(name), MetricGoal::kHigher}; }
MetricSpec Lower(std::string name) { return {std::move(name), MetricGoal::kLower}; }
MetricSpec Parameter(std::string name) { return {std::move(name), MetricGoal::kNone}; }

}  // namespace

const std::vector<ModelDescriptor>& ModelDescriptors() {
  static const std::vector<ModelDescriptor> kModels = {
      {"velocity", "views at 24 h, 7 d and 30 d after publishing, with 80 % intervals", "views",
       {Lower("mrse"), Lower("median_ape"), {"coverage_80", MetricGoal::kNominal, 0.8, 0.75, 0.85}},
       {"persistence", "constant_scaling", "szabo_huberman", "pinto_ml"},
       false,
       {Lower("mae_log"), Higher("r2_log")}},
      {"viral", "will it end in the top 20 % of its cohort (models/viral_label.h)", "probability",
       {Higher("roc_auc"), Lower("brier")},
       {"logistic_first_views"},
       false,
       {Higher("pr_auc"), Lower("ece"), Higher("accuracy")}},
      {"clickbait", "how clickbait is this title", "score",
       {Higher("roc_auc"), Higher("accuracy")},
       {"upper_case_ratio", "tfidf_linear"},
       false,
       {Higher("macro_f1"), Lower("brier")}},
      {"genre", "which YouTube category", "top",
       {Higher("accuracy"), Higher("macro_f1")},
       {"tfidf_logreg"}},
      {"tags", "which tags to add", "tags",
       {Higher("p_at_5"), Higher("r_at_10")},
       {"category_frequency"},
       false,
       {Higher("map")}},
      {"anomaly", "is this engagement pattern suspicious", "score",
       {Higher("roc_auc"), Higher("pr_auc")},
       {"zscore_rule"},
       /*injects_labels=*/true,
       {Higher("p_at_k"), Parameter("k")}},
  };
  return kModels;
}

const ModelDescriptor* FindModelDescriptor(std::string_view name) {
  for (const auto& d : ModelDescriptors()) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

std::string_view MetricGoalName(MetricGoal goal) {
  switch (goal) {
    case MetricGoal::kHigher: return "higher";
    case MetricGoal::kLower: return "lower";
    case MetricGoal::kNominal: return "nominal";
    case MetricGoal::kNone: return "none";
  }
  return "none";
}

const MetricSpec* FindMetricSpec(const ModelDescriptor& model, std::string_view metric) {
  for (const auto* list : {&model.judged_on, &model.also_reported}) {
    for (const auto& spec : *list) {
      if (spec.name == metric) return &spec;
    }
  }
  return nullptr;
}

int CompareMetric(const MetricSpec& spec, double ours, double theirs) {
  double a = ours, b = theirs;
  switch (spec.goal) {
    case MetricGoal::kHigher: break;
    case MetricGoal::kLower: a = -ours, b = -theirs; break;
    case MetricGoal::kNominal: a = -std::abs(ours - spec.nominal), b = -std::abs(theirs - spec.nominal); break;
    case MetricGoal::kNone: return 0;
  }
  return a > b ? 1 : a < b ? -1 : 0;
}

}  // namespace vv
