// The fast path (fasttext_infer.h) against fastText's own predictLine, on the kinds of models
// the project trains: softmax with word bigrams and character n-grams (clickbait), softmax on
// words (genre), one-vs-all over many labels (tags), negative sampling and trigrams.
#include "models/fasttext_infer.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "models/fasttext_util.h"

namespace vv {
namespace {

const std::vector<std::string>& Words() {
  static const std::vector<std::string> words = {
      "cat",   "dog",    "guitar", "recipe", "pasta",  "goal",  "match",  "league", "song",
      "album", "live",   "tour",   "review", "phone",  "camera", "budget", "travel", "paris",
      "café",  "niño",   "🔥",      "😱",      "__num__", "you",   "won't",  "believe", "!",
      "?",     "best",   "ever",   "__cat_10__", "2019", "diy",   "garden", "bike",   "car"};
  return words;
}

std::string RandomLine(std::mt19937_64& rng, size_t max_words, bool oov) {
  std::string line;
  size_t n = rng() % (max_words + 1);
  for (size_t i = 0; i < n; ++i) {
    if (!line.empty()) line += ' ';
    if (oov && rng() % 5 == 0) {
      line += "zq" + std::to_string(rng() % 1000) + (rng() % 2 ? "ñé" : "x");  // never trained
    } else {
      line += Words()[rng() % Words().size()];
    }
  }
  return line;
}

// Training lines whose label depends on the words, so that the weights are not noise.
std::vector<LabelledLine> TrainingLines(size_t n, int labels, bool multi, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<LabelledLine> lines;
  for (size_t i = 0; i < n; ++i) {
    LabelledLine line;
    line.text = RandomLine(rng, 12, false);
    size_t h = std::hash<std::string>()(line.text.substr(0, line.text.find(' ')));
    line.labels.push_back("l" + std::to_string(h % labels));
    if (multi && rng() % 2) line.labels.push_back("l" + std::to_string(rng() % labels));
    if (line.labels.size() == 2 && line.labels[0] == line.labels[1]) line.labels.pop_back();
    lines.push_back(std::move(line));
  }
  return lines;
}

void ExpectAgreement(const FastTextClassifier& model, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::string> lines = {"", "cat", "zzzunknown", "café niño 🔥", "you won't believe !",
                                    "__cat_10__", "a b c d e f g h i j k l m n o p"};
  for (int i = 0; i < 400; ++i) lines.push_back(RandomLine(rng, 40, true));
  for (const auto& line : lines) {
    auto reference = model.PredictReference(line, -1);
    auto fast = model.Predict(line, -1);
    ASSERT_EQ(fast.size(), reference.size()) << "line: '" << line << "'";
    std::map<std::string, double> by_label(reference.begin(), reference.end());
    for (const auto& [label, p] : fast) {
      ASSERT_TRUE(by_label.count(label)) << label;
      EXPECT_NEAR(p, by_label[label], 1e-5) << "label " << label << ", line: '" << line << "'";
    }
    auto reference_top = model.PredictReference(line, 3);
    auto fast_top = model.Predict(line, 3);
    ASSERT_EQ(fast_top.size(), reference_top.size());
    for (size_t r = 0; r < fast_top.size(); ++r) {
      // Labels may swap where probabilities tie; the values in rank order may not.
      EXPECT_NEAR(fast_top[r].second, reference_top[r].second, 1e-5) << "line: '" << line << "'";
    }
    for (const auto& [label, p] : reference) {
      EXPECT_NEAR(model.LabelProbability(line, label), p, 1e-5);
    }
  }
}

struct Case {
  const char* name;
  std::string loss;
  int word_ngrams, minn, maxn, labels;
  bool multi;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class FastTextInferenceTest : public ::testing::TestWithParam<Case> {};

TEST_P(FastTextInferenceTest, AgreesWithPredictLine) {
  const Case& c = GetParam();
  FastTextOptions options;
  options.epoch = 5;
  options.dim = 16;
  options.loss = c.loss;
  options.word_ngrams = c.word_ngrams;
  options.minn = c.minn;
  options.maxn = c.maxn;
  options.bucket = 20000;
  auto model = FastTextClassifier::Train(TrainingLines(600, c.labels, c.multi, 7), options, "t");
  ASSERT_TRUE(model.ok()) << model.error().ToString();
  ExpectAgreement(**model, 11);
}

INSTANTIATE_TEST_SUITE_P(
    Models, FastTextInferenceTest,
    ::testing::Values(Case{"clickbait_like", "softmax", 2, 3, 5, 2, false},
                      Case{"genre_like", "softmax", 1, 0, 0, 15, false},
                      Case{"tags_like", "ova", 1, 0, 0, 60, true},
                      Case{"ova_subwords_bigrams", "ova", 2, 2, 4, 30, true},
                      Case{"negative_sampling_trigrams", "ns", 3, 0, 0, 10, false},
                      Case{"hierarchical_softmax_falls_back", "hs", 2, 0, 0, 10, false}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace vv
