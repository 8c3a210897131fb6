#include "eval/tfidf_linear.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <random>
#include <set>

namespace vv::eval {

namespace {

double Sigmoid(double x) {
  if (x >= 0) return 1.0 / (1.0 + std::exp(-x));
  double e = std::exp(x);
  return e / (1.0 + e);
}

std::vector<std::string> Terms(const std::vector<std::string>& doc, int ngram_max) {
  std::vector<std::string> out;
  for (size_t i = 0; i < doc.size(); ++i) {
    std::string gram = doc[i];
    out.push_back(gram);
    for (int n = 2; n <= ngram_max && i + n <= doc.size(); ++n) {
      gram += ' ';
      gram += doc[i + n - 1];
      out.push_back(gram);
    }
  }
  return out;
}

}  // namespace

SparseRow DenseRow(const std::vector<double>& values) {
  SparseRow row;
  for (size_t i = 0; i < values.size(); ++i) {
    row.index.push_back(static_cast<int>(i));
    row.value.push_back(static_cast<float>(values[i]));
  }
  return row;
}

void TfidfVectorizer::Fit(const std::vector<std::vector<std::string>>& docs,
                          const TfidfOptions& options) {
  options_ = options;
  std::unordered_map<std::string, int> df;
  for (const auto& doc : docs) {
    auto terms = Terms(doc, options.ngram_max);
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    for (auto& t : terms) ++df[t];
  }
  std::vector<std::pair<std::string, int>> kept;
  for (auto& [term, count] : df) {
    if (count >= options.min_df) kept.emplace_back(term, count);
  }
  // Most frequent first, ties by term: the vocabulary does not depend on hash order.
  std::sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (kept.size() > options.max_features) kept.resize(options.max_features);
  idf_.clear();
  std::vector<std::string> terms;
  const double n = static_cast<double>(docs.size());
  for (auto& [term, count] : kept) {
    terms.push_back(term);
    idf_.push_back(static_cast<float>(std::log((1.0 + n) / (1.0 + count)) + 1.0));
  }
  vocab_.Build(std::move(terms));
}

SparseRow TfidfVectorizer::Transform(const std::vector<std::string>& doc) const {
  // Hot path of serving (the genre head): one reused key buffer, no per-term strings kept.
  std::vector<std::pair<int, float>> hits;
  std::string key;
  for (size_t i = 0; i < doc.size(); ++i) {
    key = doc[i];
    for (int n = 1; n <= options_.ngram_max && i + n <= doc.size(); ++n) {
      if (n > 1) {
        key += ' ';
        key += doc[i + n - 1];
      }
      int j = vocab_.Find(key);
      if (j >= 0) hits.emplace_back(j, 1.0f);
    }
  }
  std::sort(hits.begin(), hits.end());
  SparseRow row;
  double norm = 0;
  for (size_t k = 0; k < hits.size();) {
    size_t e = k;
    while (e < hits.size() && hits[e].first == hits[k].first) ++e;
    double count = static_cast<double>(e - k);
    int j = hits[k].first;
    double v = (options_.sublinear_tf ? 1.0 + std::log(count) : count) * idf_[j];
    row.index.push_back(j);
    row.value.push_back(static_cast<float>(v));
    norm += v * v;
    k = e;
  }
  norm = std::sqrt(norm);
  if (norm > 0) {
    for (auto& v : row.value) v = static_cast<float>(v / norm);
  }
  return row;
}

void LinearClassifier::FitOne(const std::vector<SparseRow>& rows, const std::vector<double>& y,
                              const std::vector<double>& sample_weight,
                              const LinearOptions& options, std::vector<double>& w,
                              double& b) const {
  std::vector<size_t> order(rows.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(options.seed);
  double scale = 1.0;  // w_true = scale * w: L2 decay in O(1) per step
  b = 0;
  uint64_t t = 0;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (size_t i : order) {
      const SparseRow& x = rows[i];
      double eta = options.eta0 / (1.0 + options.eta0 * options.lambda * static_cast<double>(t));
      ++t;
      double dot = 0;
      for (size_t k = 0; k < x.index.size(); ++k) dot += w[x.index[k]] * x.value[k];
      double margin = scale * dot + b;
      double g = 0;  // d loss / d margin
      if (options.loss == LinearLoss::kLogistic) {
        g = -y[i] * Sigmoid(-y[i] * margin);
      } else if (y[i] * margin < 1.0) {
        g = -y[i];
      }
      scale *= (1.0 - eta * options.lambda);
      if (scale < 1e-9) {
        for (auto& v : w) v *= scale;
        scale = 1.0;
      }
      if (g == 0) continue;
      double step = eta * g * sample_weight[i];
      for (size_t k = 0; k < x.index.size(); ++k) w[x.index[k]] -= step * x.value[k] / scale;
      b -= step * 0.1;  // a slower, unregularized bias keeps early steps from oscillating
    }
  }
  for (auto& v : w) v *= scale;
}

Status LinearClassifier::Fit(const std::vector<SparseRow>& rows, const std::vector<int>& labels,
                             size_t dims, const LinearOptions& options) {
  if (rows.size() != labels.size()) {
    return MakeError(ErrorCode::kInvalidArgument, "rows and labels differ in length");
  }
  std::map<int, size_t> counts;
  for (int l : labels) ++counts[l];
  if (counts.size() < 2) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "a linear classifier needs at least two classes, got " +
                         std::to_string(counts.size()));
  }
  classes_.clear();
  for (auto& [c, n] : counts) classes_.push_back(c);
  size_t models = classes_.size() == 2 ? 1 : classes_.size();
  weights_.assign(models, std::vector<double>(dims, 0.0));
  bias_.assign(models, 0.0);
  for (size_t m = 0; m < models; ++m) {
    int positive = classes_.size() == 2 ? classes_[1] : classes_[m];
    std::vector<double> y(labels.size()), sw(labels.size(), 1.0);
    size_t n_pos = counts[positive], n_neg = labels.size() - n_pos;
    for (size_t i = 0; i < labels.size(); ++i) {
      y[i] = labels[i] == positive ? 1.0 : -1.0;
      if (options.balanced) {
        sw[i] = labels.size() / (2.0 * (y[i] > 0 ? n_pos : n_neg));
      }
    }
    FitOne(rows, y, sw, options, weights_[m], bias_[m]);
    // Saved as floats (ToJson): rounding here makes a loaded model predict exactly the same.
    for (auto& w : weights_[m]) w = static_cast<float>(w);
  }
  IndexColumns();
  return {};
}

void LinearClassifier::IndexColumns() {
  size_t cols = 0;
  for (const auto& w : weights_) cols = std::max(cols, w.size());
  const size_t rows = weights_.size();
  by_column_.assign(cols * rows, 0.0);
  for (size_t m = 0; m < rows; ++m) {
    for (size_t j = 0; j < weights_[m].size(); ++j) by_column_[j * rows + m] = weights_[m][j];
  }
}

std::vector<double> LinearClassifier::Decision(const SparseRow& row) const {
  // Each row's sum adds its terms in row order, as a row-by-row loop would.
  const size_t rows = weights_.size();
  const size_t cols = rows ? by_column_.size() / rows : 0;
  std::vector<double> out(bias_.begin(), bias_.begin() + rows);
  for (size_t k = 0; k < row.index.size(); ++k) {
    const size_t j = static_cast<size_t>(row.index[k]);
    if (j >= cols) continue;
    const double* w = by_column_.data() + j * rows;
    const double v = row.value[k];
    for (size_t m = 0; m < rows; ++m) out[m] += w[m] * v;
  }
  if (classes_.size() == 2) return {-out[0], out[0]};
  return out;
}

std::vector<double> LinearClassifier::Probabilities(const SparseRow& row) const {
  std::vector<double> d = Decision(row);
  if (classes_.size() == 2) {
    double p = Sigmoid(d[1]);
    return {1.0 - p, p};
  }
  double total = 0;
  for (auto& v : d) {
    v = Sigmoid(v);
    total += v;
  }
  for (auto& v : d) v = total > 0 ? v / total : 1.0 / d.size();
  return d;
}

int LinearClassifier::Predict(const SparseRow& row) const {
  std::vector<double> d = Decision(row);
  return classes_[std::max_element(d.begin(), d.end()) - d.begin()];
}

nlohmann::json LinearClassifier::ToJson() const {
  // Floats: 9 significant digits are plenty for weights and halve the file.
  std::vector<std::vector<float>> weights;
  for (const auto& w : weights_) weights.emplace_back(w.begin(), w.end());
  return {{"classes", classes_}, {"weights", weights}, {"bias", bias_}};
}

Result<LinearClassifier> LinearClassifier::FromJson(const nlohmann::json& j,
                                                    const std::string& path) {
  LinearClassifier c;
  try {
    c.classes_ = j.at("classes").get<std::vector<int>>();
    c.weights_ = j.at("weights").get<std::vector<std::vector<double>>>();
    c.bias_ = j.at("bias").get<std::vector<double>>();
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kDataLoss, std::string("bad linear model: ") + e.what(), path);
  }
  size_t expected = c.classes_.size() == 2 ? 1 : c.classes_.size();
  if (c.classes_.size() < 2 || c.weights_.size() != expected || c.bias_.size() != expected) {
    return MakeError(ErrorCode::kDataLoss, "bad linear model: inconsistent sizes", path);
  }
  c.IndexColumns();
  return c;
}

Status TfidfLinearModel::Fit(const std::vector<std::vector<std::string>>& docs,
                             const std::vector<int>& labels, const TfidfOptions& tfidf,
                             const LinearOptions& linear) {
  vectorizer_.Fit(docs, tfidf);
  std::vector<SparseRow> rows;
  rows.reserve(docs.size());
  for (const auto& doc : docs) rows.push_back(vectorizer_.Transform(doc));
  return classifier_.Fit(rows, labels, vectorizer_.Size(), linear);
}

int TfidfLinearModel::Predict(const std::vector<std::string>& doc) const {
  return classifier_.Predict(vectorizer_.Transform(doc));
}

double TfidfLinearModel::Probability(const std::vector<std::string>& doc, int label) const {
  auto probs = classifier_.Probabilities(vectorizer_.Transform(doc));
  const auto& cls = classifier_.classes();
  auto it = std::find(cls.begin(), cls.end(), label);
  return it == cls.end() ? 0.0 : probs[it - cls.begin()];
}

std::vector<double> TfidfLinearModel::Probabilities(const std::vector<std::string>& doc) const {
  return classifier_.Probabilities(vectorizer_.Transform(doc));
}

nlohmann::json TfidfVectorizer::ToJson() const {
  const std::vector<std::string>& terms = vocab_.terms();
  return {{"ngram_max", options_.ngram_max}, {"sublinear_tf", options_.sublinear_tf},
          {"terms", terms}, {"idf", idf_}};
}

Result<TfidfVectorizer> TfidfVectorizer::FromJson(const nlohmann::json& j, const std::string& path) {
  TfidfVectorizer v;
  try {
    v.options_.ngram_max = j.at("ngram_max").get<int>();
    v.options_.sublinear_tf = j.at("sublinear_tf").get<bool>();
    auto terms = j.at("terms").get<std::vector<std::string>>();
    v.idf_ = j.at("idf").get<std::vector<float>>();
    if (terms.size() != v.idf_.size()) throw std::runtime_error("terms and idf differ in length");
    v.vocab_.Build(std::move(terms));
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kDataLoss, std::string("bad tf-idf vocabulary: ") + e.what(), path);
  }
  return v;
}

nlohmann::json TfidfLinearModel::ToJson() const {
  return {{"tfidf", vectorizer_.ToJson()}, {"linear", classifier_.ToJson()}};
}

Result<TfidfLinearModel> TfidfLinearModel::FromJson(const nlohmann::json& j,
                                                    const std::string& path) {
  TfidfLinearModel m;
  if (!j.is_object() || !j.contains("tfidf") || !j.contains("linear")) {
    return MakeError(ErrorCode::kDataLoss, "bad tf-idf linear model: missing parts", path);
  }
  VV_ASSIGN_OR_RETURN(m.vectorizer_, TfidfVectorizer::FromJson(j["tfidf"], path));
  VV_ASSIGN_OR_RETURN(m.classifier_, LinearClassifier::FromJson(j["linear"], path));
  return m;
}

}  // namespace vv::eval
