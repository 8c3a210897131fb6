#include "eval/term_index.h"

namespace vv::eval {

uint64_t TermIndex::Hash(std::string_view term) {
  uint64_t h = 14695981039346656037ull;  // FNV-1a: terms are short, a byte loop is fastest
  for (unsigned char c : term) h = (h ^ c) * 1099511628211ull;
  return h ^ (h >> 32);
}

void TermIndex::Build(std::vector<std::string> terms) {
  terms_ = std::move(terms);
  size_t capacity = 16;
  while (capacity < terms_.size() * 2) capacity *= 2;  // load factor <= 1/2
  slots_.assign(capacity, Slot{});
  mask_ = capacity - 1;
  for (size_t i = 0; i < terms_.size(); ++i) {
    const uint64_t h = Hash(terms_[i]);
    uint64_t s = h & mask_;
    while (slots_[s].index >= 0 && terms_[slots_[s].index] != terms_[i]) s = (s + 1) & mask_;
    slots_[s] = {static_cast<uint32_t>(h), static_cast<int32_t>(i)};
  }
}

int TermIndex::Find(std::string_view term) const {
  if (slots_.empty()) return -1;
  const uint64_t h = Hash(term);
  for (uint64_t s = h & mask_;; s = (s + 1) & mask_) {
    const Slot& slot = slots_[s];
    if (slot.index < 0) return -1;
    if (slot.hash == static_cast<uint32_t>(h) && terms_[slot.index] == term) return slot.index;
  }
}

}  // namespace vv::eval
