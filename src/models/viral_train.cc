// Labels, training and held-out report of the viral model (see viral.h).
#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <unordered_map>

#include "core/time_util.h"
#include "eval/logistic.h"
#include "eval/metrics.h"
#include "features/numeric_features.h"
#include "models/growth_util.h"
#include "models/viral.h"
#include "models/viral_label.h"
#include "models/xgb_util.h"

namespace vv {

namespace {

constexpr size_t kNumFeatures = features::kNumBaseFeatures + features::kNumTemporalFeatures;
constexpr size_t kMinLabelledTrain = 30;
constexpr size_t kMinLabelledValidation = 10;

// The shared label (models/viral_label.h) of every labelled video of the dataset: the cohort
// thresholds are the store's, the same rule `vv evaluate --db` applies to a foreign store.
struct Labels {
  std::unordered_map<size_t, int> by_video;
  ViralLabels all;
};

Labels LabelDataset(const Dataset& data, const ViralParams& p) {
  Labels l;
  l.all = LabelViral(data, AllVideos(data), {p.quantile, p.min_cohort});
  for (size_t i = 0; i < l.all.videos.size(); ++i) l.by_video[l.all.videos[i]] = l.all.labels[i];
  return l;
}

enum class Rows { kTraining, kFirstSnapshot };

struct Examples {
  DenseMatrix x;
  std::vector<int> y;
  size_t videos = 0, excluded = 0;
};

// kTraining: nothing known, and the first snapshot (what the label is predicted from).
// kFirstSnapshot: the evaluation protocol, metadata + channel + first snapshot.
Examples BuildExamples(const Dataset& data, const std::vector<size_t>& videos, const Labels& labels,
                       Rows rows) {
  Examples e;
  e.x.cols = kNumFeatures;
  features::FeatureBuffer buf;
  for (size_t vi : videos) {
    auto label = labels.by_video.find(vi);
    if (label == labels.by_video.end()) {
      ++e.excluded;
      continue;
    }
    ++e.videos;
    const Video& v = data.videos[vi];
    const std::vector<Snapshot> snaps = SnapshotsWithViews(data, v.id);
    std::vector<size_t> known = {1};
    if (rows == Rows::kTraining) known.push_back(0);
    for (size_t k : known) {
      features::ComputeFeaturesInto(v, FindChannel(data, v), {snaps.data(), k}, std::nullopt, buf.data());
      e.x.AppendRow(buf.data());
      e.y.push_back(label->second);
    }
  }
  return e;
}

Result<ViralParams> ParseViralParams(const nlohmann::json& config) {
  ViralParams p;
  if (!config.is_object()) return p;
  auto num = [&](const char* key, double lo, double hi, double* out) -> Status {
    if (!config.contains(key)) return {};
    const auto& v = config[key];
    if (!v.is_number() || !(v.get<double>() >= lo && v.get<double>() <= hi)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       std::string("config viral.") + key + " must be a number in [" +
                           nlohmann::json(lo).dump() + ", " + nlohmann::json(hi).dump() + "]",
                       std::string("viral.") + key);
    }
    *out = v.get<double>();
    return {};
  };
  double min_cohort = static_cast<double>(p.min_cohort), top = static_cast<double>(p.top_features);
  VV_RETURN_IF_ERROR(num("quantile", 0.5, 0.99, &p.quantile));
  VV_RETURN_IF_ERROR(num("min_cohort", 1, 1e9, &min_cohort));
  VV_RETURN_IF_ERROR(num("decision_threshold", 0.0, 1.0, &p.decision_threshold));
  VV_RETURN_IF_ERROR(num("top_features", 1, static_cast<double>(kNumFeatures), &top));
  p.min_cohort = static_cast<size_t>(min_cohort);
  p.top_features = static_cast<size_t>(top);
  return p;
}

nlohmann::json ClassificationMetrics(const std::vector<double>& prob, const std::vector<int>& y,
                                     double threshold) {
  std::vector<int> predicted(prob.size());
  for (size_t i = 0; i < prob.size(); ++i) predicted[i] = prob[i] >= threshold ? 1 : 0;
  return {{"roc_auc", eval::RocAuc(prob, y)},
          {"pr_auc", eval::PrAuc(prob, y)},
          {"brier", eval::Brier(prob, y)},
          {"ece", eval::ExpectedCalibrationError(prob, y)},
          {"accuracy", eval::Accuracy(predicted, y)},
          {"n", y.size()}};
}

}  // namespace

namespace {

Status NeedBothClasses(const Examples& e, const char* split) {
  size_t pos = std::count(e.y.begin(), e.y.end(), 1);
  if (pos == 0 || pos == e.y.size()) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     std::string("viral: the ") + split + " split has " + std::to_string(e.videos) +
                         " labelled videos, all in one class; need both top and non-top videos",
                     "viral");
  }
  return {};
}

// Mean |exact TreeSHAP| per feature on up to 5,000 test rows, from XGBoost itself.
nlohmann::json MeanAbsShap(const std::string& xgb_json, const DenseMatrix& x) {
  DenseMatrix sample;
  sample.cols = x.cols;
  for (size_t i = 0; i < x.rows() && i < 5000; ++i) sample.AppendRow(x.row(i));
  auto contribs = XgboostPredict(xgb_json, sample, XgbOutput::kContributions);
  if (!contribs.ok() || sample.rows() == 0) return nlohmann::json::array();
  const size_t k = x.cols + 1;
  std::vector<std::pair<double, size_t>> mean(x.cols);
  for (size_t j = 0; j < x.cols; ++j) mean[j] = {0.0, j};
  for (size_t i = 0; i < sample.rows(); ++i) {
    for (size_t j = 0; j < x.cols; ++j) mean[j].first += std::fabs((*contribs)[i * k + j]);
  }
  std::sort(mean.rbegin(), mean.rend());
  const auto names = features::NumericSchema(false).names;
  nlohmann::json out = nlohmann::json::array();
  for (size_t j = 0; j < 10 && j < mean.size(); ++j) {
    out.push_back({{"feature", names[mean[j].second]},
                   {"mean_abs_shap", mean[j].first / static_cast<double>(sample.rows())}});
  }
  return out;
}

// Platt scaling on the validation rows with two inputs, the tree margin and the logit of the
// logistic regression fitted on train (the baseline): their weights are the blend, chosen by
// validation log loss. A negative logistic weight (the linear model only corrects the trees'
// noise) falls back to the tree margin alone.
Result<ViralCalibration> Calibrate(const FlatForest& forest, const eval::LogisticRegression& logistic,
                                   const Examples& val) {
  std::vector<float> both(2 * val.y.size());
  for (size_t i = 0; i < val.y.size(); ++i) {
    both[2 * i] = forest.PredictMargin(val.x.row(i));
    both[2 * i + 1] = static_cast<float>(logistic.Margin(val.x.row(i)));
  }
  eval::LogisticRegression::Options opt;
  opt.l2 = 1e-6;
  eval::LogisticRegression platt;
  VV_RETURN_IF_ERROR(platt.Fit(both.data(), val.y.size(), 2, val.y, opt));
  ViralCalibration cal;
  if (platt.RawWeights()[1] > 0) {
    cal.a = platt.RawWeights()[0];
    cal.blend = platt.RawWeights()[1];
    cal.b = platt.RawIntercept();
    cal.logistic = logistic;
    return cal;
  }
  std::vector<float> margins(val.y.size());
  for (size_t i = 0; i < margins.size(); ++i) margins[i] = both[2 * i];
  VV_RETURN_IF_ERROR(platt.Fit(margins.data(), margins.size(), 1, val.y, opt));
  cal.a = platt.RawWeights()[0];
  cal.b = platt.RawIntercept();
  return cal;
}

// The test protocol (first snapshot known) on the validation videos: hyper-parameters are compared
// on these numbers, never on the test split's. Calibration saw the same videos (optimistic for
// Brier, not for ROC-AUC, which the monotone Platt map leaves unchanged).
// The logistic baseline (fitted on train, as in the test report) is scored beside it.
nlohmann::json ValidationMetrics(const ViralModel& model, const Dataset& data, const Split& split,
                                 const Labels& labels, const eval::LogisticRegression& lr) {
  Examples val = BuildExamples(data, split.validation, labels, Rows::kFirstSnapshot);
  std::vector<double> prob(val.y.size()), base(val.y.size());
  for (size_t i = 0; i < prob.size(); ++i) {
    prob[i] = model.Probability(val.x.row(i));
    base[i] = lr.Predict(val.x.row(i));
  }
  const double t = model.params().decision_threshold;
  nlohmann::json out = ClassificationMetrics(prob, val.y, t);
  out["logistic_regression"] = ClassificationMetrics(base, val.y, t);
  return out;
}

class ViralTrainer : public ModelTrainer {
 public:
  std::string Name() const override { return "viral"; }

  Result<TrainedModel> Train(const Dataset& data, const Split& split,
                             const nlohmann::json& config) const override {
    VV_ASSIGN_OR_RETURN(XgbParams xgb,
                        ParseXgbParams(config, "viral",
                                       {"quantile", "min_cohort", "decision_threshold", "top_features"}));
    VV_ASSIGN_OR_RETURN(ViralParams params, ParseViralParams(config));
    const Labels labels = LabelDataset(data, params);
    Examples train = BuildExamples(data, split.train, labels, Rows::kTraining);
    if (train.videos < kMinLabelledTrain) {
      return MakeError(ErrorCode::kFailedPrecondition,
                       "viral: needs at least " + std::to_string(kMinLabelledTrain) +
                           " train-split videos with a publication time and two snapshots to "
                           "label; found " + std::to_string(train.videos),
                       "viral");
    }
    VV_RETURN_IF_ERROR(NeedBothClasses(train, "train"));
    Examples val = BuildExamples(data, split.validation, labels, Rows::kTraining);
    if (val.videos < kMinLabelledValidation) {
      return MakeError(ErrorCode::kFailedPrecondition,
                       "viral: the validation split has " + std::to_string(val.videos) +
                           " labelled videos (a publication time and two snapshots); calibration needs " +
                           std::to_string(kMinLabelledValidation),
                       "viral");
    }
    VV_RETURN_IF_ERROR(NeedBothClasses(val, "validation"));

    xgb.objective = "binary:logistic";
    xgb.base_score = static_cast<double>(std::count(train.y.begin(), train.y.end(), 1)) /
                     static_cast<double>(train.y.size());
    std::vector<float> y(train.y.begin(), train.y.end());
    VV_ASSIGN_OR_RETURN(std::string xgb_json, TrainXgboost(train.x, y, xgb));
    VV_ASSIGN_OR_RETURN(FlatForest forest, FlatForest::FromXgboostJson(nlohmann::json::parse(xgb_json)));

    // n_estimators is the maximum: the tree count with the least validation log loss is kept.
    {
      std::vector<double> loss(forest.NumTrees(), 0.0);
      std::vector<float> prefix(forest.NumTrees());
      for (size_t i = 0; i < val.y.size(); ++i) {
        forest.PrefixMargins(val.x.row(i), prefix.data());
        for (size_t k = 0; k < prefix.size(); ++k) {
          const double m = val.y[i] ? prefix[k] : -prefix[k];
          loss[k] += m > 0 ? std::log1p(std::exp(-m)) : -m + std::log1p(std::exp(m));
        }
      }
      VV_RETURN_IF_ERROR(TrimToBestTreeCount(loss, &xgb_json, &forest));
    }
    // The logistic regression on train is both the baseline of the reports and the blend's input.
    eval::LogisticRegression logistic;
    VV_RETURN_IF_ERROR(logistic.Fit(train.x.values.data(), train.x.rows(), train.x.cols, train.y));
    VV_ASSIGN_OR_RETURN(ViralCalibration cal, Calibrate(forest, logistic, val));
    auto model = std::make_unique<ViralModel>(xgb_json, std::move(forest), params, cal, labels.all.ToJson());
    VV_ASSIGN_OR_RETURN(nlohmann::json report, Report(*model, xgb_json, data, split, labels, logistic));
    report["trees"] = model->forest().NumTrees();
    report["validation"] = ValidationMetrics(*model, data, split, labels, logistic);
    report["label"] = {{"quantile", params.quantile},
                       {"rule", "top of the cohort (age band of the last snapshot x category) by "
                                "views at the last snapshot; judged from the first snapshot"},
                       {"store", labels.all.ToJson()},
                       {"train_videos", train.videos},
                       {"train_videos_unlabelled", train.excluded}};
    return TrainedModel{std::move(model), std::move(report)};
  }

 private:
  static Result<nlohmann::json> Report(const ViralModel& model, const std::string& xgb_json,
                                       const Dataset& data, const Split& split, const Labels& labels,
                                       const eval::LogisticRegression& lr) {
    const ViralParams& p = model.params();
    Examples test = BuildExamples(data, split.test, labels, Rows::kFirstSnapshot);
    if (test.y.empty()) {
      return MakeError(ErrorCode::kFailedPrecondition,
                       "viral: no test-split video with a publication time and two snapshots", "viral");
    }
    std::vector<double> prob(test.y.size()), base(test.y.size());
    for (size_t i = 0; i < prob.size(); ++i) prob[i] = model.Probability(test.x.row(i));
    for (size_t i = 0; i < base.size(); ++i) base[i] = lr.Predict(test.x.row(i));
    double prevalence = static_cast<double>(std::count(test.y.begin(), test.y.end(), 1)) /
                        static_cast<double>(test.y.size());
    return nlohmann::json{
        {"n", test.y.size()},
        {"metrics", ClassificationMetrics(prob, test.y, p.decision_threshold)},
        {"baselines", {{"logistic_regression", ClassificationMetrics(base, test.y, p.decision_threshold)}}},
        {"test_positive_rate", prevalence},
        {"test_videos_unlabelled", test.excluded},
        {"protocol", "test videos with the shared viral label (models/viral_label.h); metadata, "
                     "channel and first snapshot known"},
        {"mean_abs_shap", MeanAbsShap(xgb_json, test.x)}};
  }
};

const bool kRegistered = RegisterModelKind(
    "viral", [] { return std::make_unique<ViralTrainer>(); }, ViralModel::Load);

}  // namespace

}  // namespace vv
