#include "models/genre.h"

#include <fstream>
#include <set>

#include "core/categories.h"
#include "eval/metrics.h"
#include "eval/tfidf_linear.h"
#include "features/feature_schema.h"
#include "features/text_features.h"

namespace vv {

namespace {

constexpr char kModelName[] = "genre";
constexpr char kBinFile[] = "genre.bin";
constexpr char kJsonFile[] = "genre.json";

bool HasText(const Video& v) {
  return !NormalizedTokens(v.title).empty() || !v.tags.empty() ||
         !NormalizedTokens(v.description).empty();
}

nlohmann::json BaselineReport(const Dataset& data, const Split& split) {
  std::vector<std::vector<std::string>> docs;
  std::vector<int> labels;
  for (size_t i : split.train) {
    const Video& v = data.videos.at(i);
    if (!v.category_id) continue;
    docs.push_back(VideoTokens(v));
    labels.push_back(*v.category_id);
  }
  eval::TfidfLinearModel baseline;
  eval::LinearOptions linear;
  linear.loss = eval::LinearLoss::kLogistic;
  linear.epochs = 10;
  linear.lambda = 1e-5;
  if (!baseline.Fit(docs, labels, {}, linear).ok()) return nullptr;
  std::vector<int> predicted, truth;
  for (size_t i : split.test) {
    const Video& v = data.videos.at(i);
    if (!v.category_id) continue;
    predicted.push_back(baseline.Predict(VideoTokens(v)));
    truth.push_back(*v.category_id);
  }
  return {{"accuracy", MetricValue(eval::Accuracy(predicted, truth))},
          {"macro_f1", MetricValue(eval::MacroF1(predicted, truth))},
          {"n", truth.size()},
          {"learner", "tfidf word 1-2 grams + one-vs-rest logistic regression (SGD)"}};
}

}  // namespace

GenreModel::GenreModel(std::unique_ptr<FastTextClassifier> text, int top_k)
    : text_(std::move(text)), top_k_(top_k) {}

int GenreModel::PredictCategory(const Video& video) const {
  auto top = text_->Predict(FastTextLine(video), 1);
  if (top.empty()) return -1;
  return std::stoi(top[0].first);
}

Result<nlohmann::json> GenreModel::Predict(const VideoInput& input) const {
  if (!HasText(input.video)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "genre: the video has no title, tags or description", "$.video.title");
  }
  nlohmann::json top = nlohmann::json::array();
  for (const auto& [label, prob] : text_->Predict(FastTextLine(input.video), top_k_)) {
    int id = std::stoi(label);
    top.push_back({{"category_id", id}, {"name", CategoryName(id)}, {"probability", prob}});
  }
  return nlohmann::json{{"model", kModelName}, {"top", top}};
}

nlohmann::json GenreModel::FeatureSchema() const {
  vv::FeatureSchema schema;
  schema.names = {"fasttext:title+tags+description[600]"};
  return schema.ToJson();
}

Result<std::vector<std::string>> GenreModel::Save(const std::filesystem::path& dir) const {
  VV_RETURN_IF_ERROR(text_->Save(dir / kBinFile));
  std::ofstream out(dir / kJsonFile);
  out << nlohmann::json{{"version", 1}, {"top_k", top_k_}}.dump(2) << '\n';
  if (!out) return MakeError(ErrorCode::kUnavailable, "cannot write", (dir / kJsonFile).string());
  return std::vector<std::string>{kBinFile, kJsonFile};
}

Result<std::unique_ptr<Model>> GenreModel::Load(const std::filesystem::path& dir) {
  std::string path = (dir / kJsonFile).string();
  std::ifstream in(path);
  if (!in) return MakeError(ErrorCode::kNotFound, "genre: model file missing", path);
  int top_k = 3;
  try {
    top_k = nlohmann::json::parse(in).at("top_k").get<int>();
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kDataLoss, std::string("genre: bad model json: ") + e.what(), path);
  }
  VV_ASSIGN_OR_RETURN(auto text, FastTextClassifier::Load(dir / kBinFile, kModelName));
  return std::unique_ptr<Model>(std::make_unique<GenreModel>(std::move(text), top_k));
}

Result<TrainedModel> GenreTrainer::Train(const Dataset& data, const Split& split,
                                         const nlohmann::json& config) const {
  // Defaults measured on the real US trending set split by channel (MODELS.md): word bigrams
  // and lower rates overfit channels or underfit.
  FastTextOptions defaults;
  defaults.lr = 1.0;
  defaults.word_ngrams = 1;
  VV_ASSIGN_OR_RETURN(FastTextOptions options,
                      FastTextOptions::FromJson(config, defaults, kModelName));
  int top_k = 3;
  if (config.is_object() && config.contains("top_k")) {
    const auto& v = config.at("top_k");
    if (!v.is_number_integer() || v.get<int>() < 1 || v.get<int>() > 50) {
      return MakeError(ErrorCode::kInvalidArgument, "must be an integer in [1, 50]",
                       "genre.top_k");
    }
    top_k = v.get<int>();
  }
  std::vector<LabelledLine> lines;
  std::set<int> categories;
  for (size_t i : split.train) {
    const Video& v = data.videos.at(i);
    if (!v.category_id || !HasText(v)) continue;
    categories.insert(*v.category_id);
    lines.push_back({{std::to_string(*v.category_id)}, FastTextLine(v)});
  }
  if (categories.size() < 2) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "genre: needs training videos of at least 2 categories, got " +
                         std::to_string(categories.size()) + " category(ies) over " +
                         std::to_string(lines.size()) + " videos with a category");
  }
  if (!config.is_object() || !config.contains("epoch")) options.epoch = AutoEpochs(lines.size());
  VV_ASSIGN_OR_RETURN(auto text, FastTextClassifier::Train(lines, options, kModelName));
  auto model = std::make_unique<GenreModel>(std::move(text), top_k);

  std::vector<int> predicted, truth;
  for (size_t i : split.test) {
    const Video& v = data.videos.at(i);
    if (!v.category_id) continue;
    predicted.push_back(model->PredictCategory(v));
    truth.push_back(*v.category_id);
  }
  nlohmann::json report = {{"n", truth.size()},
                           {"metrics",
                            {{"accuracy", MetricValue(eval::Accuracy(predicted, truth))},
                             {"macro_f1", MetricValue(eval::MacroF1(predicted, truth))}}},
                           {"train_categories", categories.size()},
                           {"baselines", {{"tfidf_logreg", BaselineReport(data, split)}}}};
  if (truth.empty()) report["metrics"] = nlohmann::json::object();
  return TrainedModel{std::move(model), std::move(report)};
}

namespace {
const bool kRegistered = RegisterModelKind(
    kModelName, [] { return std::make_unique<GenreTrainer>(); }, GenreModel::Load);
}  // namespace

}  // namespace vv
