#include "models/fasttext_util.h"

#include <fasttext/fasttext.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "features/text_features.h"
#include "models/fasttext_check.h"
#include "models/fasttext_infer.h"
#include "models/growth_util.h"

namespace vv {

namespace {

const char kLabelPrefix[] = "__label__";

Result<int> ReadInt(const nlohmann::json& config, const std::string& key, int value, int lo,
                    int hi, const std::string& model) {
  if (!config.contains(key)) return value;
  const auto& v = config.at(key);
  if (!v.is_number_integer() || v.get<int64_t>() < lo || v.get<int64_t>() > hi) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "must be an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) +
                         "], got " + v.dump(),
                     model + "." + key);
  }
  return v.get<int>();
}

}  // namespace

nlohmann::json MetricValue(double value) {
  if (std::isnan(value) || std::isinf(value)) return nullptr;
  return value;
}

bool IsAutoEpoch(const nlohmann::json& config) {
  return !config.is_object() || !config.contains("epoch") || config.at("epoch") == "auto";
}

int AutoEpochs(size_t examples) {
  if (examples == 0) return 25;
  return static_cast<int>(std::clamp<size_t>((500000 + examples / 2) / examples, 5, 25));
}

Result<FastTextOptions> FastTextOptions::FromJson(const nlohmann::json& config,
                                                  FastTextOptions o, const std::string& model) {
  if (config.is_null()) return o;
  if (!config.is_object()) {
    return MakeError(ErrorCode::kInvalidArgument, "must be an object", model);
  }
  if (!IsAutoEpoch(config)) {
    VV_ASSIGN_OR_RETURN(o.epoch, ReadInt(config, "epoch", o.epoch, 1, 1000, model));
  }
  VV_ASSIGN_OR_RETURN(o.dim, ReadInt(config, "dim", o.dim, 2, 1000, model));
  VV_ASSIGN_OR_RETURN(o.word_ngrams, ReadInt(config, "word_ngrams", o.word_ngrams, 1, 5, model));
  VV_ASSIGN_OR_RETURN(o.min_count, ReadInt(config, "min_count", o.min_count, 1, 1000, model));
  VV_ASSIGN_OR_RETURN(o.minn, ReadInt(config, "minn", o.minn, 0, 10, model));
  VV_ASSIGN_OR_RETURN(o.maxn, ReadInt(config, "maxn", o.maxn, 0, 10, model));
  VV_ASSIGN_OR_RETURN(o.bucket, ReadInt(config, "bucket", o.bucket, 1000, 10000000, model));
  VV_ASSIGN_OR_RETURN(o.threads, ReadInt(config, "threads", o.threads, 1, 64, model));
  VV_ASSIGN_OR_RETURN(o.seed, ReadInt(config, "seed", o.seed, 0, 1 << 30, model));
  if (config.contains("lr")) {
    const auto& v = config.at("lr");
    if (!v.is_number() || v.get<double>() <= 0 || v.get<double>() > 10) {
      return MakeError(ErrorCode::kInvalidArgument, "must be a number in (0, 10]",
                       model + ".lr");
    }
    o.lr = v.get<double>();
  }
  if (o.maxn < o.minn) {
    return MakeError(ErrorCode::kInvalidArgument, "maxn must be >= minn", model + ".maxn");
  }
  return o;
}

nlohmann::json FastTextOptions::ToJson() const {
  return {{"epoch", epoch},   {"lr", lr},         {"dim", dim},       {"word_ngrams", word_ngrams},
          {"min_count", min_count}, {"minn", minn}, {"maxn", maxn},   {"bucket", bucket},
          {"loss", loss},     {"threads", threads}, {"seed", seed}};
}

Result<TempDir> TempDir::Create(const std::string& prefix) {
  std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
  if (mkdtemp(pattern.data()) == nullptr) {
    return MakeError(ErrorCode::kUnavailable, "cannot create a temporary directory", pattern);
  }
  return TempDir(pattern);
}

TempDir::TempDir(TempDir&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }

TempDir::~TempDir() {
  if (path_.empty()) return;
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

FastTextClassifier::FastTextClassifier() : ft_(std::make_unique<fasttext::FastText>()) {}
FastTextClassifier::~FastTextClassifier() = default;

void FastTextClassifier::InitInference() {
  fast_ = FastTextInference::Create(*ft_);
  labels_.clear();
  label_ids_.clear();
  const auto dict = ft_->getDictionary();
  const size_t prefix = sizeof(kLabelPrefix) - 1;
  for (int32_t i = 0; i < dict->nlabels(); ++i) {
    std::string label = dict->getLabel(i);
    if (label.compare(0, prefix, kLabelPrefix) == 0) label.erase(0, prefix);
    label_ids_.emplace(label, i);
    labels_.push_back(std::move(label));
  }
}

Result<std::unique_ptr<FastTextClassifier>> FastTextClassifier::Train(
    const std::vector<LabelledLine>& lines, const FastTextOptions& options,
    const std::string& model) {
  if (lines.empty()) {
    return MakeError(ErrorCode::kFailedPrecondition, model + ": no training examples");
  }
  VV_ASSIGN_OR_RETURN(TempDir dir, TempDir::Create("vv-" + model));
  auto input = dir.path() / "train.txt";
  {
    std::ofstream out(input);
    for (const auto& line : lines) {
      for (const auto& label : line.labels) out << kLabelPrefix << label << ' ';
      out << line.text << '\n';
    }
    if (!out) return MakeError(ErrorCode::kUnavailable, "cannot write", input.string());
  }
  fasttext::Args args;
  args.input = input.string();
  args.output = (dir.path() / "model").string();
  args.model = fasttext::model_name::sup;
  args.epoch = options.epoch;
  args.lr = options.lr;
  args.dim = options.dim;
  args.wordNgrams = options.word_ngrams;
  args.minCount = options.min_count;
  args.minCountLabel = 1;
  args.minn = options.minn;
  args.maxn = options.maxn;
  args.bucket = options.bucket;
  args.thread = options.threads;
  args.seed = options.seed;
  args.verbose = 0;
  if (options.loss == "softmax") {
    args.loss = fasttext::loss_name::softmax;
  } else if (options.loss == "ova") {
    args.loss = fasttext::loss_name::ova;
  } else if (options.loss == "hs") {
    args.loss = fasttext::loss_name::hs;
  } else if (options.loss == "ns") {
    args.loss = fasttext::loss_name::ns;
  } else {
    return MakeError(ErrorCode::kInvalidArgument, "unknown loss '" + options.loss + "'",
                     model + ".loss");
  }
  // A rate too high for the data makes fastText diverge ("Encountered NaN"); halving it and
  // training again (deterministically) is what one would do by hand.
  for (int attempt = 0;; ++attempt) {
    std::unique_ptr<FastTextClassifier> out(new FastTextClassifier());
    out->model_ = model;
    try {
      out->ft_->train(args);
      out->InitInference();
      return out;
    } catch (const std::exception& e) {
      std::string what = e.what();
      if (what.find("NaN") == std::string::npos || attempt == 3) {
        return MakeError(ErrorCode::kFailedPrecondition,
                         model + ": fastText training failed (lr " + std::to_string(args.lr) +
                             "): " + what);
      }
      args.lr /= 2;
    }
  }
}

Result<std::unique_ptr<FastTextClassifier>> FastTextClassifier::Load(
    const std::filesystem::path& file, const std::string& model) {
  if (!std::filesystem::exists(file)) {
    return MakeError(ErrorCode::kNotFound, model + ": fastText model file missing", file.string());
  }
  VV_ASSIGN_OR_RETURN(std::string bytes, ReadTextFile(file));
  return FromBytes(bytes, file.string(), model);
}

Result<std::unique_ptr<FastTextClassifier>> FastTextClassifier::FromBytes(
    std::string_view bytes, const std::string& file, const std::string& model) {
  Status valid = CheckFastTextBin(bytes, file);
  if (!valid.ok()) return std::move(valid.take_error()).WithContext(model);
  // libfasttext reads only from a named file (its stream overload skips the format version
  // check and then reads that member uninitialized), and the bytes it reads must be the ones
  // just checked, not a file that may change meanwhile: an in-memory file holds them.
  const int fd = memfd_create("vv-fasttext", MFD_CLOEXEC);
  if (fd < 0) return MakeError(ErrorCode::kUnavailable, "memfd_create failed", file);
  std::unique_ptr<FastTextClassifier> out(new FastTextClassifier());
  out->model_ = model;
  bool written = true;
  for (size_t done = 0; written && done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    written = n > 0;
    done += written ? static_cast<size_t>(n) : 0;
  }
  std::string error;
  try {
    if (written) out->ft_->loadModel("/proc/self/fd/" + std::to_string(fd));
  } catch (const std::exception& e) {
    error = e.what();
  }
  ::close(fd);
  if (!written) return MakeError(ErrorCode::kUnavailable, "cannot copy the model to memory", file);
  if (!error.empty()) {
    return MakeError(ErrorCode::kDataLoss, model + ": cannot load fastText model: " + error, file);
  }
  out->InitInference();
  return out;
}

Status FastTextClassifier::Save(const std::filesystem::path& file) const {
  try {
    ft_->saveModel(file.string());
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kUnavailable, model_ + ": cannot save fastText model: " + e.what(),
                     file.string());
  }
  if (!std::filesystem::exists(file)) {
    return MakeError(ErrorCode::kUnavailable, model_ + ": fastText model not written",
                     file.string());
  }
  return {};
}

namespace {

// The tokens fastText's readWord would read from a line (up to its first newline).
std::vector<std::string> SplitLine(const std::string& line) {
  std::vector<std::string> tokens;
  std::string token;
  for (char c : line) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f' || c == '\0') {
      if (!token.empty()) tokens.push_back(std::move(token));
      token.clear();
      if (c == '\n') return tokens;
      continue;
    }
    token.push_back(c);
  }
  if (!token.empty()) tokens.push_back(std::move(token));
  return tokens;
}

}  // namespace

std::vector<std::pair<std::string, double>> FastTextClassifier::PredictReference(
    const std::string& line, int k, double threshold) const {
  std::istringstream in(line + "\n");
  std::vector<std::pair<fasttext::real, std::string>> raw;
  ft_->predictLine(in, raw, k, static_cast<fasttext::real>(threshold));
  std::vector<std::pair<std::string, double>> out;
  out.reserve(raw.size());
  const size_t prefix = sizeof(kLabelPrefix) - 1;
  for (auto& [prob, label] : raw) {
    // fastText reports exp(log(p + 1e-5)); removing the offset keeps probabilities summing to 1.
    double p = std::clamp(static_cast<double>(prob) - 1e-5, 0.0, 1.0);
    out.emplace_back(label.compare(0, prefix, kLabelPrefix) == 0 ? label.substr(prefix) : label, p);
  }
  return out;
}

std::vector<std::pair<std::string, double>> FastTextClassifier::Predict(
    const std::vector<std::string>& tokens, int k, double threshold) const {
  if (!fast_) return PredictReference(JoinTokens(tokens), k, threshold);
  std::vector<std::pair<std::string, double>> out;
  for (const auto& [id, p] : fast_->Top(tokens, k, static_cast<float>(threshold))) {
    out.emplace_back(labels_[id], std::clamp(static_cast<double>(p), 0.0, 1.0));
  }
  return out;
}

std::vector<std::pair<int, double>> FastTextClassifier::PredictIds(
    const std::vector<std::string>& tokens, int k) const {
  std::vector<std::pair<int, double>> out;
  if (fast_) {
    for (const auto& [id, p] : fast_->Top(tokens, k, 0.0f)) {
      out.emplace_back(id, std::clamp(static_cast<double>(p), 0.0, 1.0));
    }
    return out;
  }
  for (const auto& [label, p] : Predict(tokens, k)) {
    out.emplace_back(label_ids_.at(label), p);
  }
  return out;
}

std::vector<std::pair<std::string, double>> FastTextClassifier::Predict(const std::string& line,
                                                                        int k,
                                                                        double threshold) const {
  return Predict(SplitLine(line), k, threshold);
}

double FastTextClassifier::LabelProbability(const std::vector<std::string>& tokens,
                                            const std::string& label) const {
  if (fast_) {
    auto it = label_ids_.find(label);
    std::vector<float> probs;
    if (it == label_ids_.end() || !fast_->Probabilities(tokens, probs)) return 0.0;
    const int id = it->second;
    return std::clamp(static_cast<double>(probs[id]), 0.0, 1.0);
  }
  for (const auto& [l, p] : Predict(tokens, -1)) {
    if (l == label) return p;
  }
  return 0.0;
}

double FastTextClassifier::LabelProbability(const std::string& line,
                                            const std::string& label) const {
  return LabelProbability(SplitLine(line), label);
}

int FastTextClassifier::LabelCount() const { return ft_->getDictionary()->nlabels(); }

}  // namespace vv
