#pragma once
// Hashes of text that are the same on every platform and run (std::hash is not): what decides
// a video's split, its injected anomaly or whether a model was trained on it must not move.
#include <cstdint>
#include <string_view>

namespace vv {

// FNV-1a, its offset basis xor-ed with seed.
inline uint64_t Fnv1a(std::string_view text, uint64_t seed = 0) {
  uint64_t h = 1469598103934665603ULL ^ seed;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
  return h;
}

// FNV-1a then a splitmix64 finaliser mixed with the seed: well spread in every bit, for ordering
// groups or cutting folds by the hash.
inline uint64_t MixedHash(std::string_view text, uint64_t seed) {
  uint64_t z = Fnv1a(text) ^ (seed + 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace vv
