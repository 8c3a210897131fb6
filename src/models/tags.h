#pragma once
// Tags: top-k tag suggestions for a title/description (and category when known), excluding the
// tags a video already has. Candidates come from a learned vocabulary and from the video itself
// (title words and segments, hashtags, the channel name: tag_candidates.h); a logistic stacker
// fitted on the validation split ranks them all (tag_stacker.h). The vocabulary's three kinds of
// evidence per tag, mixed with weights tuned on the validation split:
//  - fastText one-vs-all multi-label on title + description + a __cat_<id>__ token;
//  - co-occurrence, the fallback for rare title words: P(tag | title word) counted in training;
//  - the category prior: P(tag | category), what the category-frequency baseline ranks by.
#include <array>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "models/fasttext_util.h"
#include "models/model.h"
#include "models/tag_candidates.h"
#include "models/tag_stacker.h"

namespace vv {

// A tag as a fastText label: its normalized word tokens joined by '_' ("" when it has none).
std::string TagLabel(const std::string& tag);
// The labels of a video's tags.
std::set<std::string> TagLabelsOf(const Video& video);
// Title words counted for co-occurrence: >= 2 characters, no stop words, no punctuation.
std::vector<std::string> TagContentWords(const std::string& title);
// The fastText input line for tag suggestion: title, description, and __cat_<id>__.
std::string TagsLine(const Video& video);
// The same tokens unjoined, as serving feeds them to fastText.
std::vector<std::string> TagsTokens(const Video& video);

using ScoredTags = std::vector<std::pair<std::string, double>>;  // (label, score), best first

struct TagTables {
  std::unordered_map<std::string, ScoredTags> cooc;  // title word -> P(tag | word), top 10
  std::map<int, ScoredTags> prior;                   // category (-1: all) -> P(tag | category)
  std::unordered_map<std::string, std::string> display;  // label -> most common spelling
};

struct TagWeights {
  double cooc = 1.0;
  double prior = 1.0;
};

// Evidence for one video: label id (TagsModel::Label) -> {fastText, co-occurrence, prior},
// each in [0, 1], each label once. Integer ids: string-keyed maps were a fifth of serving.
struct TagEvidence {
  std::vector<std::pair<int, std::array<double, 3>>> by_label;
  std::vector<int> present;  // sorted ids of the labels the video already has
};

// TagTables with every label as an id (the ids index TagsModel's labels).
struct TagIdTables {
  std::unordered_map<std::string, std::vector<std::pair<int, double>>> cooc;
  std::map<int, std::vector<std::pair<int, double>>> prior;
  std::vector<int> text;  // fastText label id -> label id
};

class TagsModel : public Model {
 public:
  TagsModel(std::unique_ptr<FastTextClassifier> text, TagTables tables, TagWeights weights,
            int top_k);
  std::string Name() const override { return "tags"; }
  // {"model":"tags","tags":[{"tag","score"}...]}
  Result<nlohmann::json> Predict(const VideoInput& input) const override;
  Result<std::vector<std::string>> Save(const std::filesystem::path& dir) const override;
  nlohmann::json FeatureSchema() const override;
  static Result<std::unique_ptr<Model>> Load(const std::filesystem::path& dir);

  TagEvidence Evidence(const Video& video, size_t depth) const;
  // (fastText + w.cooc * cooc + w.prior * prior) / (1 + w.cooc + w.prior), top k, present
  // labels excluded; ties by label.
  ScoredTags Rank(const TagEvidence& evidence, const TagWeights& weights, size_t k) const;
  const std::string& Label(int id) const { return labels_[id]; }
  int LabelId(const std::string& label) const;
  ScoredTags Suggest(const Video& video, size_t k) const;
  // The stacker's inputs: every candidate read off the video (the channel's name included) and
  // the vocabulary's top suggestions not among them, each with its vocabulary evidence; the
  // video's own tags excluded.
  std::vector<std::pair<TagCandidate, VocabularyEvidence>> Candidates(
      const Video& video, const std::string& channel_title) const;
  // Tags as displayed, best first: the stacker's ranking when there is one, else Suggest's.
  ScoredTags SuggestTags(const Video& video, const std::string& channel_title, size_t k) const;
  // The final ranker (none in models saved before it: Suggest's mixture then ranks alone).
  void set_stacker(std::shared_ptr<const TagStacker> stacker) { stacker_ = std::move(stacker); }
  const TagStacker* stacker() const { return stacker_.get(); }
  const std::string& Display(const std::string& label) const;
  const TagWeights& weights() const { return weights_; }
  void set_weights(const TagWeights& weights) { weights_ = weights; }

 private:
  // labels_, label_ids_ and ids_ from the tables and fastText's labels.
  void IndexLabels(const TagTables& tables);
  std::unique_ptr<FastTextClassifier> text_;
  std::unordered_map<std::string, std::string> display_;  // TagTables::display
  TagWeights weights_;
  int top_k_;
  std::vector<std::string> labels_;  // every label of the tables and of fastText, sorted
  std::unordered_map<std::string, int> label_ids_;
  TagIdTables ids_;  // the tables' cooc and prior, by label id (Save writes them back as names)
  std::shared_ptr<const TagStacker> stacker_;
};

class TagsTrainer : public ModelTrainer {
 public:
  std::string Name() const override { return "tags"; }
  // config: fastText options (loss is always ova; epoch: AutoEpochs, at most 10,
  // when absent or "auto"), top_k (10),
  // min_tag_channels (2: a tag must be used by that many channels), max_tags (1000),
  // max_cooc_words (20000), prior_tags (30 per category).
  Result<TrainedModel> Train(const Dataset& data, const Split& split,
                             const nlohmann::json& config) const override;
};

}  // namespace vv
