#pragma once
// Tags: fastText one-vs-all multi-label on title + description (+ a category token when known)
// -> top-k tag suggestions, excluding tags the video already has. Rare title words that fastText
// has not learned fall back on tag co-occurrence: P(tag | title word) counted in training.
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "models/fasttext_util.h"
#include "models/model.h"

namespace vv {

// A tag as a fastText label: its normalized tokens joined by '_' ("" when it has none).
std::string TagLabel(const std::string& tag);

struct TagCooccurrence {
  // title word -> (tag label, P(tag | word) smoothed), best first, at most 10 per word.
  std::unordered_map<std::string, std::vector<std::pair<std::string, double>>> by_word;
};

class TagsModel : public Model {
 public:
  TagsModel(std::unique_ptr<FastTextClassifier> text, TagCooccurrence cooc,
            std::unordered_map<std::string, std::string> display, int top_k,
            double cooc_weight);
  std::string Name() const override { return "tags"; }
  // {"model":"tags","tags":[{"tag","score"}...]}
  Result<nlohmann::json> Predict(const VideoInput& input) const override;
  Result<std::vector<std::string>> Save(const std::filesystem::path& dir) const override;
  nlohmann::json FeatureSchema() const override;
  // Ranked tag labels with scores for a video; cooc_weight 0 gives fastText alone.
  std::vector<std::pair<std::string, double>> Suggest(const Video& video, size_t k,
                                                      double cooc_weight) const;
  double cooc_weight() const { return cooc_weight_; }
  static Result<std::unique_ptr<Model>> Load(const std::filesystem::path& dir);

 private:
  std::unique_ptr<FastTextClassifier> text_;
  TagCooccurrence cooc_;
  std::unordered_map<std::string, std::string> display_;  // label -> most common spelling
  int top_k_;
  double cooc_weight_;
};

// The fastText input line for tag suggestion: title, description, and __cat_<id>__.
std::string TagsLine(const Video& video);

class TagsTrainer : public ModelTrainer {
 public:
  std::string Name() const override { return "tags"; }
  // config: fastText options, top_k (10), min_tag_count (2), max_tags (5000),
  // cooc_weight (0.8), max_cooc_words (20000).
  Result<TrainedModel> Train(const Dataset& data, const Split& split,
                             const nlohmann::json& config) const override;
};

}  // namespace vv
