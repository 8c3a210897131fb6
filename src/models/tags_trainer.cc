// Training and evaluation of the tags model (the model itself: tags.cc).
#include <algorithm>
#include <map>
#include <set>

#include "eval/metrics.h"
#include "eval/tfidf_linear.h"
#include "models/tags.h"

namespace vv {

namespace {

constexpr char kModelName[] = "tags";

struct TagsConfig {
  FastTextOptions fasttext;
  bool auto_epoch = true;
  int top_k = 10;
  int min_tag_channels = 2;
  int max_tags = 1000;
  int max_cooc_words = 20000;
  int prior_tags = 30;
};

Result<TagsConfig> ParseConfig(const nlohmann::json& config) {
  TagsConfig c;
  FastTextOptions defaults;
  defaults.lr = 0.5;  // measured on the real US trending set (MODELS.md)
  defaults.word_ngrams = 1;
  VV_ASSIGN_OR_RETURN(c.fasttext, FastTextOptions::FromJson(config, defaults, kModelName));
  c.fasttext.loss = "ova";
  if (!config.is_object()) return c;
  c.auto_epoch = IsAutoEpoch(config);
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
  VV_RETURN_IF_ERROR(read_int("min_tag_channels", c.min_tag_channels, 1, 1000));
  VV_RETURN_IF_ERROR(read_int("max_tags", c.max_tags, 2, 100000));
  VV_RETURN_IF_ERROR(read_int("max_cooc_words", c.max_cooc_words, 0, 10000000));
  VV_RETURN_IF_ERROR(read_int("prior_tags", c.prior_tags, 0, 10000));
  return c;
}

ScoredTags TopScored(const std::map<std::string, int>& counts, double denominator, size_t n) {
  ScoredTags out;
  for (const auto& [label, c] : counts) out.emplace_back(label, c / denominator);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (out.size() > n) out.resize(n);
  return out;
}

// Tags used by >= min_tag_channels channels in training (a channel's private tags do not carry
// over to other channels), the most widely used first; with their most common spelling.
std::unordered_map<std::string, std::string> TagVocabulary(const Dataset& data, const Split& split,
                                                           const TagsConfig& cfg) {
  std::map<std::string, std::set<std::string>> channels;
  std::map<std::string, int> videos;
  std::map<std::string, std::map<std::string, int>> spellings;
  for (size_t i : split.train) {
    const Video& v = data.videos.at(i);
    const std::string& channel = v.channel_id.empty() ? v.id : v.channel_id;
    for (const auto& t : v.tags) {
      std::string label = TagLabel(t);
      if (!label.empty()) ++spellings[label][t];
    }
    for (const auto& label : TagLabelsOf(v)) {
      channels[label].insert(channel);
      ++videos[label];
    }
  }
  std::vector<std::tuple<int, int, std::string>> ranked;
  for (const auto& [label, set] : channels) {
    if (set.size() >= static_cast<size_t>(cfg.min_tag_channels)) {
      ranked.emplace_back(-static_cast<int>(set.size()), -videos[label], label);
    }
  }
  std::sort(ranked.begin(), ranked.end());
  if (ranked.size() > static_cast<size_t>(cfg.max_tags)) ranked.resize(cfg.max_tags);
  std::unordered_map<std::string, std::string> display;
  for (const auto& [c, n, label] : ranked) {
    const auto& forms = spellings[label];
    display[label] = std::max_element(forms.begin(), forms.end(), [](const auto& a, const auto& b) {
                       return a.second < b.second;
                     })->first;
  }
  return display;
}

void CountTables(const Dataset& data, const Split& split, const TagsConfig& cfg,
                 TagTables& tables) {
  std::map<std::string, int> word_count;
  std::map<std::string, std::map<std::string, int>> pair_count;
  std::map<int, std::map<std::string, int>> cat_count;
  std::map<int, int> cat_videos;
  for (size_t i : split.train) {
    const Video& v = data.videos.at(i);
    std::set<std::string> labels;
    for (const auto& l : TagLabelsOf(v)) {
      if (tables.display.count(l)) labels.insert(l);
    }
    for (int cat : {v.category_id.value_or(-1), -1}) {
      ++cat_videos[cat];
      for (const auto& l : labels) ++cat_count[cat][l];
      if (!v.category_id) break;  // an unknown category counts once, in "all"
    }
    if (labels.empty()) continue;
    for (const auto& w : TagContentWords(v.title)) {
      ++word_count[w];
      for (const auto& l : labels) ++pair_count[w][l];
    }
  }
  std::vector<std::pair<int, std::string>> words;
  for (const auto& [w, n] : word_count) words.emplace_back(-n, w);
  std::sort(words.begin(), words.end());
  if (words.size() > static_cast<size_t>(cfg.max_cooc_words)) words.resize(cfg.max_cooc_words);
  for (const auto& [neg_n, w] : words) {
    // +1 smoothing: a word seen once with a tag is weak evidence.
    tables.cooc[w] = TopScored(pair_count[w], -neg_n + 1.0, 10);
  }
  for (const auto& [cat, counts] : cat_count) {
    tables.prior[cat] = TopScored(counts, cat_videos[cat], cfg.prior_tags);
  }
}

// Suggestions and tags compared as `vv evaluate --db` does: as displayed, by CandidateKey.
struct Ranking {
  std::vector<std::vector<std::string>> ranked, relevant;
  void Add(const ScoredTags& shown, const std::set<std::string>& rel) {
    ranked.emplace_back();
    for (const auto& [tag, s] : shown) ranked.back().push_back(CandidateKey(tag));
    relevant.emplace_back(rel.begin(), rel.end());
  }
  nlohmann::json Metrics() const {
    if (ranked.empty()) return nlohmann::json::object();
    return {{"p_at_5", MetricValue(eval::PrecisionAtK(ranked, relevant, 5))},
            {"r_at_10", MetricValue(eval::RecallAtK(ranked, relevant, 10))},
            {"map", MetricValue(eval::MeanAveragePrecision(ranked, relevant))}};
  }
};

std::string ChannelTitle(const Dataset& data, const Video& v) {
  auto it = data.channels.find(v.channel_id);
  return it == data.channels.end() ? std::string() : it->second.title;
}

std::set<std::string> TagKeys(const Video& v) {
  std::set<std::string> out;
  for (const auto& t : v.tags) {
    std::string key = CandidateKey(t);
    if (!key.empty()) out.insert(std::move(key));
  }
  return out;
}

struct Held {
  Video video;  // tags removed
  std::string channel;
  TagEvidence evidence;
  std::set<std::string> relevant;  // TagKeys of the tags
};

// Held-out videos with tags, as if they had none yet, with their vocabulary evidence.
std::vector<Held> HeldOut(const TagsModel& model, const Dataset& data,
                          const std::vector<size_t>& idx) {
  std::vector<Held> out;
  for (size_t i : idx) {
    Video v = data.videos.at(i);
    auto rel = TagKeys(v);
    if (rel.empty()) continue;
    v.tags.clear();
    TagEvidence evidence = model.Evidence(v, 40);
    out.push_back({std::move(v), ChannelTitle(data, data.videos.at(i)), std::move(evidence),
                   std::move(rel)});
  }
  return out;
}

ScoredTags Shown(const TagsModel& model, const ScoredTags& labels) {
  ScoredTags out;
  for (const auto& [label, s] : labels) out.emplace_back(model.Display(label), s);
  return out;
}

Ranking RankAll(const TagsModel& model, const std::vector<Held>& held, const TagWeights& w) {
  Ranking r;
  for (const auto& h : held) r.Add(Shown(model, model.Rank(h.evidence, w, 10)), h.relevant);
  return r;
}

Ranking SuggestAll(const TagsModel& model, const std::vector<Held>& held) {
  Ranking r;
  for (const auto& h : held) r.Add(model.SuggestTags(h.video, h.channel, 10), h.relevant);
  return r;
}

// The stacker: the candidate prior counted on the training split, the logistic regression fitted
// on the validation split's candidates (the vocabulary never trained on them). None when
// validation has too few videos or a single outcome.
std::shared_ptr<const TagStacker> FitStacker(const TagsModel& model, const Dataset& data,
                                             const Split& split) {
  std::vector<std::pair<std::vector<TagCandidate>, std::vector<std::string>>> seen;
  for (size_t i : split.train) {
    const Video& v = data.videos.at(i);
    auto keys = TagKeys(v);
    if (keys.empty()) continue;
    Video hidden = v;
    hidden.tags.clear();
    seen.emplace_back(ExtractTagCandidates(hidden, ChannelTitle(data, v)),
                      std::vector<std::string>(keys.begin(), keys.end()));
  }
  auto stacker = std::make_shared<TagStacker>();
  stacker->prior = CountCandidatePrior(seen, 2);
  std::vector<eval::SparseRow> rows;
  std::vector<int> labels;
  size_t videos = 0;
  for (const auto& h : HeldOut(model, data, split.validation)) {
    ++videos;
    for (const auto& [c, v] : model.Candidates(h.video, h.channel)) {
      rows.push_back(eval::DenseRow(TagStackFeatures(c, v, stacker->prior)));
      labels.push_back(h.relevant.count(c.key) ? 1 : 0);
    }
  }
  if (videos < 20 || std::set<int>(labels.begin(), labels.end()).size() < 2) return nullptr;
  eval::LinearOptions options;
  options.loss = eval::LinearLoss::kLogistic;
  options.epochs = 20;
  options.lambda = 1e-5;
  if (!stacker->classifier.Fit(rows, labels, TagStackFeatureNames().size(), options).ok()) {
    return nullptr;
  }
  return stacker;
}

// The mix with the best MAP on validation (defaults when validation has too few videos).
TagWeights TuneWeights(const TagsModel& model, const std::vector<Held>& validation) {
  TagWeights best;
  if (validation.size() < 20) return best;
  double best_map = -1;
  for (double wc : {0.0, 0.5, 1.0, 2.0, 4.0}) {
    for (double wp : {0.0, 0.5, 1.0, 2.0, 4.0}) {
      Ranking r = RankAll(model, validation, {wc, wp});
      double map = eval::MeanAveragePrecision(r.ranked, r.relevant);
      if (map > best_map + 1e-12) best_map = map, best = {wc, wp};
    }
  }
  return best;
}

}  // namespace

Result<TrainedModel> TagsTrainer::Train(const Dataset& data, const Split& split,
                                        const nlohmann::json& config) const {
  VV_ASSIGN_OR_RETURN(TagsConfig cfg, ParseConfig(config));
  TagTables tables;
  tables.display = TagVocabulary(data, split, cfg);
  std::vector<LabelledLine> lines;
  for (size_t i : split.train) {
    const Video& v = data.videos.at(i);
    LabelledLine line;
    for (const auto& l : TagLabelsOf(v)) {
      if (tables.display.count(l)) line.labels.push_back(l);
    }
    if (line.labels.empty()) continue;
    line.text = TagsLine(v);
    lines.push_back(std::move(line));
  }
  if (tables.display.size() < 2 || lines.size() < 5) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "tags: needs at least 5 training videos with tags used by >= " +
                         std::to_string(cfg.min_tag_channels) + " channels (got " +
                         std::to_string(lines.size()) + " videos, " +
                         std::to_string(tables.display.size()) + " such tags)");
  }
  // One-vs-all costs (labels x dim) per example: fewer passes than the softmax models.
  if (cfg.auto_epoch) cfg.fasttext.epoch = std::min(AutoEpochs(lines.size()), 10);
  VV_ASSIGN_OR_RETURN(auto text, FastTextClassifier::Train(lines, cfg.fasttext, kModelName));
  CountTables(data, split, cfg, tables);
  auto model = std::make_unique<TagsModel>(std::move(text), std::move(tables), TagWeights{},
                                           cfg.top_k);
  model->set_weights(TuneWeights(*model, HeldOut(*model, data, split.validation)));
  model->set_stacker(FitStacker(*model, data, split));

  std::vector<Held> test = HeldOut(*model, data, split.test);
  Ranking baseline;
  for (const auto& h : test) {
    TagEvidence prior_only = h.evidence;
    for (auto& [label, ev] : prior_only.by_label) ev[0] = ev[1] = 0;
    baseline.Add(Shown(*model, model->Rank(prior_only, {0, 1}, 10)), h.relevant);
  }
  nlohmann::json report = {
      {"n", test.size()},
      {"metrics", SuggestAll(*model, test).Metrics()},
      {"weights", {{"fasttext", 1.0}, {"cooc", model->weights().cooc},
                   {"prior", model->weights().prior}}},
      {"stacker", model->stacker() != nullptr},
      {"variants", {{"fasttext_only", RankAll(*model, test, {0, 0}).Metrics()},
                    {"vocabulary_mix", RankAll(*model, test, model->weights()).Metrics()}}},
      {"baselines", {{"category_frequency", baseline.Metrics()}}}};
  report["baselines"]["category_frequency"]["n"] = test.size();
  return TrainedModel{std::move(model), std::move(report)};
}

namespace {
const bool kRegistered = RegisterModelKind(
    kModelName, [] { return std::make_unique<TagsTrainer>(); }, TagsModel::Load);
}  // namespace

}  // namespace vv
