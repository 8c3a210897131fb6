#pragma once
// A thin, error-checked wrapper over libfasttext 0.9.2 for the clickbait, genre and tags models.
// fastText trains from a file, so training lines go through a private temporary directory.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace fasttext {
class FastText;
}

namespace vv {

class FastTextInference;

// A metric as JSON: NaN (undefined, e.g. ROC-AUC with one class) becomes null.
nlohmann::json MetricValue(double value);

// Epochs when the config does not fix them: about 500k example passes, 5..25 epochs. Small
// sets need many passes; 100k videos need few (and train in seconds rather than minutes).
int AutoEpochs(size_t examples);
// True when the config leaves the epochs to the trainer: no "epoch" key, or "epoch": "auto".
bool IsAutoEpoch(const nlohmann::json& config);

struct FastTextOptions {
  int epoch = 5;
  double lr = 0.5;
  int dim = 32;
  int word_ngrams = 2;
  int min_count = 1;
  int minn = 0;  // character n-grams off unless asked for
  int maxn = 0;
  int bucket = 200000;  // hash buckets for word n-grams; the .bin size grows with bucket * dim
  std::string loss = "softmax";  // softmax | ova | hs | ns
  int threads = 1;  // 1 keeps training deterministic for a seed
  int seed = 42;

  // Reads the keys present in config (same names), refusing unknown types or ranges.
  static Result<FastTextOptions> FromJson(const nlohmann::json& config, FastTextOptions defaults,
                                          const std::string& model);
  nlohmann::json ToJson() const;
};

struct LabelledLine {
  std::vector<std::string> labels;  // without the __label__ prefix; no spaces
  std::string text;                 // space-separated tokens, no newline
};

// Removes its directory (recursively) when destroyed.
class TempDir {
 public:
  static Result<TempDir> Create(const std::string& prefix);
  TempDir(TempDir&& other) noexcept;
  TempDir& operator=(TempDir&&) = delete;
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  explicit TempDir(std::filesystem::path path) : path_(std::move(path)) {}
  std::filesystem::path path_;
};

class FastTextClassifier {
 public:
  ~FastTextClassifier();
  // model names the model in error messages ("genre: ...").
  static Result<std::unique_ptr<FastTextClassifier>> Train(const std::vector<LabelledLine>& lines,
                                                           const FastTextOptions& options,
                                                           const std::string& model);
  // Checks the file's every size against its bytes (fasttext_check.h) before libfasttext reads
  // it: a corrupt model is an error value, never a crash.
  static Result<std::unique_ptr<FastTextClassifier>> Load(const std::filesystem::path& file,
                                                          const std::string& model);
  // The same from the file's bytes; `file` names it in errors.
  static Result<std::unique_ptr<FastTextClassifier>> FromBytes(std::string_view bytes,
                                                               const std::string& file,
                                                               const std::string& model);
  Status Save(const std::filesystem::path& file) const;

  // Labels (prefix stripped) with probabilities, best first (k < 0: all). Const and
  // thread-safe: the scratch lives on the stack. Evaluated from the model's matrices
  // (fasttext_infer.h) unless the model has no fast path.
  std::vector<std::pair<std::string, double>> Predict(const std::vector<std::string>& tokens,
                                                      int k, double threshold = 0.0) const;
  // The same for a line of space-separated tokens.
  std::vector<std::pair<std::string, double>> Predict(const std::string& line, int k,
                                                      double threshold = 0.0) const;
  // fastText's own predictLine: the reference the fast path is tested against.
  std::vector<std::pair<std::string, double>> PredictReference(const std::string& line, int k,
                                                               double threshold = 0.0) const;
  // Probability of one label (0 when absent from the model).
  double LabelProbability(const std::vector<std::string>& tokens, const std::string& label) const;
  double LabelProbability(const std::string& line, const std::string& label) const;
  int LabelCount() const;
  // Labels (prefix stripped) in fastText's order, which PredictIds' ids index.
  const std::vector<std::string>& Labels() const { return labels_; }
  // Predict with label ids instead of strings.
  std::vector<std::pair<int, double>> PredictIds(const std::vector<std::string>& tokens,
                                                 int k) const;

 private:
  FastTextClassifier();
  void InitInference();
  std::unique_ptr<fasttext::FastText> ft_;
  std::unique_ptr<const FastTextInference> fast_;  // null: predictLine
  std::vector<std::string> labels_;  // prefix stripped, by fastText's label id
  std::unordered_map<std::string, int> label_ids_;
  std::string model_;
};

}  // namespace vv
