#pragma once
// Portable random numbers for the data generator. std::*_distribution differ between standard
// libraries, so the same seed would give different data sets on different machines; these are
// written out from uniform bits so that only std::mt19937_64 (fully specified) and libm remain.
#include <cmath>
#include <cstdint>
#include <random>
#include <span>
#include <string>

namespace vv::gen {

// SplitMix64's finalizer: a bijection on 64-bit values, so distinct inputs give distinct ids.
inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}
  // A stream of its own for (seed, stream, index): a video's numbers do not depend on how many
  // numbers the videos before it drew, so batches and tests can generate any video alone.
  static Rng For(uint64_t seed, uint64_t stream, uint64_t index) {
    return Rng(Mix64(Mix64(seed ^ (stream * 0x9e3779b97f4a7c15ULL)) + index));
  }

  uint64_t Bits() { return engine_(); }
  // Uniform in [0, 1) with 53 random bits.
  double Uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  // Uniform integer in [lo, hi] (inclusive); the modulo bias is below 2^-40 for our ranges.
  int64_t Int(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(engine_() % static_cast<uint64_t>(hi - lo + 1));
  }
  bool Bernoulli(double p) { return Uniform() < p; }
  // Box-Muller; one value per call keeps the stream position independent of caching.
  double Normal(double mean = 0.0, double sd = 1.0) {
    double u1 = 1.0 - Uniform();  // (0, 1]
    double u2 = Uniform();
    return mean + sd * std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  // exp(N(log(median), sigma)): parameterised by the median, which is what the data shows.
  double LogNormal(double median, double sigma) { return median * std::exp(Normal(0.0, sigma)); }
  // Pareto with scale xm and tail index alpha (heavier tail for smaller alpha).
  double Pareto(double xm, double alpha) { return xm / std::pow(1.0 - Uniform(), 1.0 / alpha); }
  // Index drawn with probability proportional to weights[i].
  size_t Weighted(std::span<const double> weights) {
    double total = 0;
    for (double w : weights) total += w;
    double x = Uniform() * total;
    for (size_t i = 0; i < weights.size(); ++i) {
      x -= weights[i];
      if (x < 0) return i;
    }
    return weights.size() - 1;
  }

 private:
  std::mt19937_64 engine_;
};

// YouTube-like id: `length` characters of the base64url alphabet taken from the bits of value.
inline std::string Base64UrlId(uint64_t value, int length) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string id(static_cast<size_t>(length), 'A');
  uint64_t extra = Mix64(value + 0x632be59bd9b4e019ULL);
  for (int i = 0; i < length; ++i) {
    // The first 11 characters carry all 64 bits of value (unique); the rest come from a second
    // hash.
    uint64_t source = i < 11 ? value >> (6 * i) : extra >> (6 * (i - 11));
    id[static_cast<size_t>(i)] = kAlphabet[source & 63];
  }
  return id;
}

}  // namespace vv::gen
