#include "models/viral.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include "core/json_read.h"
#include "core/json_text.h"
#include "features/numeric_features.h"
#include "models/growth_util.h"
#include "models/viral_population.h"

namespace vv {

namespace {
// 2: adds the logistic blend (logistic, platt.blend); version 1 files load with blend 0.
constexpr int kFormatVersion = 2;
constexpr const char* kXgbFile = "xgb.json";
constexpr const char* kMetaFile = "viral.json";
}  // namespace

ViralModel::ViralModel(std::string xgb_json, FlatForest forest, ViralParams params,
                       ViralCalibration calibration, nlohmann::json cohorts)
    : xgb_json_(std::move(xgb_json)),
      forest_(std::move(forest)),
      params_(params),
      calibration_(std::move(calibration)),
      cohorts_(std::move(cohorts)),
      names_(features::NumericSchema(false).names) {}

double ViralModel::Probability(const float* x) const {
  return Calibrated(forest_.PredictMargin(x), x);
}

double ViralModel::Calibrated(float margin, const float* x) const {
  const ViralCalibration& c = calibration_;
  double z = c.a * margin + c.b + population_offset_;
  if (c.logistic && c.blend != 0) z += c.blend * c.logistic->Margin(x);
  return 1.0 / (1.0 + std::exp(-z));
}

Status ViralModel::Explain(const VideoInput& input, Explanation* out) const {
  VV_RETURN_IF_ERROR(ValidateVideoInput(input));
  auto known = features::KnownSnapshots(input.snapshots, input.as_of);
  features::FeatureBuffer x;
  features::ComputeFeaturesInto(input.video, input.channel ? &*input.channel : nullptr, known,
                                std::nullopt, x.data());
  // One walk of the trees gives the contributions and the margin (Probability's, bit for bit).
  const float margin = forest_.Contributions(x.data(), out->contrib.data());
  out->probability = Calibrated(margin, x.data());
  std::iota(out->order.begin(), out->order.end(), 0);
  out->top = std::min(params_.top_features, kNumFeatures);
  const auto& contrib = out->contrib;
  std::partial_sort(out->order.begin(), out->order.begin() + out->top, out->order.end(),
                    [&](uint16_t a, uint16_t b) {
                      return std::fabs(contrib[a]) > std::fabs(contrib[b]);
                    });
  return {};
}

Result<nlohmann::json> ViralModel::Predict(const VideoInput& input) const {
  Explanation e;
  VV_RETURN_IF_ERROR(Explain(input, &e));
  nlohmann::json top = nlohmann::json::array();
  for (size_t i = 0; i < e.top; ++i) {
    top.push_back({{"feature", names_[e.order[i]]}, {"contribution", e.contrib[e.order[i]]}});
  }
  return nlohmann::json{{"model", "viral"},
                        {"probability", e.probability},
                        {"label", e.probability >= params_.decision_threshold},
                        {"top_features", std::move(top)}};
}

Status ViralModel::AppendPrediction(const VideoInput& input, std::string* out,
                                    double* headline) const {
  Explanation e;
  VV_RETURN_IF_ERROR(Explain(input, &e));
  *headline = e.probability;
  // Predict's object as dump() writes it: keys sorted.
  out->append("{\"label\":");
  AppendJsonBool(e.probability >= params_.decision_threshold, out);
  out->append(",\"model\":\"viral\",\"probability\":");
  AppendJsonNumber(e.probability, out);
  out->append(",\"top_features\":[");
  for (size_t i = 0; i < e.top; ++i) {
    if (i > 0) out->push_back(',');
    out->append("{\"contribution\":");
    AppendJsonNumber(e.contrib[e.order[i]], out);
    out->append(",\"feature\":");
    AppendJsonString(names_[e.order[i]], out);
    out->push_back('}');
  }
  out->append("]}");
  return {};
}

std::unique_ptr<Model> ViralModel::RebasedOn(const Dataset& population,
                                             nlohmann::json* report) const {
  const ViralPopulation fit =
      FitViralPopulation(*this, population, {params_.quantile, params_.min_cohort});
  auto copy = std::make_unique<ViralModel>(*this);
  copy->population_offset_ += fit.logit_offset;
  if (report) *report = fit.ToJson();
  return copy;
}

nlohmann::json ViralModel::FeatureSchema() const { return features::NumericSchema(false).ToJson(); }

Result<std::vector<std::string>> ViralModel::Save(const std::filesystem::path& dir) const {
  nlohmann::json platt = {{"a", calibration_.a}, {"b", calibration_.b}, {"blend", calibration_.blend}};
  if (calibration_.logistic) platt["logistic"] = calibration_.logistic->ToJson();
  nlohmann::json meta = {{"format_version", kFormatVersion},
                         {"model", "viral"},
                         {"quantile", params_.quantile},
                         {"min_cohort", params_.min_cohort},
                         {"decision_threshold", params_.decision_threshold},
                         {"top_features", params_.top_features},
                         {"platt", platt},
                         {"cohorts", cohorts_},
                         {"contributions", "saabas path attribution, log-odds of the uncalibrated tree margin"},
                         {"schema", FeatureSchema()}};
  VV_RETURN_IF_ERROR(WriteTextFile(dir, kXgbFile, xgb_json_));
  VV_RETURN_IF_ERROR(WriteTextFile(dir, kMetaFile, meta.dump(2)));
  return std::vector<std::string>{kXgbFile, kMetaFile};
}

Result<std::unique_ptr<Model>> ViralModel::Load(const std::filesystem::path& dir) {
  VV_ASSIGN_OR_RETURN(nlohmann::json meta, ReadJsonFile(dir / kMetaFile));
  const JsonField root(meta, (dir / kMetaFile).string());
  VV_RETURN_IF_ERROR(
      CheckFormatAndSchema(root, kFormatVersion, features::NumericSchema(false).Hash(), "viral"));
  ViralParams params;
  VV_ASSIGN_OR_RETURN(params.quantile, root.Number("quantile"));
  VV_ASSIGN_OR_RETURN(params.min_cohort, root.Integer("min_cohort", 0, 1LL << 40));
  VV_ASSIGN_OR_RETURN(params.decision_threshold, root.Number("decision_threshold"));
  VV_ASSIGN_OR_RETURN(params.top_features, root.Integer("top_features", 0, 1LL << 40));
  ViralCalibration cal;
  VV_ASSIGN_OR_RETURN(JsonField platt, root.Get("platt"));
  VV_ASSIGN_OR_RETURN(cal.a, platt.Number("a"));
  VV_ASSIGN_OR_RETURN(cal.b, platt.Number("b"));
  cal.blend = 0.0;
  if (platt.Has("blend")) {
    VV_ASSIGN_OR_RETURN(cal.blend, platt.Number("blend"));
  }
  if (platt.Has("logistic")) {
    VV_ASSIGN_OR_RETURN(JsonField logistic, platt.Get("logistic"));
    auto fitted = eval::LogisticRegression::FromJson(logistic.value());
    if (!fitted.ok()) return logistic.Fail(fitted.error().message);
    if (fitted->RawWeights().size() != kNumFeatures) {
      return logistic.Fail("viral model: the logistic blend has the wrong width");
    }
    cal.logistic = std::move(*fitted);
  }
  VV_ASSIGN_OR_RETURN(LoadedForest loaded,
                      LoadForestFile(dir / kXgbFile, static_cast<int>(kNumFeatures)));
  return std::unique_ptr<Model>(new ViralModel(std::move(loaded.json), std::move(loaded.forest),
                                               params, std::move(cal),
                                               meta.value("cohorts", nlohmann::json::object())));
}

}  // namespace vv
