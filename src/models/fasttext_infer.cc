#include "models/fasttext_infer.h"

#include <fasttext/fasttext.h>

#include <algorithm>
#include <cmath>

namespace vv {

namespace {

// fastText's constants (loss.cc, dictionary.cc): the sigmoid lookup table and the multiplier
// of its word n-gram hash.
constexpr int64_t kSigmoidTableSize = 512;
constexpr int64_t kMaxSigmoid = 8;
constexpr uint64_t kNgramMultiplier = 116049371;
const char kEos[] = "</s>";

}  // namespace

std::unique_ptr<const FastTextInference> FastTextInference::Create(const fasttext::FastText& ft) {
  const fasttext::Args args = ft.getArgs();
  if (ft.isQuant() || args.model != fasttext::model_name::sup ||
      args.loss == fasttext::loss_name::hs) {
    return nullptr;
  }
  std::unique_ptr<FastTextInference> out(new FastTextInference());
  out->dict_ = ft.getDictionary();
  out->input_ = ft.getInputMatrix();
  out->output_ = ft.getOutputMatrix();
  out->label_prefix_ = args.label;
  out->dim_ = out->input_->cols();
  out->nwords_ = out->dict_->nwords();
  out->word_ngrams_ = args.wordNgrams;
  out->bucket_ = args.bucket;
  out->minn_ = args.minn;
  out->maxn_ = args.maxn;
  out->softmax_ = args.loss == fasttext::loss_name::softmax;
  for (int64_t i = 0; i < kSigmoidTableSize + 1; ++i) {
    // The same expression as fastText's Loss constructor, so that the values are identical.
    fasttext::real x = fasttext::real(i * 2 * kMaxSigmoid) / kSigmoidTableSize - kMaxSigmoid;
    out->sigmoid_table_.push_back(1.0 / (1.0 + std::exp(-x)));
  }
  const int32_t nlabels = out->dict_->nlabels();
  out->nlabels_ = nlabels;
  // Label-major (labels x dim) as fastText stores it; transposed (dim x labels) the product
  // is one contiguous multiply-add per input dimension, which vectorizes without reordering
  // any sum (each label's dot product adds its terms in fastText's order).
  const float* w = out->output_->data();
  out->output_t_.resize(static_cast<size_t>(nlabels) * out->dim_);
  for (int32_t i = 0; i < nlabels; ++i) {
    for (int64_t j = 0; j < out->dim_; ++j) out->output_t_[j * nlabels + i] = w[i * out->dim_ + j];
  }
  out->output_.reset();
  return out;
}

float FastTextInference::Sigmoid(float x) const {
  if (x < -kMaxSigmoid) return 0.0f;
  if (x > kMaxSigmoid) return 1.0f;
  return sigmoid_table_[static_cast<int64_t>((x + kMaxSigmoid) * kSigmoidTableSize /
                                             kMaxSigmoid / 2)];
}

void FastTextInference::AddCharNgrams(const std::string& token, std::vector<int32_t>& rows) const {
  const std::string word = "<" + token + ">";
  std::string ngram;
  for (size_t i = 0; i < word.size(); ++i) {
    if ((word[i] & 0xC0) == 0x80) continue;  // n-grams start on UTF-8 code point boundaries
    ngram.clear();
    for (size_t j = i, n = 1; j < word.size() && n <= static_cast<size_t>(maxn_); ++n) {
      ngram.push_back(word[j++]);
      while (j < word.size() && (word[j] & 0xC0) == 0x80) ngram.push_back(word[j++]);
      if (n >= static_cast<size_t>(minn_) && !(n == 1 && (i == 0 || j == word.size()))) {
        rows.push_back(nwords_ + static_cast<int32_t>(dict_->hash(ngram) % bucket_));
      }
    }
  }
}

void FastTextInference::Features(const std::vector<std::string>& tokens,
                                 std::vector<int32_t>& rows) const {
  // fastText keeps the 32-bit word hashes as int32 and widens them with sign extension when
  // hashing n-grams; the same types here give the same buckets.
  std::vector<int32_t> hashes;
  hashes.reserve(tokens.size() + 1);
  auto add = [&](const std::string& token) {
    if (token.compare(0, label_prefix_.size(), label_prefix_) == 0) return;  // a label
    const uint32_t h = dict_->hash(token);
    const int32_t wid = dict_->getId(token, h);
    if (wid < 0) {
      if (maxn_ > 0 && token != kEos) AddCharNgrams(token, rows);
    } else if (maxn_ <= 0) {
      rows.push_back(wid);
    } else {
      const auto& subwords = dict_->getSubwords(wid);
      rows.insert(rows.end(), subwords.begin(), subwords.end());
    }
    hashes.push_back(static_cast<int32_t>(h));
  };
  bool ended = false;
  for (const auto& token : tokens) {
    add(token);
    if (token == kEos) {
      ended = true;  // fastText stops reading the line there
      break;
    }
  }
  if (!ended) add(kEos);  // the newline that ends every line fastText reads
  const int n = static_cast<int>(hashes.size());
  for (int i = 0; i < n; ++i) {
    uint64_t h = static_cast<uint64_t>(static_cast<int64_t>(hashes[i]));
    for (int j = i + 1; j < n && j < i + word_ngrams_; ++j) {
      h = h * kNgramMultiplier + static_cast<uint64_t>(static_cast<int64_t>(hashes[j]));
      rows.push_back(nwords_ + static_cast<int32_t>(h % static_cast<uint64_t>(bucket_)));
    }
  }
}

bool FastTextInference::Probabilities(const std::vector<std::string>& tokens,
                                      std::vector<float>& out) const {
  std::vector<int32_t> rows;
  rows.reserve(tokens.size() * 2 + 2);
  Features(tokens, rows);
  if (rows.empty()) return false;
  std::vector<float> hidden(dim_, 0.0f);
  const float* input = input_->data();
  for (int32_t r : rows) {
    const float* row = input + static_cast<int64_t>(r) * dim_;
    for (int64_t j = 0; j < dim_; ++j) hidden[j] += row[j];
  }
  const float scale = static_cast<float>(1.0 / rows.size());
  for (auto& h : hidden) h *= scale;

  const size_t nlabels = static_cast<size_t>(nlabels_);
  out.assign(nlabels, 0.0f);
  for (int64_t j = 0; j < dim_; ++j) {
    const float* col = output_t_.data() + j * nlabels;
    const float hj = hidden[j];
    for (size_t i = 0; i < nlabels; ++i) out[i] += col[i] * hj;
  }
  if (!softmax_) {
    for (auto& v : out) v = Sigmoid(v);
    return true;
  }
  float max = out[0], z = 0.0f;
  for (float v : out) max = std::max(v, max);
  for (auto& v : out) {
    v = static_cast<float>(std::exp(static_cast<double>(v - max)));
    z += v;
  }
  for (auto& v : out) v /= z;
  return true;
}

std::vector<std::pair<int, float>> FastTextInference::Top(const std::vector<std::string>& tokens,
                                                          int k, float threshold) const {
  std::vector<std::pair<int, float>> top;
  std::vector<float> probs;
  if (!Probabilities(tokens, probs)) return top;
  for (size_t i = 0; i < probs.size(); ++i) {
    if (probs[i] >= threshold) top.emplace_back(static_cast<int>(i), probs[i]);
  }
  const size_t keep = k < 0 ? top.size() : std::min(top.size(), static_cast<size_t>(k));
  auto better = [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  // Selection then a sort of the few kept: O(n + k log k) for the tags' 1,000 labels.
  if (keep < top.size()) std::nth_element(top.begin(), top.begin() + keep, top.end(), better);
  top.resize(keep);
  std::sort(top.begin(), top.end(), better);
  return top;
}

}  // namespace vv
