#pragma once
// Clickbait: a fastText classifier on lower-cased title tokens plus case/punctuation signal
// tokens (__ALLCAPS__, __EXCL3__, __BRACKET__, ...), stacked with the raw title signals in a
// small logistic regression fitted on held-out titles. Headlines and YouTube titles differ: the
// signal channel carries what a lower-cased bag of words loses (issue 3).
#include <memory>
#include <string>
#include <vector>

#include "eval/tfidf_linear.h"
#include "features/text_features.h"
#include "models/fasttext_util.h"
#include "models/model.h"

namespace vv {

// One labelled title for training or scoring.
struct ClickbaitExample {
  std::string title;
  int label = 0;
  bool video = false;  // a YouTube title rather than a headline
};

class ClickbaitModel : public Model {
 public:
  ClickbaitModel(std::unique_ptr<FastTextClassifier> text, eval::LinearClassifier stacker,
                 std::vector<double> mean, std::vector<double> scale, double threshold);
  std::string Name() const override { return "clickbait"; }
  Result<nlohmann::json> Predict(const VideoInput& input) const override;
  Result<std::vector<std::string>> Save(const std::filesystem::path& dir) const override;
  nlohmann::json FeatureSchema() const override;

  // Probability that the title is clickbait.
  double Score(const std::string& title) const;
  // {"model","score","label","signals":[...]} for a title.
  nlohmann::json Explain(const std::string& title) const;
  static Result<std::unique_ptr<Model>> Load(const std::filesystem::path& dir);

 private:
  friend class ClickbaitTrainer;
  // Stacker input: [fastText logit, standardized signals...].
  std::vector<double> StackFeatures(const std::string& title, double* text_prob,
                                    std::vector<double>* raw_signals) const;
  std::unique_ptr<FastTextClassifier> text_;
  eval::LinearClassifier stacker_;
  std::vector<double> mean_, scale_;  // signal standardization
  double threshold_;
};

// The fastText input line of a title: normalized tokens followed by the signal tokens.
std::string ClickbaitLine(const std::string& title);
std::string ClickbaitLine(const std::string& title, const TitleSignals& signals);
// The same tokens unjoined, as serving feeds them to fastText.
std::vector<std::string> ClickbaitTokens(const std::string& title, const TitleSignals& signals);

class ClickbaitTrainer : public ModelTrainer {
 public:
  std::string Name() const override { return "clickbait"; }
  // config: fastText options (epoch, lr, dim, word_ngrams, minn, maxn, bucket, threads, seed),
  // threshold (0.5), seed (42), test_fraction (0.2) and validation_fraction (0.1) for the
  // labelled titles (videos follow the given split).
  Result<TrainedModel> Train(const Dataset& data, const Split& split,
                             const nlohmann::json& config) const override;
};

// Scores a trained model on labelled titles: {"accuracy","macro_f1","roc_auc","brier","n"}.
nlohmann::json ClickbaitMetrics(const std::vector<double>& scores, const std::vector<int>& labels,
                                double threshold);

}  // namespace vv
