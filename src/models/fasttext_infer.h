#pragma once
// fastText's supervised prediction evaluated from the model's own dictionary and matrices, on
// tokens already in memory. predictLine re-parses a string through an istringstream, keeps a
// heap of log-probabilities and calls a virtual dotRow per label; serving the tags model (1,000
// one-vs-all labels) spent most of its time there. The features are fastText's exactly (word
// ids, character n-grams, hashed word n-grams, the end-of-line token), so the probabilities
// agree with predictLine to float rounding (tests/unit/models/fasttext_infer_test.cc).
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace fasttext {
class DenseMatrix;
class Dictionary;
class FastText;
}  // namespace fasttext

namespace vv {

class FastTextInference {
 public:
  // nullptr when the model has no fast path here (quantized, or hierarchical softmax, whose
  // tree search only fastText implements): the caller then uses predictLine.
  static std::unique_ptr<const FastTextInference> Create(const fasttext::FastText& ft);

  // Label ids are fastText's (most frequent first); FastTextClassifier holds their names.
  int LabelCount() const { return nlabels_; }

  // Every label's probability, as predictLine computes it, for the tokens of one line (no
  // whitespace inside a token). False when the line has no feature at all: fastText then
  // predicts nothing. Const and thread-safe: scratch lives on the stack.
  bool Probabilities(const std::vector<std::string>& tokens, std::vector<float>& out) const;
  // The k most probable labels (all when k < 0) with probability >= threshold, best first;
  // ties go to the lower (more frequent) label id.
  std::vector<std::pair<int, float>> Top(const std::vector<std::string>& tokens, int k,
                                         float threshold) const;

 private:
  FastTextInference() = default;
  // fastText's Dictionary::getLine on tokens: input rows of each word, then word n-grams.
  void Features(const std::vector<std::string>& tokens, std::vector<int32_t>& rows) const;
  void AddCharNgrams(const std::string& token, std::vector<int32_t>& rows) const;
  float Sigmoid(float x) const;

  std::shared_ptr<const fasttext::Dictionary> dict_;
  std::shared_ptr<const fasttext::DenseMatrix> input_;
  std::shared_ptr<const fasttext::DenseMatrix> output_;  // only until transposed
  std::vector<float> output_t_;  // the output matrix, dim x labels
  std::string label_prefix_;
  int64_t dim_ = 0;
  int32_t nwords_ = 0;
  int32_t nlabels_ = 0;
  int word_ngrams_ = 1;
  int bucket_ = 0;
  int minn_ = 0;
  int maxn_ = 0;
  bool softmax_ = true;  // else one sigmoid per label (one-vs-all, negative sampling)
  std::vector<float> sigmoid_table_;  // fastText's lookup table, for identical values
};

}  // namespace vv
