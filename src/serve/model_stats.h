#pragma once
// Per model version counters for GET /metrics: predictions (ok / error), their latency
// histogram, and response cache hits and misses. Lock-free on the request path: a few relaxed
// atomic adds per prediction, on an object the loaded model carries (LoadedModel::stats), so no
// lookup by name either. ModelSet keeps one per (model, version) for the life of the process, so
// a version's counters survive its unloading and a reload of the same version continues them.
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace vv::serve {

class ModelStats {
 public:
  // Upper bounds in seconds: single predictions take microseconds (viral ~3 us, tags ~150 us).
  static constexpr std::array<double, 15> kBuckets = {
      0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025,
      0.005,   0.01,     0.025,   0.05,   0.1,     0.25,   1.0};

  void RecordPrediction(std::chrono::steady_clock::duration took, bool ok) {
    const double seconds = std::chrono::duration<double>(took).count();
    size_t b = 0;
    while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
    buckets_[b].fetch_add(1, std::memory_order_relaxed);
    sum_ns_.fetch_add(std::chrono::duration_cast<std::chrono::nanoseconds>(took).count(),
                      std::memory_order_relaxed);
    // ok = all predictions - errors: one atomic add fewer on the common path.
    if (!ok) errors_.fetch_add(1, std::memory_order_relaxed);
  }
  void RecordCache(bool hit) { (hit ? hits_ : misses_).fetch_add(1, std::memory_order_relaxed); }

  // Appends this version's series (Prometheus text, no HELP/TYPE lines) to the per-family
  // strings, so the caller can print each family once for every model.
  struct Families {
    std::string predictions, latency, cache;
  };
  void AppendPrometheus(const std::string& model, const std::string& version,
                        Families* out) const;

 private:
  std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets_{};  // last = +Inf
  std::atomic<uint64_t> sum_ns_{0};
  std::atomic<uint64_t> errors_{0};
  std::atomic<uint64_t> hits_{0};
  std::atomic<uint64_t> misses_{0};
};

}  // namespace vv::serve
