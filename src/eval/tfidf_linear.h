#pragma once
// TF-IDF + linear baselines (issue 3 "Evaluation"): the baseline for clickbait (linear SVM or
// logistic regression) and genre (one-vs-rest logistic regression). Also reused as a small
// logistic regression on dense features (the clickbait stacker). Inputs are already tokenized
// (src/features/text_features.h) so this file needs nothing beyond the standard library.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "eval/term_index.h"

namespace vv::eval {

struct SparseRow {
  std::vector<int> index;
  std::vector<float> value;
};

// A dense vector as a sparse row (every column present).
SparseRow DenseRow(const std::vector<double>& values);

struct TfidfOptions {
  int ngram_max = 2;          // word n-grams 1..ngram_max
  int min_df = 2;             // terms in fewer documents are dropped
  size_t max_features = 200000;  // most frequent terms kept
  bool sublinear_tf = true;   // 1 + log(tf)
};

class TfidfVectorizer {
 public:
  // Learns the vocabulary and idf on tokenized documents.
  void Fit(const std::vector<std::vector<std::string>>& docs, const TfidfOptions& options = {});
  // L2-normalized TF-IDF of one document; terms outside the vocabulary are ignored.
  SparseRow Transform(const std::vector<std::string>& doc) const;
  size_t Size() const { return idf_.size(); }

  nlohmann::json ToJson() const;
  static Result<TfidfVectorizer> FromJson(const nlohmann::json& j, const std::string& path);

 private:
  TfidfOptions options_;
  TermIndex vocab_;  // term -> column
  std::vector<float> idf_;
};

enum class LinearLoss { kLogistic, kHinge };

struct LinearOptions {
  LinearLoss loss = LinearLoss::kLogistic;
  int epochs = 10;
  double lambda = 1e-5;  // L2 strength
  double eta0 = 0.5;     // learning rate: eta0 / (1 + eta0 * lambda * t)
  uint64_t seed = 42;
  bool balanced = false;  // weight examples by inverse class frequency
};

// A linear classifier over integer class ids trained by SGD: one weight vector for two classes,
// one-vs-rest for more.
class LinearClassifier {
 public:
  // dims = number of columns. Needs at least two distinct classes.
  Status Fit(const std::vector<SparseRow>& rows, const std::vector<int>& labels, size_t dims,
             const LinearOptions& options = {});
  // Per class (in classes() order): the decision value w.x + b.
  std::vector<double> Decision(const SparseRow& row) const;
  // Per class: probabilities (sigmoid for two classes; normalized one-vs-rest sigmoids else).
  std::vector<double> Probabilities(const SparseRow& row) const;
  int Predict(const SparseRow& row) const;
  const std::vector<int>& classes() const { return classes_; }
  // Weight of column j for the positive class (two-class case) or class index c; a column
  // beyond the weights weighs nothing, as in Decision.
  double Weight(size_t c, size_t j) const {
    return j < weights_[c].size() ? weights_[c][j] : 0.0;
  }
  double Bias(size_t c) const { return bias_[c]; }

  nlohmann::json ToJson() const;
  static Result<LinearClassifier> FromJson(const nlohmann::json& j, const std::string& path);

 private:
  void FitOne(const std::vector<SparseRow>& rows, const std::vector<double>& y,
              const std::vector<double>& sample_weight, const LinearOptions& options,
              std::vector<double>& w, double& b) const;
  void IndexColumns();
  std::vector<int> classes_;
  std::vector<std::vector<double>> weights_;  // one row for two classes, else one per class
  std::vector<double> bias_;
  // weights_ column-major (column j's weights of every row side by side): a sparse row then
  // reads one cache line per term instead of one per term and class (serving's genre head).
  std::vector<double> by_column_;
};

// The full baseline: TF-IDF on tokens, then the linear classifier.
class TfidfLinearModel {
 public:
  Status Fit(const std::vector<std::vector<std::string>>& docs, const std::vector<int>& labels,
             const TfidfOptions& tfidf = {}, const LinearOptions& linear = {});
  int Predict(const std::vector<std::string>& doc) const;
  // Probability of class id `label` (0 if unknown).
  double Probability(const std::vector<std::string>& doc, int label) const;
  // Probabilities in classes() order.
  std::vector<double> Probabilities(const std::vector<std::string>& doc) const;
  const std::vector<int>& classes() const { return classifier_.classes(); }

  nlohmann::json ToJson() const;
  static Result<TfidfLinearModel> FromJson(const nlohmann::json& j, const std::string& path);

 private:
  TfidfVectorizer vectorizer_;
  LinearClassifier classifier_;
};

}  // namespace vv::eval
