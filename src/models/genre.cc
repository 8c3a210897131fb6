#include "models/genre.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>

#include "core/categories.h"
#include "eval/metrics.h"
#include "eval/tfidf_linear.h"
#include "features/feature_schema.h"
#include "features/text_features.h"
#include "models/channel_categories.h"

namespace vv {

namespace {

constexpr char kModelName[] = "genre";
constexpr char kBinFile[] = "genre.bin";
constexpr char kJsonFile[] = "genre.json";
constexpr char kLinearFile[] = "genre_linear.json";

bool HasText(const Video& v) {
  return HasTokens(v.title) || !v.tags.empty() || HasTokens(v.description);
}

std::string ChannelTitle(const Dataset& data, const Video& v) {
  auto it = data.channels.find(v.channel_id);
  return it == data.channels.end() ? std::string() : it->second.title;
}

Result<eval::TfidfLinearModel> FitLinear(const Dataset& data, const std::vector<size_t>& idx,
                                         size_t max_features, const GenreInputs& inputs) {
  std::vector<std::vector<std::string>> docs;
  std::vector<int> labels;
  for (size_t i : idx) {
    const Video& v = data.videos.at(i);
    if (!v.category_id) continue;
    docs.push_back(GenreTokens(v, ChannelTitle(data, v), inputs));
    labels.push_back(*v.category_id);
  }
  eval::TfidfLinearModel model;
  eval::TfidfOptions tfidf;
  tfidf.max_features = max_features;
  eval::LinearOptions linear;
  linear.loss = eval::LinearLoss::kLogistic;
  linear.epochs = 10;
  linear.lambda = 1e-5;
  VV_RETURN_IF_ERROR(model.Fit(docs, labels, tfidf, linear));
  return model;
}

// Accuracy and macro-F1 of predict(video, channel title, the channel's other videos among idx)
// over the videos of idx with a category.
template <typename PredictFn>
nlohmann::json Score(const Dataset& data, const std::vector<size_t>& idx, PredictFn predict) {
  const ChannelCategoryIndex channels(data, &idx);
  std::vector<int> predicted, truth;
  for (size_t i : idx) {
    const Video& v = data.videos.at(i);
    if (!v.category_id) continue;
    predicted.push_back(predict(v, ChannelTitle(data, v), channels.OthersOf(v)));
    truth.push_back(*v.category_id);
  }
  if (truth.empty()) return nlohmann::json::object();
  return {{"accuracy", MetricValue(eval::Accuracy(predicted, truth))},
          {"macro_f1", MetricValue(eval::MacroF1(predicted, truth))},
          {"n", truth.size()}};
}

// The baseline fitted on train, scored on test (the report) and on validation (where settings
// are compared, never on test).
std::pair<nlohmann::json, nlohmann::json> BaselineReports(const Dataset& data, const Split& split) {
  auto fitted = FitLinear(data, split.train, eval::TfidfOptions().max_features, {false, false});
  if (!fitted.ok()) return {nullptr, nullptr};
  const eval::TfidfLinearModel& baseline = *fitted;
  auto predict = [&](const Video& v, const std::string&, const std::map<int, int>&) {
    return baseline.Predict(VideoTokens(v));
  };
  nlohmann::json test = Score(data, split.test, predict);
  test["learner"] = "tfidf word 1-2 grams + one-vs-rest logistic regression (SGD)";
  return {test, Score(data, split.validation, predict)};
}

// The prior correction and the TF-IDF head's weight with the best accuracy + macro-F1 on
// validation, searched jointly (the best correction of fastText alone is not the best one once the
// head is mixed in). Both heads' outputs are computed once per video. Fewer than 20 videos: no
// correction, no head.
void TuneAlphaAndMix(GenreModel& model, std::shared_ptr<const eval::TfidfLinearModel> linear,
                     const std::map<std::string, double>& prior, const Dataset& data,
                     const std::vector<size_t>& idx) {
  struct Cached {
    std::vector<std::pair<std::string, double>> text;
    std::vector<double> linear;
  };
  std::vector<Cached> cache;
  std::vector<int> truth;
  for (size_t i : idx) {
    const Video& v = data.videos.at(i);
    if (!v.category_id || !HasText(v)) continue;
    auto tokens = GenreTokens(v, ChannelTitle(data, v), model.inputs());
    cache.push_back({model.RawText(tokens), linear->Probabilities(tokens)});
    truth.push_back(*v.category_id);
  }
  double best_alpha = 0, best_mix = 0, best = -1;
  if (truth.size() >= 20) {
    for (double alpha : {0.0, 0.25, 0.5, 0.75, 1.0}) {
      for (double mix : {0.0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1.0}) {
        std::vector<int> predicted;
        for (const auto& c : cache) {
          auto dist = GenreModel::Mix(GenreModel::Correct(c.text, prior, alpha), linear->classes(),
                                      c.linear, mix);
          predicted.push_back(dist.empty() ? -1 : dist[0].first);
        }
        double score = eval::Accuracy(predicted, truth) + eval::MacroF1(predicted, truth);
        if (score > best + 1e-12) best = score, best_alpha = alpha, best_mix = mix;
      }
    }
  }
  model.set_alpha(best_alpha);
  model.set_linear(best_mix > 0 ? linear : nullptr, best_mix);
}

// The weight of the channel's other videos (GenreModel::WithChannel) with the best accuracy +
// macro-F1 on validation, where each video's channel's other validation videos stand for what
// the store knows; left unused (< 0) when it does not help or validation is too small.
void TuneChannelStrength(GenreModel& model, const Dataset& data, const std::vector<size_t>& idx) {
  model.set_channel_strength(-1);
  const ChannelCategoryIndex channels(data, &idx);
  std::vector<std::vector<std::pair<int, double>>> text;
  std::vector<std::map<int, int>> others;
  std::vector<int> truth;
  for (size_t i : idx) {
    const Video& v = data.videos.at(i);
    if (!v.category_id || !HasText(v)) continue;
    text.push_back(model.Distribution(v, ChannelTitle(data, v)));
    others.push_back(channels.OthersOf(v));
    truth.push_back(*v.category_id);
  }
  if (truth.size() < 20) return;
  double best_strength = -1, best = -1;
  for (double strength : {-1.0, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0}) {
    std::vector<int> predicted;
    for (size_t k = 0; k < text.size(); ++k) {
      auto dist = GenreModel::WithChannel(text[k], others[k], strength);
      predicted.push_back(dist.empty() ? -1 : dist[0].first);
    }
    double score = eval::Accuracy(predicted, truth) + eval::MacroF1(predicted, truth);
    if (score > best + 1e-12) best = score, best_strength = strength;
  }
  model.set_channel_strength(best_strength);
}

}  // namespace

std::vector<std::string> GenreTokens(const Video& video, const std::string& channel_title,
                                     const GenreInputs& inputs) {
  std::vector<std::string> tokens = VideoTokens(video);
  if (inputs.channel_title && !channel_title.empty()) {
    Video channel_only;
    channel_only.title = channel_title;
    for (auto& t : VideoTokens(channel_only)) tokens.push_back(std::move(t));
  }
  if (inputs.script_bigrams) {
    for (auto& t : ScriptBigrams(tokens)) tokens.push_back(std::move(t));
  }
  return tokens;
}

GenreModel::GenreModel(std::unique_ptr<FastTextClassifier> text, int top_k,
                       std::map<std::string, double> prior, double alpha)
    : text_(std::move(text)), top_k_(top_k), prior_(std::move(prior)), alpha_(alpha) {}

std::vector<std::pair<int, double>> GenreModel::Correct(
    const std::vector<std::pair<std::string, double>>& raw,
    const std::map<std::string, double>& prior, double alpha) {
  std::vector<std::pair<int, double>> out;
  double total = 0;
  for (const auto& [label, p] : raw) {
    auto it = prior.find(label);
    double share = it == prior.end() ? 1.0 : std::max(it->second, 1e-6);
    out.emplace_back(std::stoi(label), p / std::pow(share, alpha));
    total += out.back().second;
  }
  for (auto& [id, p] : out) p = total > 0 ? p / total : 0.0;
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  return out;
}

void GenreModel::set_linear(std::shared_ptr<const eval::TfidfLinearModel> linear, double mix) {
  linear_ = std::move(linear);
  mix_ = linear_ ? mix : 0.0;
}

std::vector<std::pair<std::string, double>> GenreModel::RawText(
    const std::vector<std::string>& tokens) const {
  return text_->Predict(tokens, -1);
}

std::vector<std::pair<int, double>> GenreModel::Distribution(
    const Video& video, const std::string& channel_title,
    const std::map<int, int>& channel_categories) const {
  // Once for both heads.
  std::vector<std::string> tokens = GenreTokens(video, channel_title, inputs_);
  auto dist = Correct(text_->Predict(tokens, -1), prior_, alpha_);
  if (linear_ && mix_ > 0) dist = Mix(dist, linear_->classes(), linear_->Probabilities(tokens), mix_);
  return WithChannel(dist, channel_categories, channel_strength_);
}

std::vector<std::pair<int, double>> GenreModel::WithChannel(
    const std::vector<std::pair<int, double>>& dist, const std::map<int, int>& channel_categories,
    double strength) {
  double n = 0;
  for (const auto& [id, count] : channel_categories) n += std::max(count, 0);
  if (strength < 0 || n <= 0) return dist;
  const double w = n / (n + strength);
  std::map<int, double> mixed;
  for (const auto& [id, p] : dist) mixed[id] += (1.0 - w) * p;
  for (const auto& [id, count] : channel_categories) mixed[id] += w * std::max(count, 0) / n;
  std::vector<std::pair<int, double>> out(mixed.begin(), mixed.end());
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  return out;
}

std::vector<std::pair<int, double>> GenreModel::Mix(const std::vector<std::pair<int, double>>& text,
                                                    const std::vector<int>& classes,
                                                    const std::vector<double>& linear, double mix) {
  if (mix <= 0) return text;
  std::map<int, double> mixed;
  for (const auto& [id, p] : text) mixed[id] += (1.0 - mix) * p;
  for (size_t c = 0; c < linear.size() && c < classes.size(); ++c) mixed[classes[c]] += mix * linear[c];
  std::vector<std::pair<int, double>> out(mixed.begin(), mixed.end());
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  return out;
}

int GenreModel::PredictCategory(const Video& video, const std::string& channel_title,
                                const std::map<int, int>& channel_categories) const {
  auto dist = Distribution(video, channel_title, channel_categories);
  return dist.empty() ? -1 : dist[0].first;
}

Result<nlohmann::json> GenreModel::Predict(const VideoInput& input) const {
  if (!HasText(input.video)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "genre: the video has no title, tags or description", "$.video.title");
  }
  nlohmann::json top = nlohmann::json::array();
  auto dist = Distribution(input.video, input.channel ? input.channel->title : std::string(),
                           input.channel_categories);
  for (size_t i = 0; i < dist.size() && i < static_cast<size_t>(top_k_); ++i) {
    top.push_back({{"category_id", dist[i].first},
                   {"name", CategoryName(dist[i].first)},
                   {"probability", dist[i].second}});
  }
  return nlohmann::json{{"model", kModelName}, {"top", top}};
}

nlohmann::json GenreModel::FeatureSchema() const {
  vv::FeatureSchema schema;
  schema.names = {"fasttext:title+tags+description[600]",
                  "tfidf_1_2grams:title+tags+description[600]"};
  return schema.ToJson();
}

Result<std::vector<std::string>> GenreModel::Save(const std::filesystem::path& dir) const {
  VV_RETURN_IF_ERROR(text_->Save(dir / kBinFile));
  std::ofstream out(dir / kJsonFile);
  out << nlohmann::json{{"version", 1},
                        {"top_k", top_k_},
                        {"prior", prior_},
                        {"alpha", alpha_},
                        {"mix", mix_},
                        {"channel_strength", channel_strength_},
                        {"inputs",
                         {{"channel_title", inputs_.channel_title},
                          {"script_bigrams", inputs_.script_bigrams}}}}
             .dump(2)
      << '\n';
  if (!out) return MakeError(ErrorCode::kUnavailable, "cannot write", (dir / kJsonFile).string());
  std::vector<std::string> files = {kBinFile, kJsonFile};
  if (mix_ > 0) {
    std::ofstream head(dir / kLinearFile);
    head << linear_->ToJson().dump() << '\n';
    if (!head) {
      return MakeError(ErrorCode::kUnavailable, "cannot write", (dir / kLinearFile).string());
    }
    files.push_back(kLinearFile);
  }
  return files;
}

Result<std::unique_ptr<Model>> GenreModel::Load(const std::filesystem::path& dir) {
  std::string path = (dir / kJsonFile).string();
  std::ifstream in(path);
  if (!in) return MakeError(ErrorCode::kNotFound, "genre: model file missing", path);
  int top_k = 3;
  std::map<std::string, double> prior;
  double alpha = 0, mix = 0;
  GenreInputs inputs{false, false};
  double channel_strength = -1;
  try {
    auto j = nlohmann::json::parse(in);
    top_k = j.at("top_k").get<int>();
    prior = j.at("prior").get<std::map<std::string, double>>();
    alpha = j.at("alpha").get<double>();
    mix = j.at("mix").get<double>();
    if (j.contains("channel_strength")) {
      channel_strength = j.at("channel_strength").get<double>();
    }
    if (j.contains("inputs")) {
      inputs.channel_title = j.at("inputs").at("channel_title").get<bool>();
      inputs.script_bigrams = j.at("inputs").at("script_bigrams").get<bool>();
    }
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kDataLoss, std::string("genre: bad model json: ") + e.what(), path);
  }
  VV_ASSIGN_OR_RETURN(auto text, FastTextClassifier::Load(dir / kBinFile, kModelName));
  auto model = std::make_unique<GenreModel>(std::move(text), top_k, std::move(prior), alpha);
  model->set_inputs(inputs);
  model->set_channel_strength(channel_strength);
  if (mix > 0) {
    std::string head_path = (dir / kLinearFile).string();
    std::ifstream head(head_path);
    if (!head) return MakeError(ErrorCode::kNotFound, "genre: model file missing", head_path);
    nlohmann::json hj;
    try {
      hj = nlohmann::json::parse(head);
    } catch (const std::exception& e) {
      return MakeError(ErrorCode::kDataLoss, std::string("genre: bad json: ") + e.what(),
                       head_path);
    }
    VV_ASSIGN_OR_RETURN(auto linear, eval::TfidfLinearModel::FromJson(hj, head_path));
    model->set_linear(std::make_shared<const eval::TfidfLinearModel>(std::move(linear)), mix);
  }
  return std::unique_ptr<Model>(std::move(model));
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
  GenreInputs inputs;
  for (auto [key, flag] : {std::pair<const char*, bool*>{"channel_title", &inputs.channel_title},
                           {"script_bigrams", &inputs.script_bigrams}}) {
    if (!config.is_object() || !config.contains(key)) continue;
    if (!config.at(key).is_boolean()) {
      return MakeError(ErrorCode::kInvalidArgument, "must be true or false",
                       std::string("genre.") + key);
    }
    *flag = config.at(key).get<bool>();
  }
  std::set<int> categories;
  auto lines_of = [&](const std::vector<size_t>& idx) {
    std::vector<LabelledLine> lines;
    for (size_t i : idx) {
      const Video& v = data.videos.at(i);
      if (!v.category_id || !HasText(v)) continue;
      categories.insert(*v.category_id);
      lines.push_back({{std::to_string(*v.category_id)},
                       JoinTokens(GenreTokens(v, ChannelTitle(data, v), inputs))});
    }
    return lines;
  };
  std::vector<LabelledLine> lines = lines_of(split.train);
  if (categories.size() < 2) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "genre: needs training videos of at least 2 categories, got " +
                         std::to_string(categories.size()) + " category(ies) over " +
                         std::to_string(lines.size()) + " videos with a category");
  }
  if (IsAutoEpoch(config)) {
    // Small sets need many passes, large ones few (measured on real and generated data).
    options.epoch = static_cast<int>(std::clamp<size_t>(100000 / lines.size(), 5, 25));
  }
  std::map<std::string, double> prior;
  for (const auto& line : lines) prior[line.labels[0]] += 1.0 / lines.size();
  VV_ASSIGN_OR_RETURN(auto text, FastTextClassifier::Train(lines, options, kModelName));
  auto model = std::make_unique<GenreModel>(std::move(text), top_k, prior, 0.0);
  model->set_inputs(inputs);
  VV_ASSIGN_OR_RETURN(auto linear, FitLinear(data, split.train, 30000, inputs));
  TuneAlphaAndMix(*model, std::make_shared<const eval::TfidfLinearModel>(std::move(linear)), prior,
                  data, split.validation);
  TuneChannelStrength(*model, data, split.validation);
  auto predict = [&](const Video& v, const std::string& channel, const std::map<int, int>& others) {
    return model->PredictCategory(v, channel, others);
  };
  nlohmann::json validation = Score(data, split.validation, predict);
  // The settings chosen, both heads are refitted on train + validation: off the training
  // store's distribution, more videos beat a cleaner split (measured: MODELS.md), and the test
  // split stays unseen, so the metrics below are still held-out ones.
  std::vector<size_t> train_validation = split.train;
  train_validation.insert(train_validation.end(), split.validation.begin(), split.validation.end());
  if (!split.validation.empty()) {
    VV_ASSIGN_OR_RETURN(auto refit, FastTextClassifier::Train(lines_of(train_validation), options,
                                                              kModelName));
    auto final_model = std::make_unique<GenreModel>(std::move(refit), top_k, prior, model->alpha());
    final_model->set_inputs(inputs);
    final_model->set_channel_strength(model->channel_strength());
    if (model->mix() > 0) {
      VV_ASSIGN_OR_RETURN(auto head, FitLinear(data, train_validation, 30000, inputs));
      final_model->set_linear(std::make_shared<const eval::TfidfLinearModel>(std::move(head)),
                              model->mix());
    }
    model = std::move(final_model);
  }

  nlohmann::json metrics = Score(data, split.test, predict);
  nlohmann::json text_only = Score(data, split.test, [&](const Video& v, const std::string& channel,
                                                         const std::map<int, int>&) {
    return model->PredictCategory(v, channel);
  });
  const nlohmann::json n = metrics.value("n", nlohmann::json(0));
  metrics.erase("n");
  auto [baseline_test, baseline_validation] = BaselineReports(data, split);
  validation["tfidf_logreg"] = baseline_validation;
  nlohmann::json report = {{"n", n},
                           {"metrics", metrics},
                           {"validation", validation},
                           {"train_categories", categories.size()},
                           {"epoch", options.epoch},
                           {"prior_correction", model->alpha()},
                           {"tfidf_mix", model->mix()},
                           {"channel_strength", model->channel_strength()},
                           {"variants", {{"without_channel_videos", text_only}}},
                           {"baselines", {{"tfidf_logreg", baseline_test}}}};
  return TrainedModel{std::move(model), std::move(report)};
}

namespace {
const bool kRegistered = RegisterModelKind(
    kModelName, [] { return std::make_unique<GenreTrainer>(); }, GenreModel::Load);
}  // namespace

}  // namespace vv
