#pragma once
// A read-only map from term to its position in a list, for the TF-IDF vocabulary: open
// addressing over one flat array of (hash, index) slots. std::unordered_map chases a node per
// probe; serving's genre head looks up every unigram and bigram of a video, and those cache
// misses were most of its cost.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vv::eval {

class TermIndex {
 public:
  // Term terms[i] maps to i; a repeated term to its last position.
  void Build(std::vector<std::string> terms);
  // The position of term, -1 when absent.
  int Find(std::string_view term) const;
  const std::vector<std::string>& terms() const { return terms_; }
  size_t size() const { return terms_.size(); }

 private:
  struct Slot {
    uint32_t hash = 0;
    int32_t index = -1;  // -1: empty
  };
  static uint64_t Hash(std::string_view term);
  std::vector<std::string> terms_;
  std::vector<Slot> slots_;
  uint64_t mask_ = 0;
};

}  // namespace vv::eval
