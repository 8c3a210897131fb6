#include "models/clickbait.h"

#include <algorithm>
#include <cmath>
#include <fstream>

#include "core/json_read.h"
#include "eval/metrics.h"
#include "features/feature_schema.h"
#include "features/text_features.h"
#include "models/growth_util.h"

namespace vv {

namespace {

constexpr char kModelName[] = "clickbait";
constexpr char kBinFile[] = "clickbait.bin";
constexpr char kJsonFile[] = "clickbait.json";
constexpr size_t kTextColumns = 3;  // headline logit gated each way, gate

double Logit(double p) {
  p = std::clamp(p, 1e-4, 1.0 - 1e-4);
  return std::log(p / (1.0 - p));
}

// A signal "fires" when it is present; caps_ratio when most letters are capitals, punct_run
// from "!!" / "?!" on. The title length and its title case are context, not signals.
bool Fired(const std::string& name, double value) {
  if (name == "words" || name == "capitalized_ratio") return false;
  if (name == "caps_ratio") return value >= 0.5;
  if (name == "punct_run") return value >= 2;
  return value != 0.0;
}

}  // namespace

TextReading ReadText(const FastTextClassifier& text, const std::vector<std::string>& tokens) {
  double p1 = text.LabelProbability(tokens, "1"), p0 = text.LabelProbability(tokens, "0");
  TextReading r;
  r.gate = p1 + p0;
  r.headline_p = r.gate > 0 ? p1 / r.gate : 0.5;
  return r;
}

TextReading ReadText(const FastTextClassifier& text, const std::string& title) {
  return ReadText(text, ClickbaitTokens(title, ComputeTitleSignals(title)));
}

bool IsBlankTitle(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
}

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
  TextReading text = ReadText(*text_, ClickbaitTokens(title, computed));
  if (text_prob) *text_prob = text.headline_p;
  // The headline model's word evidence counts only as far as the title reads like a headline.
  const double gate = text.gate;
  const double logit = Logit(text.headline_p);
  std::vector<double> x = {gate * logit, (1.0 - gate) * logit, gate};
  std::vector<double> signals = TitleSignalValues(computed);
  if (raw) *raw = signals;
  // Each signal twice, gated: headlines and YouTube titles weigh style differently (Title Case
  // marks a clickbait headline, not a clickbait video), so the stacker is a two-expert mixture.
  for (size_t j = 0; j < signals.size(); ++j) x.push_back(gate * (signals[j] - mean_[j]) / scale_[j]);
  for (size_t j = 0; j < signals.size(); ++j) {
    x.push_back((1.0 - gate) * (signals[j] - mean_[j]) / scale_[j]);
  }
  return x;
}

std::unique_ptr<ClickbaitModel> ClickbaitModel::WithStacker(eval::LinearClassifier stacker) && {
  return std::make_unique<ClickbaitModel>(std::move(text_), std::move(stacker), std::move(mean_),
                                          std::move(scale_), threshold_);
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
  const double gate = x[2];
  for (size_t j = 0; j < names.size(); ++j) {
    if (!Fired(names[j], raw[j])) continue;
    // Change in the stacker's logit between this value and the signal being absent (0).
    double w = gate * stacker_.Weight(0, kTextColumns + j) +
               (1.0 - gate) * stacker_.Weight(0, kTextColumns + names.size() + j);
    fired.emplace_back(w * raw[j] / scale_[j], j);
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
  if (IsBlankTitle(input.video.title)) {
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
  nlohmann::json j = {{"version", 2},      {"threshold", threshold_},
                      {"mean", mean_},     {"scale", scale_},
                      {"signals", TitleSignalNames()}, {"stacker", stacker_.ToJson()}};
  std::ofstream out(dir / kJsonFile);
  out << j.dump(2) << '\n';
  if (!out) return MakeError(ErrorCode::kUnavailable, "cannot write", (dir / kJsonFile).string());
  return std::vector<std::string>{kBinFile, kJsonFile};
}

Result<std::unique_ptr<Model>> ClickbaitModel::Load(const std::filesystem::path& dir) {
  const std::string path = (dir / kJsonFile).string();
  VV_ASSIGN_OR_RETURN(nlohmann::json j, ReadJsonFile(path));
  const JsonField root(j, path);
  VV_RETURN_IF_ERROR(CheckTrainedNames(root, "signals", TitleSignalNames(), "clickbait"));
  // One mean and one scale per signal: prediction indexes them by signal.
  const size_t signals = TitleSignalNames().size();
  VV_ASSIGN_OR_RETURN(std::vector<double> mean, root.Numbers("mean", signals));
  VV_ASSIGN_OR_RETURN(std::vector<double> scale, root.Numbers("scale", signals));
  VV_ASSIGN_OR_RETURN(double threshold, root.Number("threshold"));
  VV_ASSIGN_OR_RETURN(JsonField stacker_json, root.Get("stacker"));
  VV_ASSIGN_OR_RETURN(auto stacker, eval::LinearClassifier::FromJson(stacker_json.value(), path));
  VV_ASSIGN_OR_RETURN(auto text, FastTextClassifier::Load(dir / kBinFile, kModelName));
  return std::unique_ptr<Model>(std::make_unique<ClickbaitModel>(
      std::move(text), std::move(stacker), std::move(mean), std::move(scale), threshold));
}

namespace {
const bool kRegistered = RegisterModelKind(
    kModelName, [] { return std::make_unique<ClickbaitTrainer>(); }, ClickbaitModel::Load);
}  // namespace

}  // namespace vv
