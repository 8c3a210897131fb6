// A fastText .bin is checked against its own bytes before libfasttext reads it: every truncation
// and every inconsistent header is an error value naming the file, never a crash.
#include "models/fasttext_check.h"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>

#include "models/fasttext_util.h"

namespace vv {
namespace {

// A tiny model (dim 4, 64 buckets, character and word n-grams): a few kilobytes.
std::string TinyModelBytes() {
  static const std::string bytes = [] {
    std::vector<LabelledLine> lines;
    for (int i = 0; i < 40; ++i) {
      lines.push_back({{i % 2 ? "music" : "sports"},
                       i % 2 ? "live concert guitar song" : "goal match league final"});
    }
    FastTextOptions options;
    options.dim = 4;
    options.bucket = 64;
    options.minn = 2;
    options.maxn = 3;
    options.epoch = 5;
    auto model = FastTextClassifier::Train(lines, options, "test");
    EXPECT_TRUE(model.ok()) << model.error().ToString();
    auto dir = TempDir::Create("vv-ftcheck");
    EXPECT_TRUE(dir.ok());
    EXPECT_TRUE((*model)->Save(dir->path() / "m.bin").ok());
    std::ifstream in(dir->path() / "m.bin", std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }();
  return bytes;
}

template <typename T>
void Put(std::string* bytes, size_t offset, T value) {
  std::memcpy(bytes->data() + offset, &value, sizeof(T));
}

// Offsets of fastText 0.9.2's header: magic, version, then the twelve int32 arguments.
constexpr size_t kDimOffset = 8;
constexpr size_t kBucketOffset = 8 + 8 * 4;
constexpr size_t kDictionaryOffset = 8 + 12 * 4 + 8;  // after the double `t`

TEST(FastTextCheck, AcceptsAndLoadsAValidModel) {
  const std::string bytes = TinyModelBytes();
  Status valid = CheckFastTextBin(bytes, "m.bin");
  ASSERT_TRUE(valid.ok()) << valid.error().ToString();
  auto model = FastTextClassifier::FromBytes(bytes, "m.bin", "test");
  ASSERT_TRUE(model.ok()) << model.error().ToString();
  EXPECT_EQ((*model)->LabelCount(), 2);
  EXPECT_EQ((*model)->Predict("goal match", 1).front().first, "sports");
}

TEST(FastTextCheck, EveryTruncationIsAnError) {
  const std::string bytes = TinyModelBytes();
  for (size_t n = 0; n < bytes.size(); n += n < 512 ? 1 : 97) {
    Status st = CheckFastTextBin(std::string_view(bytes).substr(0, n), "m.bin");
    ASSERT_FALSE(st.ok()) << "accepted the first " << n << " bytes";
    EXPECT_EQ(st.error().code, ErrorCode::kDataLoss);
    EXPECT_EQ(st.error().path, "m.bin");
    EXPECT_FALSE(FastTextClassifier::FromBytes(bytes.substr(0, n), "m.bin", "test").ok());
  }
  EXPECT_FALSE(CheckFastTextBin(bytes + '\0', "m.bin").ok());  // trailing bytes
}

TEST(FastTextCheck, RefusesInconsistentHeaders) {
  const std::string good = TinyModelBytes();
  auto refused = [&](std::string bytes, const std::string& expected) {
    Status st = CheckFastTextBin(bytes, "m.bin");
    ASSERT_FALSE(st.ok()) << expected;
    EXPECT_NE(st.error().message.find(expected), std::string::npos) << st.error().message;
    EXPECT_FALSE(FastTextClassifier::FromBytes(bytes, "m.bin", "test").ok());
  };
  std::string bytes = good;
  Put<int32_t>(&bytes, 0, 1234);
  refused(bytes, "magic");
  bytes = good;
  Put<int32_t>(&bytes, kDimOffset, 1 << 30);  // would size the matrices
  refused(bytes, "dimension");
  bytes = good;
  Put<int32_t>(&bytes, kDimOffset, 5);  // plausible, but not what the matrices hold
  refused(bytes, "matrix is");
  bytes = good;
  Put<int32_t>(&bytes, kBucketOffset, 0);  // n-grams hashed modulo zero
  refused(bytes, "without hash buckets");
  bytes = good;
  Put<int32_t>(&bytes, kDictionaryOffset, 2000000000);  // vocabulary size
  refused(bytes, "dictionary of");
  bytes = good;
  Put<int32_t>(&bytes, kDictionaryOffset, 1 << 20);  // words + labels grown alike
  Put<int32_t>(&bytes, kDictionaryOffset + 4, (1 << 20) - 2);
  refused(bytes, "cannot fit");
  // Found by tests/fuzz/fasttext_fuzz.cc: a NaN weight made libfasttext throw from inside a
  // prediction; a label count past 1e15 made its Huffman tree search run off its arrays.
  bytes = good;
  Put<float>(&bytes, bytes.size() - 4, std::numeric_limits<float>::quiet_NaN());
  refused(bytes, "NaN");
  bytes = good;
  const size_t label = bytes.find("__label__");
  ASSERT_NE(label, std::string::npos);
  const size_t count = bytes.find('\0', label) + 1;
  Put<int64_t>(&bytes, count, int64_t{1} << 60);
  refused(bytes, "has count");
  bytes = good;
  bytes[label] = 'x';
  refused(bytes, "without the __label__ prefix");
}

}  // namespace
}  // namespace vv
