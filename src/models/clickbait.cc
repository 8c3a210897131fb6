#include "models/clickbait.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <random>

#include "eval/metrics.h"
#include "features/feature_schema.h"
#include "features/text_features.h"

namespace vv {

namespace {

constexpr char kModelName[] = "clickbait";
constexpr char kBinFile[] = "clickbait.bin";
constexpr char kJsonFile[] = "clickbait.json";

bool IsBlank(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
}

double Logit(double p) {
  p = std::clamp(p, 1e-4, 1.0 - 1e-4);
  return std::log(p / (1.0 - p));
}

// A signal "fires" when it is present; caps_ratio when most letters are capitals. The title
// length is context, not a signal.
bool Fired(const std::string& name, double value) {
  if (name == "words" || name == "capitalized_ratio") return false;
  if (name == "caps_ratio") return value >= 0.5;
  return value != 0.0;
}

struct Partition {
  std::vector<ClickbaitExample> train, validation, test;
};

struct TrainConfig {
  double threshold = 0.5;
  uint64_t seed = 42;
  double test_fraction = 0.2;
  double validation_fraction = 0.1;
  FastTextOptions fasttext;
};

Result<double> ReadFraction(const nlohmann::json& config, const std::string& key, double value,
                            double hi) {
  if (!config.contains(key)) return value;
  const auto& v = config.at(key);
  if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > hi) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "must be a number in [0, " + std::to_string(hi) + "]",
                     std::string(kModelName) + "." + key);
  }
  return v.get<double>();
}

Result<TrainConfig> ParseConfig(const nlohmann::json& config) {
  TrainConfig c;
  FastTextOptions defaults;
  defaults.epoch = 8;
  defaults.lr = 0.5;
  defaults.word_ngrams = 2;
  defaults.minn = 3;
  defaults.maxn = 5;
  defaults.bucket = 400000;
  VV_ASSIGN_OR_RETURN(c.fasttext, FastTextOptions::FromJson(config, defaults, kModelName));
  if (config.is_null()) return c;
  VV_ASSIGN_OR_RETURN(c.threshold, ReadFraction(config, "threshold", c.threshold, 1.0));
  VV_ASSIGN_OR_RETURN(c.test_fraction, ReadFraction(config, "test_fraction", 0.2, 0.9));
  VV_ASSIGN_OR_RETURN(c.validation_fraction,
                      ReadFraction(config, "validation_fraction", 0.1, 0.5));
  c.seed = static_cast<uint64_t>(c.fasttext.seed);
  return c;
}

// Labelled titles: a seeded random split; videos with a label follow the given split.
Partition PartitionExamples(const Dataset& data, const Split& split, const TrainConfig& config) {
  Partition p;
  std::vector<size_t> order(data.labelled_titles.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(config.seed);
  std::shuffle(order.begin(), order.end(), rng);
  size_t n_test = static_cast<size_t>(std::round(order.size() * config.test_fraction));
  size_t n_val = static_cast<size_t>(std::round(order.size() * config.validation_fraction));
  for (size_t r = 0; r < order.size(); ++r) {
    const auto& t = data.labelled_titles[order[r]];
    if (IsBlank(t.title)) continue;
    ClickbaitExample e{t.title, t.clickbait ? 1 : 0, false};
    (r < n_test ? p.test : r < n_test + n_val ? p.validation : p.train).push_back(std::move(e));
  }
  auto add_videos = [&](const std::vector<size_t>& idx, std::vector<ClickbaitExample>& out) {
    for (size_t i : idx) {
      const Video& v = data.videos.at(i);
      if (v.clickbait_label && !IsBlank(v.title)) {
        out.push_back({v.title, *v.clickbait_label ? 1 : 0, true});
      }
    }
  };
  add_videos(split.train, p.train);
  add_videos(split.validation, p.validation);
  add_videos(split.test, p.test);
  return p;
}

bool BothClasses(const std::vector<ClickbaitExample>& examples, size_t min_each) {
  size_t pos = 0;
  for (const auto& e : examples) pos += e.label;
  return pos >= min_each && examples.size() - pos >= min_each;
}

nlohmann::json BaselineReport(const Partition& p, double threshold) {
  std::vector<std::vector<std::string>> docs;
  std::vector<int> labels;
  for (const auto* part : {&p.train, &p.validation}) {
    for (const auto& e : *part) {
      docs.push_back(NormalizedTokens(e.title));
      labels.push_back(e.label);
    }
  }
  eval::TfidfLinearModel baseline;
  eval::LinearOptions linear;
  linear.loss = eval::LinearLoss::kHinge;
  linear.epochs = 15;
  linear.lambda = 2e-5;
  if (!baseline.Fit(docs, labels, {}, linear).ok()) return nullptr;
  std::vector<double> scores;
  std::vector<int> truth;
  for (const auto& e : p.test) {
    scores.push_back(baseline.Probability(NormalizedTokens(e.title), 1));
    truth.push_back(e.label);
  }
  nlohmann::json report = ClickbaitMetrics(scores, truth, 0.5);
  report["learner"] = "tfidf word 1-2 grams + linear SVM (SGD, hinge)";
  return report;
}

}  // namespace

std::string ClickbaitLine(const std::string& title) {
  return ClickbaitLine(title, ComputeTitleSignals(title));
}

std::string ClickbaitLine(const std::string& title, const TitleSignals& signals) {
  return JoinTokens(ClickbaitTokens(title, signals));
}

std::vector<std::string> ClickbaitTokens(const std::string& title, const TitleSignals& signals) {
  std::vector<std::string> tokens = NormalizedTokens(title);
  auto special = TitleSignalTokens(signals);
  tokens.insert(tokens.end(), special.begin(), special.end());
  return tokens;
}

nlohmann::json ClickbaitMetrics(const std::vector<double>& scores, const std::vector<int>& labels,
                                double threshold) {
  std::vector<int> predicted;
  for (double s : scores) predicted.push_back(s >= threshold ? 1 : 0);
  if (scores.empty()) return {{"n", 0}};
  return {{"accuracy", MetricValue(eval::Accuracy(predicted, labels))},
          {"macro_f1", MetricValue(eval::MacroF1(predicted, labels))},
          {"roc_auc", MetricValue(eval::RocAuc(scores, labels))},
          {"brier", MetricValue(eval::Brier(scores, labels))},
          {"n", scores.size()}};
}

ClickbaitModel::ClickbaitModel(std::unique_ptr<FastTextClassifier> text,
                               eval::LinearClassifier stacker, std::vector<double> mean,
                               std::vector<double> scale, double threshold)
    : text_(std::move(text)),
      stacker_(std::move(stacker)),
      mean_(std::move(mean)),
      scale_(std::move(scale)),
      threshold_(threshold) {}

std::vector<double> ClickbaitModel::StackFeatures(const std::string& title,
                                                  double* text_prob,
                                                  std::vector<double>* raw) const {
  TitleSignals computed = ComputeTitleSignals(title);
  double p = text_->LabelProbability(ClickbaitTokens(title, computed), "1");
  if (text_prob) *text_prob = p;
  std::vector<double> x = {Logit(p)};
  std::vector<double> signals = TitleSignalValues(computed);
  if (raw) *raw = signals;
  for (size_t j = 0; j < signals.size(); ++j) x.push_back((signals[j] - mean_[j]) / scale_[j]);
  return x;
}

double ClickbaitModel::Score(const std::string& title) const {
  return stacker_.Probabilities(eval::DenseRow(StackFeatures(title, nullptr, nullptr)))[1];
}

nlohmann::json ClickbaitModel::Explain(const std::string& title) const {
  double text_prob = 0;
  std::vector<double> raw;
  std::vector<double> x = StackFeatures(title, &text_prob, &raw);
  double score = stacker_.Probabilities(eval::DenseRow(x))[1];
  const auto& names = TitleSignalNames();
  nlohmann::json signals = nlohmann::json::array();
  std::vector<std::pair<double, size_t>> fired;
  for (size_t j = 0; j < names.size(); ++j) {
    // Change in the stacker's logit between this value and the signal being absent (0).
    if (Fired(names[j], raw[j])) fired.emplace_back(stacker_.Weight(0, j + 1) * raw[j] / scale_[j], j);
  }
  std::sort(fired.begin(), fired.end(),
            [](const auto& a, const auto& b) { return std::abs(a.first) > std::abs(b.first); });
  for (auto& [weight, j] : fired) {
    signals.push_back({{"name", names[j]}, {"value", raw[j]}, {"weight", weight}});
  }
  return {{"model", kModelName}, {"score", score},        {"label", score >= threshold_},
          {"text_score", text_prob}, {"signals", signals}};
}

Result<nlohmann::json> ClickbaitModel::Predict(const VideoInput& input) const {
  if (IsBlank(input.video.title)) {
    return MakeError(ErrorCode::kInvalidArgument, "clickbait: the title is empty",
                     "$.video.title");
  }
  return Explain(input.video.title);
}

nlohmann::json ClickbaitModel::FeatureSchema() const {
  vv::FeatureSchema schema;
  schema.names = {"fasttext:title_tokens+signal_tokens"};
  for (const auto& n : TitleSignalNames()) schema.names.push_back("title_signal:" + n);
  return schema.ToJson();
}

Result<std::vector<std::string>> ClickbaitModel::Save(const std::filesystem::path& dir) const {
  VV_RETURN_IF_ERROR(text_->Save(dir / kBinFile));
  nlohmann::json j = {{"version", 1},      {"threshold", threshold_},
                      {"mean", mean_},     {"scale", scale_},
                      {"signals", TitleSignalNames()}, {"stacker", stacker_.ToJson()}};
  std::ofstream out(dir / kJsonFile);
  out << j.dump(2) << '\n';
  if (!out) return MakeError(ErrorCode::kUnavailable, "cannot write", (dir / kJsonFile).string());
  return std::vector<std::string>{kBinFile, kJsonFile};
}

Result<std::unique_ptr<Model>> ClickbaitModel::Load(const std::filesystem::path& dir) {
  std::string path = (dir / kJsonFile).string();
  std::ifstream in(path);
  if (!in) return MakeError(ErrorCode::kNotFound, "clickbait: model file missing", path);
  nlohmann::json j;
  std::vector<double> mean, scale;
  double threshold = 0.5;
  try {
    j = nlohmann::json::parse(in);
    mean = j.at("mean").get<std::vector<double>>();
    scale = j.at("scale").get<std::vector<double>>();
    threshold = j.at("threshold").get<double>();
    if (j.at("signals").get<std::vector<std::string>>() != TitleSignalNames()) {
      return MakeError(ErrorCode::kFailedPrecondition,
                       "clickbait: the model was trained on other title signals", path);
    }
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kDataLoss, std::string("clickbait: bad model json: ") + e.what(),
                     path);
  }
  VV_ASSIGN_OR_RETURN(auto stacker, eval::LinearClassifier::FromJson(j.at("stacker"), path));
  VV_ASSIGN_OR_RETURN(auto text, FastTextClassifier::Load(dir / kBinFile, kModelName));
  return std::unique_ptr<Model>(std::make_unique<ClickbaitModel>(
      std::move(text), std::move(stacker), std::move(mean), std::move(scale), threshold));
}

Result<TrainedModel> ClickbaitTrainer::Train(const Dataset& data, const Split& split,
                                             const nlohmann::json& config) const {
  VV_ASSIGN_OR_RETURN(TrainConfig cfg, ParseConfig(config));
  Partition p = PartitionExamples(data, split, cfg);
  if (!BothClasses(p.train, 5)) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "clickbait: needs at least 5 clickbait and 5 other labelled titles in the "
                     "training split (import them with `vv import clickbait` or use videos "
                     "with clickbait labels); got " + std::to_string(p.train.size()) + " titles");
  }
  if (!BothClasses(p.validation, 3)) {
    // Too few held-out titles to fit the stacker: move a seeded sixth of train over.
    std::mt19937_64 rng(cfg.seed + 1);
    std::shuffle(p.train.begin(), p.train.end(), rng);
    size_t move = std::max<size_t>(p.train.size() / 6, 6);
    p.validation.insert(p.validation.end(), p.train.end() - move, p.train.end());
    p.train.resize(p.train.size() - move);
    if (!BothClasses(p.validation, 1) || !BothClasses(p.train, 3)) {
      return MakeError(ErrorCode::kFailedPrecondition,
                       "clickbait: too few labelled titles of each class to hold some out");
    }
  }
  std::vector<LabelledLine> lines;
  for (const auto& e : p.train) lines.push_back({{e.label ? "1" : "0"}, ClickbaitLine(e.title)});
  VV_ASSIGN_OR_RETURN(auto text, FastTextClassifier::Train(lines, cfg.fasttext, kModelName));

  // Signal standardization from train; stacker fitted on validation (fastText never saw it).
  const size_t n_sig = TitleSignalNames().size();
  std::vector<double> mean(n_sig, 0.0), scale(n_sig, 0.0);
  for (const auto& e : p.train) {
    auto v = TitleSignalValues(ComputeTitleSignals(e.title));
    for (size_t j = 0; j < n_sig; ++j) mean[j] += v[j] / p.train.size();
  }
  for (const auto& e : p.train) {
    auto v = TitleSignalValues(ComputeTitleSignals(e.title));
    for (size_t j = 0; j < n_sig; ++j) scale[j] += std::pow(v[j] - mean[j], 2) / p.train.size();
  }
  for (auto& s : scale) s = s > 1e-12 ? std::sqrt(s) : 1.0;
  ClickbaitModel staging(std::move(text), eval::LinearClassifier(), mean, scale, cfg.threshold);
  std::vector<eval::SparseRow> rows;
  std::vector<int> labels;
  for (const auto& e : p.validation) {
    rows.push_back(eval::DenseRow(staging.StackFeatures(e.title, nullptr, nullptr)));
    labels.push_back(e.label);
  }
  eval::LinearClassifier stacker;
  eval::LinearOptions stack_opts;
  stack_opts.epochs = 40;
  stack_opts.lambda = 1e-3;
  stack_opts.eta0 = 0.1;
  stack_opts.seed = cfg.seed;
  VV_RETURN_IF_ERROR(stacker.Fit(rows, labels, n_sig + 1, stack_opts));
  auto model = std::make_unique<ClickbaitModel>(std::move(staging.text_), std::move(stacker),
                                                mean, scale, cfg.threshold);

  std::vector<double> scores, head_s, video_s;
  std::vector<int> truth, head_t, video_t;
  for (const auto& e : p.test) {
    double s = model->Score(e.title);
    scores.push_back(s);
    truth.push_back(e.label);
    (e.video ? video_s : head_s).push_back(s);
    (e.video ? video_t : head_t).push_back(e.label);
  }
  nlohmann::json report = ClickbaitMetrics(scores, truth, cfg.threshold);
  report["metrics"] = report;
  report["metrics"].erase("n");
  for (const char* k : {"accuracy", "macro_f1", "roc_auc", "brier"}) report.erase(k);
  report["by_source"] = {{"headlines", ClickbaitMetrics(head_s, head_t, cfg.threshold)},
                         {"videos", ClickbaitMetrics(video_s, video_t, cfg.threshold)}};
  report["split"] = {{"train", p.train.size()}, {"validation", p.validation.size()},
                     {"test", p.test.size()}};
  report["baselines"] = {{"tfidf_linear", BaselineReport(p, cfg.threshold)}};
  return TrainedModel{std::move(model), std::move(report)};
}

namespace {
const bool kRegistered = RegisterModelKind(
    kModelName, [] { return std::make_unique<ClickbaitTrainer>(); }, ClickbaitModel::Load);
}  // namespace

}  // namespace vv
