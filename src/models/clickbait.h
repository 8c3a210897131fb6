#pragma once
// Clickbait: a fastText classifier on lower-cased title tokens plus case/punctuation signal
// tokens (__ALLCAPS__, __EXCL3__, __BRACKET__, ...), stacked with the raw title style signals in
// a small logistic regression fitted on held-out headlines and on trending titles with weak
// labels (clickbait_weak.h). Headlines and YouTube titles differ: a headline-trained text model
// is at chance on YouTube titles, whose writing style (case, "!!!", emoji, brackets) carries the
// signal (issue 8, docs/MODELS-clickbait.md).
#include <memory>
#include <string>
#include <vector>

#include "eval/tfidf_linear.h"
#include "features/text_features.h"
#include "models/fasttext_util.h"
#include "models/model.h"

namespace vv {

// fastText's label for YouTube titles (any trending title): beside "1" and "0" (clickbait or not,
// from the headlines) it makes fastText tell headline-like titles from YouTube-like ones.
inline constexpr char kVideoLabel[] = "video";

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

  // Stacker input: [gate * headline logit, gate, standardized signals...] (the trainer fits on
  // these), gate = P(headline-like) from fastText.
  std::vector<double> StackFeatures(const std::string& title, double* text_prob,
                                    std::vector<double>* raw_signals) const;
  // This model's text model and scaling with another stacker (the trainer's last step).
  std::unique_ptr<ClickbaitModel> WithStacker(eval::LinearClassifier stacker) &&;

 private:
  std::unique_ptr<FastTextClassifier> text_;
  eval::LinearClassifier stacker_;
  std::vector<double> mean_, scale_;  // signal standardization
  double threshold_;
};

// What the fastText model reads in a title: P(headline-like) = P("1") + P("0") (1 when it has no
// kVideoLabel), and the headline model's P(clickbait | headline-like).
struct TextReading {
  double gate = 1;
  double headline_p = 0.5;
};
TextReading ReadText(const FastTextClassifier& text, const std::vector<std::string>& tokens);
TextReading ReadText(const FastTextClassifier& text, const std::string& title);

// True when the title is empty or only white space (nothing to score).
bool IsBlankTitle(const std::string& text);

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
  // labelled titles (videos follow the given split), weak_labels (true: videos without a
  // clickbait label join the stacker's training with their weak label, train and validation
  // side; the test side is the report's "style" section).
  Result<TrainedModel> Train(const Dataset& data, const Split& split,
                             const nlohmann::json& config) const override;
};

// Scores a trained model on labelled titles: {"accuracy","macro_f1","roc_auc","brier","n"}.
nlohmann::json ClickbaitMetrics(const std::vector<double>& scores, const std::vector<int>& labels,
                                double threshold);

}  // namespace vv
