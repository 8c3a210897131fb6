#include "models/tags.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>

#include "eval/metrics.h"
#include "features/feature_schema.h"
#include "features/text_features.h"

namespace vv {

namespace {

constexpr char kModelName[] = "tags";
constexpr char kBinFile[] = "tags.bin";
constexpr char kJsonFile[] = "tags.json";

struct TagsConfig {
  FastTextOptions fasttext;
  int top_k = 10;
  int min_tag_count = 2;
  int max_tags = 5000;
  double cooc_weight = 0.8;
  int max_cooc_words = 20000;
};

Result<TagsConfig> ParseConfig(const nlohmann::json& config) {
  TagsConfig c;
  FastTextOptions defaults;
  defaults.loss = "ova";
  defaults.epoch = 10;
  defaults.lr = 0.5;
  defaults.word_ngrams = 1;
  VV_ASSIGN_OR_RETURN(c.fasttext, FastTextOptions::FromJson(config, defaults, kModelName));
  c.fasttext.loss = "ova";
  if (!config.is_object()) return c;
  auto read_int = [&](const char* key, int& value, int lo, int hi) -> Status {
    if (!config.contains(key)) return {};
    const auto& v = config.at(key);
    if (!v.is_number_integer() || v.get<int64_t>() < lo || v.get<int64_t>() > hi) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "must be an integer in [" + std::to_string(lo) + ", " +
                           std::to_string(hi) + "]",
                       std::string(kModelName) + "." + key);
    }
    value = v.get<int>();
    return {};
  };
  VV_RETURN_IF_ERROR(read_int("top_k", c.top_k, 1, 100));
  VV_RETURN_IF_ERROR(read_int("min_tag_count", c.min_tag_count, 1, 1000));
  VV_RETURN_IF_ERROR(read_int("max_tags", c.max_tags, 1, 1000000));
  VV_RETURN_IF_ERROR(read_int("max_cooc_words", c.max_cooc_words, 0, 10000000));
  if (config.contains("cooc_weight")) {
    const auto& v = config.at("cooc_weight");
    if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > 1) {
      return MakeError(ErrorCode::kInvalidArgument, "must be a number in [0, 1]",
                       "tags.cooc_weight");
    }
    c.cooc_weight = v.get<double>();
  }
  return c;
}

// Title words worth counting: at least two characters, not a stop word, not punctuation.
std::vector<std::string> ContentWords(const std::string& title) {
  static const std::set<std::string> kStop = {
      "the", "a",  "an", "and", "or",   "of",   "to",  "in",   "on",   "for", "with", "at",
      "by",  "is", "it", "my",  "i",    "you",  "we",  "this", "that", "from", "are", "be",
      "vs",  "ft", "feat", "official", "video", "new", "de", "la",  "el",   "your", "how"};
  std::vector<std::string> out;
  for (auto& t : NormalizedTokens(title)) {
    if (t.size() < 2 || kStop.count(t) || !std::isalnum(static_cast<unsigned char>(t[0]))) continue;
    out.push_back(std::move(t));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::set<std::string> LabelsOf(const Video& v) {
  std::set<std::string> out;
  for (const auto& t : v.tags) {
    std::string label = TagLabel(t);
    if (!label.empty()) out.insert(label);
  }
  return out;
}

// Tag vocabulary: labels used by >= min_tag_count training videos, most frequent first.
std::unordered_map<std::string, std::string> TagVocabulary(const Dataset& data, const Split& split,
                                                           const TagsConfig& cfg) {
  std::map<std::string, int> count;
  std::map<std::string, std::map<std::string, int>> spellings;
  for (size_t i : split.train) {
    for (const auto& t : data.videos.at(i).tags) {
      std::string label = TagLabel(t);
      if (label.empty()) continue;
      ++spellings[label][t];
    }
    for (const auto& label : LabelsOf(data.videos.at(i))) ++count[label];
  }
  std::vector<std::pair<int, std::string>> ranked;
  for (auto& [label, n] : count) {
    if (n >= cfg.min_tag_count) ranked.emplace_back(-n, label);
  }
  std::sort(ranked.begin(), ranked.end());
  if (ranked.size() > static_cast<size_t>(cfg.max_tags)) ranked.resize(cfg.max_tags);
  std::unordered_map<std::string, std::string> display;
  for (auto& [n, label] : ranked) {
    const auto& forms = spellings[label];
    auto best = std::max_element(forms.begin(), forms.end(), [](const auto& a, const auto& b) {
      return a.second < b.second;
    });
    display[label] = best->first;
  }
  return display;
}

TagCooccurrence CountCooccurrence(const Dataset& data, const Split& split,
                                  const std::unordered_map<std::string, std::string>& vocab,
                                  const TagsConfig& cfg) {
  std::map<std::string, int> word_count;
  std::map<std::string, std::map<std::string, int>> pair_count;
  for (size_t i : split.train) {
    const Video& v = data.videos.at(i);
    std::set<std::string> labels;
    for (const auto& l : LabelsOf(v)) {
      if (vocab.count(l)) labels.insert(l);
    }
    if (labels.empty()) continue;
    for (const auto& w : ContentWords(v.title)) {
      ++word_count[w];
      for (const auto& l : labels) ++pair_count[w][l];
    }
  }
  std::vector<std::pair<int, std::string>> words;
  for (auto& [w, n] : word_count) words.emplace_back(-n, w);
  std::sort(words.begin(), words.end());
  if (words.size() > static_cast<size_t>(cfg.max_cooc_words)) words.resize(cfg.max_cooc_words);
  TagCooccurrence cooc;
  for (auto& [neg_n, w] : words) {
    std::vector<std::pair<std::string, double>> tags;
    for (auto& [label, n] : pair_count[w]) {
      tags.emplace_back(label, n / (-neg_n + 1.0));  // +1 smoothing: one sighting is weak
    }
    std::sort(tags.begin(), tags.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (tags.size() > 10) tags.resize(10);
    cooc.by_word[w] = std::move(tags);
  }
  return cooc;
}

struct Ranking {
  std::vector<std::vector<std::string>> ranked, relevant;
  nlohmann::json Metrics() const {
    return {{"p_at_5", MetricValue(eval::PrecisionAtK(ranked, relevant, 5))},
            {"r_at_10", MetricValue(eval::RecallAtK(ranked, relevant, 10))},
            {"map", MetricValue(eval::MeanAveragePrecision(ranked, relevant))}};
  }
};

std::vector<std::string> Labels(const std::vector<std::pair<std::string, double>>& scored) {
  std::vector<std::string> out;
  for (const auto& [l, s] : scored) out.push_back(l);
  return out;
}

// Most frequent tags of the video's category in training (all categories when unknown).
nlohmann::json CategoryFrequencyBaseline(const Dataset& data, const Split& split,
                                         const std::vector<size_t>& test) {
  std::map<int, std::map<std::string, int>> by_cat;
  for (size_t i : split.train) {
    const Video& v = data.videos.at(i);
    for (const auto& l : LabelsOf(v)) {
      ++by_cat[v.category_id.value_or(-1)][l];
      ++by_cat[-2][l];  // -2: every category
    }
  }
  std::map<int, std::vector<std::string>> top;
  for (auto& [cat, counts] : by_cat) {
    std::vector<std::pair<int, std::string>> r;
    for (auto& [l, n] : counts) r.emplace_back(-n, l);
    std::sort(r.begin(), r.end());
    for (size_t k = 0; k < r.size() && k < 10; ++k) top[cat].push_back(r[k].second);
  }
  Ranking ranking;
  for (size_t i : test) {
    const Video& v = data.videos.at(i);
    auto it = v.category_id ? top.find(*v.category_id) : top.end();
    ranking.ranked.push_back(it != top.end() ? it->second : top[-2]);
    auto rel = LabelsOf(v);
    ranking.relevant.emplace_back(rel.begin(), rel.end());
  }
  nlohmann::json m = ranking.Metrics();
  m["n"] = test.size();
  return m;
}

}  // namespace

std::string TagLabel(const std::string& tag) {
  std::string out;
  for (const auto& t : NormalizedTokens(tag)) {
    if (!std::isalnum(static_cast<unsigned char>(t[0])) && static_cast<unsigned char>(t[0]) < 0x80) {
      continue;  // punctuation inside a tag carries no meaning here
    }
    if (!out.empty()) out += '_';
    out += t;
  }
  return out;
}

std::string TagsLine(const Video& video) {
  Video text_only;
  text_only.title = video.title;
  text_only.description = video.description;
  std::string line = FastTextLine(text_only);
  if (video.category_id) line += " __cat_" + std::to_string(*video.category_id) + "__";
  return line;
}

TagsModel::TagsModel(std::unique_ptr<FastTextClassifier> text, TagCooccurrence cooc,
                     std::unordered_map<std::string, std::string> display, int top_k,
                     double cooc_weight)
    : text_(std::move(text)),
      cooc_(std::move(cooc)),
      display_(std::move(display)),
      top_k_(top_k),
      cooc_weight_(cooc_weight) {}

std::vector<std::pair<std::string, double>> TagsModel::Suggest(const Video& video, size_t k,
                                                               double cooc_weight) const {
  std::set<std::string> present = LabelsOf(video);
  std::unordered_map<std::string, double> score;
  int want = static_cast<int>(k + present.size() + 5);
  for (const auto& [label, p] : text_->Predict(TagsLine(video), want)) score[label] = p;
  if (cooc_weight > 0) {
    for (const auto& w : ContentWords(video.title)) {
      auto it = cooc_.by_word.find(w);
      if (it == cooc_.by_word.end()) continue;
      for (const auto& [label, p] : it->second) {
        double& s = score[label];
        s = std::max(s, cooc_weight * p);
      }
    }
  }
  std::vector<std::pair<std::string, double>> out;
  for (auto& [label, s] : score) {
    if (!present.count(label) && s > 0) out.emplace_back(label, s);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (out.size() > k) out.resize(k);
  return out;
}

Result<nlohmann::json> TagsModel::Predict(const VideoInput& input) const {
  if (NormalizedTokens(input.video.title).empty() &&
      NormalizedTokens(input.video.description).empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "tags: the video has no title or description",
                     "$.video.title");
  }
  nlohmann::json tags = nlohmann::json::array();
  for (const auto& [label, s] : Suggest(input.video, top_k_, cooc_weight_)) {
    auto it = display_.find(label);
    tags.push_back({{"tag", it != display_.end() ? it->second : label}, {"score", s}});
  }
  return nlohmann::json{{"model", kModelName}, {"tags", tags}};
}

nlohmann::json TagsModel::FeatureSchema() const {
  vv::FeatureSchema schema;
  schema.names = {"fasttext:title+description[600]+category_token", "cooccurrence:title_words"};
  return schema.ToJson();
}

Result<std::vector<std::string>> TagsModel::Save(const std::filesystem::path& dir) const {
  VV_RETURN_IF_ERROR(text_->Save(dir / kBinFile));
  nlohmann::json cooc = nlohmann::json::object();
  for (const auto& [w, tags] : cooc_.by_word) cooc[w] = tags;
  nlohmann::json j = {{"version", 1},         {"top_k", top_k_}, {"cooc_weight", cooc_weight_},
                      {"display", display_}, {"cooc", cooc}};
  std::ofstream out(dir / kJsonFile);
  out << j.dump() << '\n';
  if (!out) return MakeError(ErrorCode::kUnavailable, "cannot write", (dir / kJsonFile).string());
  return std::vector<std::string>{kBinFile, kJsonFile};
}

Result<std::unique_ptr<Model>> TagsModel::Load(const std::filesystem::path& dir) {
  std::string path = (dir / kJsonFile).string();
  std::ifstream in(path);
  if (!in) return MakeError(ErrorCode::kNotFound, "tags: model file missing", path);
  TagCooccurrence cooc;
  std::unordered_map<std::string, std::string> display;
  int top_k = 10;
  double weight = 0.8;
  try {
    auto j = nlohmann::json::parse(in);
    top_k = j.at("top_k").get<int>();
    weight = j.at("cooc_weight").get<double>();
    display = j.at("display").get<std::unordered_map<std::string, std::string>>();
    for (const auto& [w, tags] : j.at("cooc").items()) {
      cooc.by_word[w] = tags.get<std::vector<std::pair<std::string, double>>>();
    }
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kDataLoss, std::string("tags: bad model json: ") + e.what(), path);
  }
  VV_ASSIGN_OR_RETURN(auto text, FastTextClassifier::Load(dir / kBinFile, kModelName));
  return std::unique_ptr<Model>(std::make_unique<TagsModel>(
      std::move(text), std::move(cooc), std::move(display), top_k, weight));
}

Result<TrainedModel> TagsTrainer::Train(const Dataset& data, const Split& split,
                                        const nlohmann::json& config) const {
  VV_ASSIGN_OR_RETURN(TagsConfig cfg, ParseConfig(config));
  auto display = TagVocabulary(data, split, cfg);
  std::vector<LabelledLine> lines;
  for (size_t i : split.train) {
    const Video& v = data.videos.at(i);
    LabelledLine line;
    for (const auto& l : LabelsOf(v)) {
      if (display.count(l)) line.labels.push_back(l);
    }
    if (line.labels.empty()) continue;
    line.text = TagsLine(v);
    lines.push_back(std::move(line));
  }
  if (display.size() < 2 || lines.size() < 5) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "tags: needs at least 5 training videos with tags used by >= " +
                         std::to_string(cfg.min_tag_count) + " videos (got " +
                         std::to_string(lines.size()) + " videos, " +
                         std::to_string(display.size()) + " such tags)");
  }
  VV_ASSIGN_OR_RETURN(auto text, FastTextClassifier::Train(lines, cfg.fasttext, kModelName));
  auto cooc = CountCooccurrence(data, split, display, cfg);
  auto model = std::make_unique<TagsModel>(std::move(text), std::move(cooc), std::move(display),
                                           cfg.top_k, cfg.cooc_weight);
  std::vector<size_t> test;
  for (size_t i : split.test) {
    if (!LabelsOf(data.videos.at(i)).empty()) test.push_back(i);
  }
  Ranking combined, fasttext_only;
  for (size_t i : test) {
    Video v = data.videos.at(i);
    auto rel = LabelsOf(v);
    v.tags.clear();  // suggest as if the video had no tags yet
    combined.ranked.push_back(Labels(model->Suggest(v, 10, cfg.cooc_weight)));
    fasttext_only.ranked.push_back(Labels(model->Suggest(v, 10, 0.0)));
    combined.relevant.emplace_back(rel.begin(), rel.end());
  }
  fasttext_only.relevant = combined.relevant;
  nlohmann::json report = {
      {"n", test.size()},
      {"metrics", test.empty() ? nlohmann::json::object() : combined.Metrics()},
      {"variants", {{"fasttext_only", test.empty() ? nlohmann::json::object()
                                                   : fasttext_only.Metrics()}}},
      {"baselines", {{"category_frequency", CategoryFrequencyBaseline(data, split, test)}}}};
  return TrainedModel{std::move(model), std::move(report)};
}

namespace {
const bool kRegistered = RegisterModelKind(
    kModelName, [] { return std::make_unique<TagsTrainer>(); }, TagsModel::Load);
}  // namespace

}  // namespace vv
