// Training and evaluation of the anomaly model (the model itself: anomaly.cc).
#include <algorithm>
#include <cmath>

#include "eval/metrics.h"
#include "models/anomaly.h"
#include "models/anomaly_inject.h"
#include "models/fasttext_util.h"

namespace vv {

namespace {

constexpr char kModelName[] = "anomaly";

struct AnomalyConfig {
  IsolationForestOptions forest;
  double contamination = 0.02;
  double z_threshold = 3.5;
  int min_category_videos = 30;
};

Result<double> ReadNumber(const nlohmann::json& config, const char* key, double value, double lo,
                          double hi) {
  if (!config.contains(key)) return value;
  const auto& v = config.at(key);
  if (!v.is_number() || v.get<double>() < lo || v.get<double>() > hi) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "must be a number in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]",
                     std::string(kModelName) + "." + key);
  }
  return v.get<double>();
}

Result<AnomalyConfig> ParseConfig(const nlohmann::json& config) {
  AnomalyConfig c;
  if (config.is_null()) return c;
  if (!config.is_object()) {
    return MakeError(ErrorCode::kInvalidArgument, "must be an object", kModelName);
  }
  VV_ASSIGN_OR_RETURN(double trees, ReadNumber(config, "n_trees", 100, 1, 10000));
  VV_ASSIGN_OR_RETURN(double sample, ReadNumber(config, "sample_size", 256, 2, 1e6));
  VV_ASSIGN_OR_RETURN(double seed, ReadNumber(config, "seed", 42, 0, 1e15));
  VV_ASSIGN_OR_RETURN(double min_cat, ReadNumber(config, "min_category_videos", 30, 2, 1e9));
  VV_ASSIGN_OR_RETURN(c.contamination, ReadNumber(config, "contamination", 0.02, 0.0001, 0.5));
  VV_ASSIGN_OR_RETURN(c.z_threshold, ReadNumber(config, "z_threshold", 3.5, 0.5, 100));
  c.forest.n_trees = static_cast<int>(trees);
  c.forest.sample_size = static_cast<int>(sample);
  c.forest.seed = static_cast<uint64_t>(seed);
  c.min_category_videos = static_cast<int>(min_cat);
  return c;
}

struct Row {
  size_t video;
  EngagementFeatures features;
  std::optional<int> category;
};

std::vector<Row> Rows(const Dataset& data, const std::vector<size_t>& idx) {
  std::vector<Row> rows;
  for (size_t i : idx) {
    const Video& v = data.videos.at(i);
    auto snaps = data.snapshots.find(v.id);
    if (snaps == data.snapshots.end()) continue;
    VideoInput input{v, std::nullopt, snaps->second, std::nullopt};
    auto f = ComputeEngagementFeatures(input);
    if (f.ok()) rows.push_back({i, std::move(f).value(), v.category_id});
  }
  return rows;
}

nlohmann::json Metrics(const std::vector<double>& scores, const std::vector<int>& labels,
                       size_t k) {
  return {{"roc_auc", MetricValue(eval::RocAuc(scores, labels))},
          {"pr_auc", MetricValue(eval::PrAuc(scores, labels))},
          {"p_at_k", MetricValue(eval::PrecisionAtTopK(scores, labels, k))},
          {"k", k}};
}

// The test split's rows with their labels: the store's anomaly labels when the split has any,
// else anomalies injected into about kInjectedShare of its real series (the real trending data
// carries no label; this is the same injection `vv evaluate --db` scores a foreign store on).
constexpr double kInjectedShare = 0.1;

struct LabelledRows {
  std::vector<Row> rows;
  std::vector<int> labels;
  bool injected = false;
};

LabelledRows TestRows(const Dataset& data, const std::vector<size_t>& test, uint64_t seed) {
  LabelledRows out;
  for (const auto& r : Rows(data, test)) {
    const Video& v = data.videos.at(r.video);
    if (!v.anomaly_label) continue;
    out.labels.push_back(*v.anomaly_label ? 1 : 0);
    out.rows.push_back(r);
  }
  if (!out.rows.empty()) return out;
  out.injected = true;
  for (size_t i : test) {
    const Video& v = data.videos.at(i);
    auto snaps = data.snapshots.find(v.id);
    if (snaps == data.snapshots.end()) continue;
    const InjectedAnomaly kind = PickInjection(v.id, seed, kInjectedShare);
    VideoInput input{v, std::nullopt, ApplyInjection(snaps->second, kind, v.id, seed), std::nullopt};
    auto f = ComputeEngagementFeatures(input);
    if (!f.ok()) continue;
    out.rows.push_back({i, std::move(f).value(), v.category_id});
    out.labels.push_back(kind != InjectedAnomaly::kNone ? 1 : 0);
  }
  return out;
}

}  // namespace

Result<TrainedModel> AnomalyTrainer::Train(const Dataset& data, const Split& split,
                                           const nlohmann::json& config) const {
  VV_ASSIGN_OR_RETURN(AnomalyConfig cfg, ParseConfig(config));
  std::vector<Row> train = Rows(data, split.train);
  if (train.size() < 50) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "anomaly: needs at least 50 training videos with a snapshot that has views, "
                     "got " + std::to_string(train.size()));
  }
  std::vector<std::vector<double>> all;
  std::map<int, std::vector<std::vector<double>>> by_cat_rows;
  for (const auto& r : train) {
    all.push_back(r.features.values);
    if (r.category) by_cat_rows[*r.category].push_back(r.features.values);
  }
  RobustStats global = RobustStats::Fit(all);
  std::map<int, RobustStats> by_cat;
  for (auto& [c, rows] : by_cat_rows) {
    if (rows.size() >= static_cast<size_t>(cfg.min_category_videos)) by_cat[c] = RobustStats::Fit(rows);
  }
  // The forest sees category-relative z-scores, so a category's normal ratios are not outliers.
  AnomalyModel staging(IsolationForest(), global, by_cat, PatternDetector(), {});
  std::vector<std::vector<double>> z_rows;
  for (const auto& r : train) z_rows.push_back(staging.ZScores(r.features, r.category));
  IsolationForest forest;
  VV_RETURN_IF_ERROR(forest.Fit(z_rows, cfg.forest));
  AnomalyParams params{1.0, cfg.z_threshold};
  double chosen_mix = 0;
  auto model = std::make_unique<AnomalyModel>(std::move(forest), std::move(global),
                                              std::move(by_cat), PatternDetector::Fit(all), params);
  // The forest / max|z| mix with the best validation ROC-AUC (labelled or injected anomalies:
  // never the test split).
  {
    const LabelledRows val = TestRows(data, split.validation, cfg.forest.seed + 1);
    double best_auc = -1;
    for (double mix : {0.0, 0.25, 0.5, 0.75, 1.0}) {
      params.z_mix = mix;
      model->set_params(params);
      std::vector<double> s;
      for (const auto& r : val.rows) s.push_back(model->Score(r.features, r.category));
      const double auc = val.rows.empty() ? 0.0 : eval::RocAuc(s, val.labels);
      if (auc > best_auc + 1e-9) best_auc = auc, chosen_mix = mix;
    }
    params.z_mix = chosen_mix;
    model->set_params(params);
  }
  // Flag threshold: the (1 - contamination) quantile of the training scores.
  std::vector<double> train_scores;
  for (const auto& r : train) train_scores.push_back(model->Score(r.features, r.category));
  std::sort(train_scores.begin(), train_scores.end());
  size_t q = static_cast<size_t>(std::floor((1.0 - cfg.contamination) * (train_scores.size() - 1)));
  params.flag_threshold = train_scores[q];
  model->set_params(params);

  ZScoreRule rule(all);
  std::vector<double> scores, robust_max, patterns, baseline;
  std::vector<int> labels;
  const LabelledRows test = TestRows(data, split.test, cfg.forest.seed);
  for (size_t i = 0; i < test.rows.size(); ++i) {
    const Row& r = test.rows[i];
    labels.push_back(test.labels[i]);
    scores.push_back(model->Score(r.features, r.category));
    double m = 0;
    auto z = model->ZScores(r.features, r.category);
    for (double v : z) m = std::max(m, std::abs(v));
    robust_max.push_back(m);
    patterns.push_back(model->PatternStatistic(r.features, r.category));
    baseline.push_back(rule.Score(r.features));
  }
  size_t positives = static_cast<size_t>(std::count(labels.begin(), labels.end(), 1));
  size_t k = std::max<size_t>(positives, 1);
  nlohmann::json report = {{"n", labels.size()}, {"positives", positives},
                           {"flag_threshold", params.flag_threshold},
                           {"z_mix", chosen_mix},
                           {"labels", test.injected ? "injected (models/anomaly_inject.h): the "
                                                      "test split carries no anomaly label"
                                                    : "the store's anomaly labels"}};
  if (labels.empty()) {
    report["metrics"] = nlohmann::json::object();
    report["note"] = "no test video carries an anomaly label";
    report["baselines"] = {{"zscore_rule", nlohmann::json::object()}};
  } else {
    report["metrics"] = Metrics(scores, labels, k);
    report["variants"] = {{"robust_z_max", Metrics(robust_max, labels, k)},
                          {"patterns_only", Metrics(patterns, labels, k)}};
    report["baselines"] = {{"zscore_rule", Metrics(baseline, labels, k)}};
  }
  return TrainedModel{std::move(model), std::move(report)};
}

namespace {
const bool kRegistered = RegisterModelKind(
    kModelName, [] { return std::make_unique<AnomalyTrainer>(); }, AnomalyModel::Load);
}  // namespace

}  // namespace vv
