#include "models/genre.h"

#include <algorithm>
#include <cmath>
#include <fstream>

#include "core/categories.h"
#include "eval/tfidf_linear.h"
#include "features/feature_schema.h"
#include "features/text_features.h"
#include "models/growth_util.h"

namespace vv {

namespace {

constexpr char kModelName[] = "genre";
constexpr char kBinFile[] = "genre.bin";
constexpr char kJsonFile[] = "genre.json";
constexpr char kLinearFile[] = "genre_linear.json";

}  // namespace

bool GenreHasText(const Video& v) {
  return HasTokens(v.title) || !v.tags.empty() || HasTokens(v.description);
}

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
  if (linear_ && mix_ > 0) {
    dist = Mix(dist, linear_->classes(), linear_->Probabilities(tokens), mix_);
  }
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
  if (!GenreHasText(input.video)) {
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
  VV_ASSIGN_OR_RETURN(const nlohmann::json j, ReadJsonFile(path));
  int top_k = 3;
  std::map<std::string, double> prior;
  double alpha = 0, mix = 0;
  GenreInputs inputs{false, false};
  double channel_strength = -1;
  try {
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
    VV_ASSIGN_OR_RETURN(const nlohmann::json hj, ReadJsonFile(head_path));
    VV_ASSIGN_OR_RETURN(auto linear, eval::TfidfLinearModel::FromJson(hj, head_path));
    model->set_linear(std::make_shared<const eval::TfidfLinearModel>(std::move(linear)), mix);
  }
  return std::unique_ptr<Model>(std::move(model));
}

}  // namespace vv
