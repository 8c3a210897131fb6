#include "models/fasttext_check.h"

#include <cmath>
#include <cstdint>
#include <cstring>

namespace vv {

namespace {

// libfasttext 0.9.2's constants (fasttext.cc, args.h, dictionary.h).
constexpr int32_t kMagic = 793712314;
constexpr int32_t kFileVersion = 12;
constexpr int32_t kModelSupervised = 3;  // model_name::sup
constexpr int32_t kLossFirst = 1;        // loss_name: hs, ns, softmax, ova
constexpr int32_t kLossLast = 4;
constexpr int8_t kWordEntry = 0;  // entry_type
constexpr int8_t kLabelEntry = 1;
// Args::label is not saved in the file: the labels are told from the words by this default.
constexpr std::string_view kLabelPrefix = "__label__";
// Far above any model of ours; they keep the products below far from overflowing.
constexpr int32_t kMaxDim = 1 << 16;
constexpr int32_t kMaxBucket = 1 << 28;
constexpr int32_t kMaxNgram = 100;  // wordNgrams, minn, maxn
constexpr float kMaxWeight = 1e6f;
// The hierarchical softmax's "no node yet" (CheckEntry).
constexpr int64_t kMaxLabelCounts = 1'000'000'000'000'000LL;
// The least one dictionary entry takes: the NUL ending its word, its count, its type.
constexpr uint64_t kMinEntryBytes = 1 + sizeof(int64_t) + sizeof(int8_t);

// Reads the file's native-endian values, refusing to go past its end.
class Reader {
 public:
  Reader(std::string_view bytes, const std::string& file) : bytes_(bytes), file_(file) {}

  template <typename T>
  bool Read(T* out) {
    if (Remaining() < sizeof(T)) return false;
    std::memcpy(out, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  // A word: the bytes up to the next NUL, which is consumed.
  bool ReadWord(std::string_view* out) {
    const size_t end = bytes_.find('\0', pos_);
    if (end == std::string_view::npos) return false;
    *out = bytes_.substr(pos_, end - pos_);
    pos_ = end + 1;
    return true;
  }
  bool Take(uint64_t n, std::string_view* out) {
    if (n > Remaining()) return false;
    *out = bytes_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  uint64_t Remaining() const { return bytes_.size() - pos_; }

  Error Fail(const std::string& what) const {
    return MakeError(ErrorCode::kDataLoss,
                     "fastText model: " + what + " (at byte " + std::to_string(pos_) + " of " +
                         std::to_string(bytes_.size()) + ")",
                     file_);
  }
  Error Truncated(const std::string& where) const { return Fail("truncated in " + where); }

 private:
  std::string_view bytes_;
  const std::string& file_;
  size_t pos_ = 0;
};

struct Args {
  int32_t dim, ws, epoch, min_count, neg, word_ngrams, loss, model, bucket, minn, maxn,
      lr_update_rate;
  double t;
};

std::string Str(int64_t v) { return std::to_string(v); }

Result<Args> CheckHeader(Reader& in) {
  int32_t magic = 0, version = 0;
  if (!in.Read(&magic) || magic != kMagic) return in.Fail("no fastText magic number");
  if (!in.Read(&version)) return in.Truncated("the header");
  if (version != kFileVersion) {
    return in.Fail("file format " + Str(version) + ", this program reads " + Str(kFileVersion));
  }
  Args a{};
  for (int32_t* v : {&a.dim, &a.ws, &a.epoch, &a.min_count, &a.neg, &a.word_ngrams, &a.loss,
                     &a.model, &a.bucket, &a.minn, &a.maxn, &a.lr_update_rate}) {
    if (!in.Read(v)) return in.Truncated("the arguments");
  }
  if (!in.Read(&a.t)) return in.Truncated("the arguments");
  if (a.model != kModelSupervised) {
    return in.Fail("not a supervised model (model " + Str(a.model) + ")");
  }
  if (a.loss < kLossFirst || a.loss > kLossLast) return in.Fail("unknown loss " + Str(a.loss));
  if (a.dim < 1 || a.dim > kMaxDim) {
    return in.Fail("dimension " + Str(a.dim) + " outside [1, " + Str(kMaxDim) + "]");
  }
  for (int32_t n : {a.word_ngrams, a.minn, a.maxn}) {
    if (n < 0 || n > kMaxNgram) return in.Fail("n-gram length " + Str(n) + " outside [0, 100]");
  }
  if (a.word_ngrams < 1) return in.Fail("wordNgrams 0");
  if (a.bucket < 0 || a.bucket > kMaxBucket) return in.Fail("bucket count " + Str(a.bucket));
  // Character and word n-grams are hashed modulo the bucket count.
  if (a.bucket == 0 && (a.word_ngrams > 1 || a.maxn > 0)) {
    return in.Fail("n-grams without hash buckets");
  }
  return a;
}

struct Vocabulary {
  int32_t nwords = 0;
  int32_t nlabels = 0;
};

// One entry: its word, count and type. fastText saves the words, then the labels, each sorted by
// count, highest first. The hierarchical softmax builds its Huffman tree on that order, with 1e15
// as "no node yet": unsorted, zero or huge label counts make a tree whose search runs off its
// arrays or recurses once per label.
Status CheckEntry(Reader& in, int32_t i, bool label, int64_t* previous, int64_t* label_total) {
  std::string_view word;
  int64_t count = 0;
  int8_t type = 0;
  if (!in.ReadWord(&word) || !in.Read(&count) || !in.Read(&type)) {
    return in.Truncated("dictionary entry " + Str(i));
  }
  if (type != (label ? kLabelEntry : kWordEntry)) {
    return in.Fail("dictionary entry " + Str(i) + " has type " + Str(type) + ", expected " +
                   (label ? "a label" : "a word"));
  }
  if (count < (label ? 1 : 0) || count > *previous) {
    return in.Fail("dictionary entry " + Str(i) + " has count " + Str(count) +
                   " (counts run from the highest down, labels' from 1)");
  }
  *previous = count;
  if (label && (*label_total += count) >= kMaxLabelCounts) {
    return in.Fail("the label counts sum to 1e15 or more");
  }
  if (label && word.substr(0, kLabelPrefix.size()) != kLabelPrefix) {
    return in.Fail("dictionary entry " + Str(i) + " is a label without the __label__ prefix");
  }
  return {};
}

Result<Vocabulary> CheckDictionary(Reader& in) {
  int32_t size = 0, nwords = 0, nlabels = 0;
  int64_t ntokens = 0, pruneidx_size = 0;
  if (!in.Read(&size) || !in.Read(&nwords) || !in.Read(&nlabels) || !in.Read(&ntokens) ||
      !in.Read(&pruneidx_size)) {
    return in.Truncated("the dictionary header");
  }
  if (nwords < 0 || nlabels < 1 || int64_t{nwords} + nlabels != size) {
    return in.Fail("dictionary of " + Str(size) + " entries with " + Str(nwords) + " words and " +
                   Str(nlabels) + " labels");
  }
  if (static_cast<uint64_t>(size) > in.Remaining() / kMinEntryBytes) {
    return in.Fail(Str(size) + " dictionary entries cannot fit in the " + Str(in.Remaining()) +
                   " bytes left");
  }
  if (pruneidx_size >= 0) return in.Fail("a pruned dictionary (only quantized models have one)");
  int64_t previous = kMaxLabelCounts, label_total = 0;
  for (int32_t i = 0; i < size; ++i) {
    if (i == nwords) previous = kMaxLabelCounts;  // the labels' own descending order starts
    VV_RETURN_IF_ERROR(CheckEntry(in, i, i >= nwords, &previous, &label_total));
  }
  return Vocabulary{nwords, nlabels};
}

Status CheckMatrix(Reader& in, const std::string& name, int64_t rows, int64_t cols) {
  int64_t m = 0, n = 0;
  if (!in.Read(&m) || !in.Read(&n)) return in.Truncated("the " + name + " matrix header");
  if (m != rows || n != cols) {
    return in.Fail(name + " matrix is " + Str(m) + " x " + Str(n) + ", expected " + Str(rows) +
                   " x " + Str(cols));
  }
  // rows < 2^32 and cols <= 2^16: no overflow.
  const uint64_t bytes = static_cast<uint64_t>(rows) * static_cast<uint64_t>(cols) * sizeof(float);
  std::string_view weights;
  if (!in.Take(bytes, &weights)) {
    return in.Fail(name + " matrix needs " + Str(static_cast<int64_t>(bytes)) + " bytes, " +
                   Str(static_cast<int64_t>(in.Remaining())) + " left");
  }
  // libfasttext throws from inside a prediction when a dot product is NaN: bounded weights
  // keep every sum finite (trained ones stay within a few units).
  for (size_t i = 0; i < weights.size(); i += sizeof(float)) {
    float w;
    std::memcpy(&w, weights.data() + i, sizeof(float));
    if (!(std::fabs(w) <= kMaxWeight)) {
      return in.Fail(name + " matrix holds a weight beyond 1e6 (or NaN): " + std::to_string(w));
    }
  }
  return {};
}

// libfasttext reads these bytes as bool: any value but 0 and 1 is undefined behaviour.
Result<bool> ReadFlag(Reader& in, const std::string& name) {
  uint8_t flag = 0;
  if (!in.Read(&flag)) return in.Truncated("the " + name + " flag");
  if (flag > 1) return in.Fail(name + " flag " + Str(flag) + " is neither 0 nor 1");
  return flag == 1;
}

}  // namespace

Status CheckFastTextBin(std::string_view bytes, const std::string& file) {
  Reader in(bytes, file);
  VV_ASSIGN_OR_RETURN(Args args, CheckHeader(in));
  VV_ASSIGN_OR_RETURN(Vocabulary vocab, CheckDictionary(in));
  VV_ASSIGN_OR_RETURN(bool quantized, ReadFlag(in, "input quantization"));
  if (quantized) return in.Fail("a quantized model (vv neither writes nor reads them)");
  VV_RETURN_IF_ERROR(CheckMatrix(in, "input", int64_t{vocab.nwords} + args.bucket, args.dim));
  VV_RETURN_IF_ERROR(ReadFlag(in, "output quantization"));
  VV_RETURN_IF_ERROR(CheckMatrix(in, "output", vocab.nlabels, args.dim));
  if (in.Remaining() != 0) {
    return in.Fail(Str(static_cast<int64_t>(in.Remaining())) +
                   " unexpected bytes after the output matrix");
  }
  return {};
}

}  // namespace vv
