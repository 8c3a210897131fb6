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
  std::string Name() const override { return "genre"; }
  // {"model":"genre","top":[{"category_id","name","probability"}...]}
  Result<nlohmann::json> Predict(const VideoInput& input) const override;
  Result<std::vector<std::string>> Save(const std::filesystem::path& dir) const override;
  nlohmann::json FeatureSchema() const override;
  // The most probable category id (-1 when the text has no known word).
  int PredictCategory(const Video& video) const;
  // Every category with its corrected probability, best first.
  std::vector<std::pair<int, double>> Distribution(const Video& video) const;
  // fastText's probabilities before any correction or mixing (label strings).
  std::vector<std::pair<std::string, double>> RawText(const Video& video) const;
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
