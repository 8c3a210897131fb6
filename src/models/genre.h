#pragma once
// Genre: fastText multi-class (softmax) on title + tags + description -> the top YouTube
// categories with probabilities. fastText alone underrates rare categories next to a TF-IDF
// linear model, so the model mixes in a TF-IDF logistic head with a weight chosen on the
// validation split (0 when it does not help). Baseline: TF-IDF + one-vs-rest logistic
// regression alone.
#include <map>
#include <memory>
#include <string>

#include "eval/tfidf_linear.h"
#include "models/fasttext_util.h"
#include "models/model.h"

namespace vv {

// What the genre model reads beside VideoTokens (title, tags, description). Models saved before
// these existed read neither.
struct GenreInputs {
  bool channel_title = true;   // the channel's name ("... Music", "... TV", "... Gaming")
  bool script_bigrams = true;  // ScriptBigrams: Japanese, Chinese and Korean text gets features
};

// True when the video has a title, tags or a description to predict from.
bool GenreHasText(const Video& video);

// The tokens both heads (fastText and TF-IDF) read.
std::vector<std::string> GenreTokens(const Video& video, const std::string& channel_title,
                                     const GenreInputs& inputs);

// The TF-IDF (word 1-2 grams) + one-vs-rest logistic regression over GenreTokens of the videos
// of idx with a category: the model's linear head, and (with inputs off) the genre baseline of
// the held-out report and of `vv evaluate --db`.
Result<eval::TfidfLinearModel> FitGenreLinear(const Dataset& data, const std::vector<size_t>& idx,
                                              size_t max_features, const GenreInputs& inputs);

class GenreModel : public Model {
 public:
  // prior: each category's share of training videos (by label); alpha: how much of it is
  // divided out of fastText's probabilities (0: none, 1: all), chosen on validation so that
  // rare categories are not drowned by frequent ones.
  GenreModel(std::unique_ptr<FastTextClassifier> text, int top_k,
             std::map<std::string, double> prior, double alpha);
  // The TF-IDF head and its weight in the mixture (probabilities averaged with weight mix).
  void set_linear(std::shared_ptr<const eval::TfidfLinearModel> linear, double mix);
  double mix() const { return mix_; }
  void set_inputs(const GenreInputs& inputs) { inputs_ = inputs; }
  const GenreInputs& inputs() const { return inputs_; }
  std::string Name() const override { return "genre"; }
  // {"model":"genre","top":[{"category_id","name","probability"}...]}
  Result<nlohmann::json> Predict(const VideoInput& input) const override;
  Result<std::vector<std::string>> Save(const std::filesystem::path& dir) const override;
  nlohmann::json FeatureSchema() const override;
  // The most probable category id (-1 when the text has no known word).
  int PredictCategory(const Video& video, const std::string& channel_title = "",
                      const std::map<int, int>& channel_categories = {}) const;
  // Every category with its corrected probability, best first; mixed with the categories of the
  // channel's other videos (VideoInput::channel_categories) when known.
  std::vector<std::pair<int, double>> Distribution(
      const Video& video, const std::string& channel_title = "",
      const std::map<int, int>& channel_categories = {}) const;
  // (1 - w) * dist + w * the channel's category shares, w = n / (n + strength) for n other
  // videos: a channel seen once moves the text's answer, one seen ten times decides it.
  // dist unchanged when strength < 0 or n = 0. Best first.
  static std::vector<std::pair<int, double>> WithChannel(
      const std::vector<std::pair<int, double>>& dist, const std::map<int, int>& channel_categories,
      double strength);
  double channel_strength() const { return channel_strength_; }
  void set_channel_strength(double strength) { channel_strength_ = strength; }
  // fastText's probabilities before any correction or mixing (label strings).
  std::vector<std::pair<std::string, double>> RawText(const std::vector<std::string>& tokens) const;
  // (1 - mix) * text + mix * linear (linear in classes order), best first; text when mix <= 0.
  static std::vector<std::pair<int, double>> Mix(const std::vector<std::pair<int, double>>& text,
                                                 const std::vector<int>& classes,
                                                 const std::vector<double>& linear, double mix);
  static std::vector<std::pair<int, double>> Correct(
      const std::vector<std::pair<std::string, double>>& raw,
      const std::map<std::string, double>& prior, double alpha);
  double alpha() const { return alpha_; }
  void set_alpha(double alpha) { alpha_ = alpha; }
  static Result<std::unique_ptr<Model>> Load(const std::filesystem::path& dir);

 private:
  std::unique_ptr<FastTextClassifier> text_;
  int top_k_;
  std::map<std::string, double> prior_;
  double alpha_;
  std::shared_ptr<const eval::TfidfLinearModel> linear_;
  double mix_ = 0;
  GenreInputs inputs_{false, false};
  double channel_strength_ = -1;  // < 0: the channel's other videos are not used
};

class GenreTrainer : public ModelTrainer {
 public:
  std::string Name() const override { return "genre"; }
  // config: fastText options (epoch: 100k example passes, 5..25, when absent or
  // "auto"; lr, dim,
  // word_ngrams, min_count, minn, maxn, bucket, threads, seed) and top_k (3).
  Result<TrainedModel> Train(const Dataset& data, const Split& split,
                             const nlohmann::json& config) const override;
};

}  // namespace vv
