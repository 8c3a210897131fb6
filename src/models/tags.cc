#include "models/tags.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <unordered_map>

#include "features/feature_schema.h"
#include "features/text_features.h"
#include "models/growth_util.h"

namespace vv {

namespace {

constexpr char kModelName[] = "tags";
constexpr char kBinFile[] = "tags.bin";
constexpr char kJsonFile[] = "tags.json";

}  // namespace

std::string TagLabel(const std::string& tag) {
  std::string out;
  for (const auto& t : NormalizedTokens(tag)) {
    unsigned char c = static_cast<unsigned char>(t[0]);
    if (c < 0x80 && !std::isalnum(c)) continue;  // punctuation inside a tag carries no meaning
    if (!out.empty()) out += '_';
    out += t;
  }
  return out;
}

std::set<std::string> TagLabelsOf(const Video& video) {
  std::set<std::string> out;
  for (const auto& t : video.tags) {
    std::string label = TagLabel(t);
    if (!label.empty()) out.insert(label);
  }
  return out;
}

std::vector<std::string> TagContentWords(const std::string& title) {
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

std::string TagsLine(const Video& video) { return JoinTokens(TagsTokens(video)); }

std::vector<std::string> TagsTokens(const Video& video) {
  Video text_only;
  text_only.title = video.title;
  text_only.description = video.description;
  std::vector<std::string> tokens = VideoTokens(text_only);
  if (video.category_id) tokens.push_back("__cat_" + std::to_string(*video.category_id) + "__");
  return tokens;
}

TagsModel::TagsModel(std::unique_ptr<FastTextClassifier> text, TagTables tables,
                     TagWeights weights, int top_k)
    : text_(std::move(text)), display_(std::move(tables.display)), weights_(weights),
      top_k_(top_k) {
  IndexLabels(tables);
}

void TagsModel::IndexLabels(const TagTables& tables) {
  std::set<std::string> all(text_->Labels().begin(), text_->Labels().end());
  for (const auto& [word, tags] : tables.cooc) {
    for (const auto& [label, p] : tags) all.insert(label);
  }
  for (const auto& [cat, tags] : tables.prior) {
    for (const auto& [label, p] : tags) all.insert(label);
  }
  labels_.assign(all.begin(), all.end());  // sorted: ties by id are ties by label
  for (size_t i = 0; i < labels_.size(); ++i) label_ids_[labels_[i]] = static_cast<int>(i);
  auto ids = [this](const ScoredTags& tags) {
    std::vector<std::pair<int, double>> out;
    for (const auto& [label, p] : tags) out.emplace_back(label_ids_.at(label), p);
    return out;
  };
  for (const auto& [word, tags] : tables.cooc) ids_.cooc[word] = ids(tags);
  for (const auto& [cat, tags] : tables.prior) ids_.prior[cat] = ids(tags);
  for (const auto& label : text_->Labels()) ids_.text.push_back(label_ids_.at(label));
}

int TagsModel::LabelId(const std::string& label) const {
  auto it = label_ids_.find(label);
  return it == label_ids_.end() ? -1 : it->second;
}

TagEvidence TagsModel::Evidence(const Video& video, size_t depth) const {
  TagEvidence e;
  for (const auto& label : TagLabelsOf(video)) {
    int id = LabelId(label);
    if (id >= 0) e.present.push_back(id);  // a label with no evidence is never ranked anyway
  }
  std::sort(e.present.begin(), e.present.end());
  std::vector<int> slot(labels_.size(), -1);  // label id -> index in by_label
  auto at = [&](int id) -> std::array<double, 3>& {
    if (slot[id] < 0) {
      slot[id] = static_cast<int>(e.by_label.size());
      e.by_label.push_back({id, {0.0, 0.0, 0.0}});
    }
    return e.by_label[slot[id]].second;
  };
  for (const auto& [text_id, p] : text_->PredictIds(TagsTokens(video), static_cast<int>(depth))) {
    if (text_id >= 0) at(ids_.text[text_id])[0] = p;
  }
  for (const auto& w : TagContentWords(video.title)) {
    auto it = ids_.cooc.find(w);
    if (it == ids_.cooc.end()) continue;
    for (const auto& [id, p] : it->second) {
      double& v = at(id)[1];
      v = std::max(v, p);
    }
  }
  auto prior = ids_.prior.find(video.category_id.value_or(-1));
  if (prior == ids_.prior.end()) prior = ids_.prior.find(-1);
  if (prior != ids_.prior.end()) {
    for (const auto& [id, p] : prior->second) at(id)[2] = p;
  }
  return e;
}

ScoredTags TagsModel::Rank(const TagEvidence& evidence, const TagWeights& w, size_t k) const {
  std::vector<std::pair<int, double>> scored;
  const double total = 1.0 + w.cooc + w.prior;
  for (const auto& [id, ev] : evidence.by_label) {
    if (std::binary_search(evidence.present.begin(), evidence.present.end(), id)) continue;
    double s = (ev[0] + w.cooc * ev[1] + w.prior * ev[2]) / total;
    if (s > 0) scored.emplace_back(id, s);
  }
  auto better = [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  const size_t keep = std::min(k, scored.size());
  std::partial_sort(scored.begin(), scored.begin() + keep, scored.end(), better);
  ScoredTags out;
  for (size_t i = 0; i < keep; ++i) out.emplace_back(labels_[scored[i].first], scored[i].second);
  return out;
}

ScoredTags TagsModel::Suggest(const Video& video, size_t k) const {
  return Rank(Evidence(video, k + video.tags.size() + 20), weights_, k);
}

const std::string& TagsModel::Display(const std::string& label) const {
  auto it = display_.find(label);
  return it != display_.end() ? it->second : label;
}

std::vector<std::pair<TagCandidate, VocabularyEvidence>> TagsModel::Candidates(
    const Video& video, const std::string& channel_title) const {
  constexpr size_t kVocabularyCandidates = 30;  // P@5 never reaches deeper into the mixture
  const TagEvidence evidence = Evidence(video, kVocabularyCandidates + video.tags.size() + 20);
  const double total = 1.0 + weights_.cooc + weights_.prior;
  std::unordered_map<int, VocabularyEvidence> by_id;
  for (const auto& [id, e] : evidence.by_label) {
    by_id[id] = {true, false, e[0], e[1], e[2],
                 (e[0] + weights_.cooc * e[1] + weights_.prior * e[2]) / total};
  }
  std::set<std::string> own;
  for (const auto& t : video.tags) own.insert(CandidateKey(t));
  std::vector<std::pair<TagCandidate, VocabularyEvidence>> out;
  std::set<int> matched;
  for (auto& c : ExtractTagCandidates(video, channel_title)) {
    if (own.count(c.key)) continue;
    VocabularyEvidence v;
    const int id = LabelId(TagLabel(c.text));
    if (id >= 0) {
      auto it = by_id.find(id);
      v = it != by_id.end() ? it->second : VocabularyEvidence{true};
      matched.insert(id);
    }
    out.emplace_back(std::move(c), v);
  }
  const std::string description = CandidateKey(video.description.substr(0, 5000));
  for (const auto& [label, score] : Rank(evidence, weights_, kVocabularyCandidates)) {
    const int id = LabelId(label);
    if (matched.count(id)) continue;
    TagCandidate c;
    c.text = Display(label);
    c.key = CandidateKey(c.text);
    if (own.count(c.key)) continue;
    c.words = static_cast<int>(std::count(c.key.begin(), c.key.end(), ' ')) + 1;
    c.description_count = description.find(c.key) != std::string::npos ? 1 : 0;
    VocabularyEvidence v = by_id[id];
    v.from_vocabulary_only = true;
    out.emplace_back(std::move(c), v);
  }
  return out;
}

ScoredTags TagsModel::SuggestTags(const Video& video, const std::string& channel_title,
                                  size_t k) const {
  ScoredTags out;
  if (!stacker_) {
    for (const auto& [label, s] : Suggest(video, k)) out.emplace_back(Display(label), s);
    return out;
  }
  for (const auto& [c, v] : Candidates(video, channel_title)) {
    out.emplace_back(c.text, stacker_->Score(c, v));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (out.size() > k) out.resize(k);
  return out;
}

Result<nlohmann::json> TagsModel::Predict(const VideoInput& input) const {
  if (!HasTokens(input.video.title) && !HasTokens(input.video.description)) {
    return MakeError(ErrorCode::kInvalidArgument, "tags: the video has no title or description",
                     "$.video.title");
  }
  nlohmann::json tags = nlohmann::json::array();
  const std::string channel = input.channel ? input.channel->title : std::string();
  for (const auto& [tag, s] : SuggestTags(input.video, channel, top_k_)) {
    tags.push_back({{"tag", tag}, {"score", s}});
  }
  return nlohmann::json{{"model", kModelName}, {"tags", tags}};
}

nlohmann::json TagsModel::FeatureSchema() const {
  vv::FeatureSchema schema;
  schema.names = {"fasttext:title+description[600]+category_token", "cooccurrence:title_words",
                  "prior:category"};
  if (stacker_) {
    for (const auto& name : TagStackFeatureNames()) schema.names.push_back("stacker:" + name);
  }
  return schema.ToJson();
}

Result<std::vector<std::string>> TagsModel::Save(const std::filesystem::path& dir) const {
  VV_RETURN_IF_ERROR(text_->Save(dir / kBinFile));
  // The tables as TagTables holds them: (label, score) pairs, in their order.
  auto named = [this](const std::vector<std::pair<int, double>>& tags) {
    ScoredTags out;
    for (const auto& [id, p] : tags) out.emplace_back(labels_[id], p);
    return out;
  };
  nlohmann::json cooc = nlohmann::json::object(), prior = nlohmann::json::object();
  for (const auto& [w, tags] : ids_.cooc) cooc[w] = named(tags);
  for (const auto& [c, tags] : ids_.prior) prior[std::to_string(c)] = named(tags);
  nlohmann::json j = {{"version", 1},
                      {"top_k", top_k_},
                      {"weights", {{"cooc", weights_.cooc}, {"prior", weights_.prior}}},
                      {"display", display_},
                      {"cooc", cooc},
                      {"prior", prior}};
  if (stacker_) j["stacker"] = stacker_->ToJson();
  std::ofstream out(dir / kJsonFile);
  out << j.dump() << '\n';
  if (!out) return MakeError(ErrorCode::kUnavailable, "cannot write", (dir / kJsonFile).string());
  return std::vector<std::string>{kBinFile, kJsonFile};
}

Result<std::unique_ptr<Model>> TagsModel::Load(const std::filesystem::path& dir) {
  std::string path = (dir / kJsonFile).string();
  VV_ASSIGN_OR_RETURN(const nlohmann::json j, ReadJsonFile(path));
  TagTables tables;
  TagWeights weights;
  int top_k = 10;
  nlohmann::json stacker_json;
  try {
    top_k = j.at("top_k").get<int>();
    weights.cooc = j.at("weights").at("cooc").get<double>();
    weights.prior = j.at("weights").at("prior").get<double>();
    tables.display = j.at("display").get<std::unordered_map<std::string, std::string>>();
    for (const auto& [w, tags] : j.at("cooc").items()) tables.cooc[w] = tags.get<ScoredTags>();
    for (const auto& [c, tags] : j.at("prior").items()) {
      tables.prior[std::stoi(c)] = tags.get<ScoredTags>();
    }
    if (j.contains("stacker")) stacker_json = j.at("stacker");
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kDataLoss, std::string("tags: bad model json: ") + e.what(), path);
  }
  VV_ASSIGN_OR_RETURN(auto text, FastTextClassifier::Load(dir / kBinFile, kModelName));
  auto model = std::make_unique<TagsModel>(std::move(text), std::move(tables), weights, top_k);
  if (!stacker_json.is_null()) {
    VV_ASSIGN_OR_RETURN(TagStacker stacker, TagStacker::FromJson(stacker_json, path));
    model->set_stacker(std::make_shared<const TagStacker>(std::move(stacker)));
  }
  return std::unique_ptr<Model>(std::move(model));
}

}  // namespace vv
