#include "serve/model_stats.h"

#include <fmt/format.h>

namespace vv::serve {

void ModelStats::AppendPrometheus(const std::string& model, const std::string& version,
                                  Families* out) const {
  const std::string labels = fmt::format("model=\"{}\",version=\"{}\"", model, version);
  // The errors are read before the buckets: a prediction counted between the two reads shows
  // as ok, never ok going negative.
  const uint64_t errors = errors_.load(std::memory_order_relaxed);
  uint64_t cumulative = 0;
  for (size_t b = 0; b <= kBuckets.size(); ++b) {
    cumulative += buckets_[b].load(std::memory_order_relaxed);
    const std::string le = b == kBuckets.size() ? "+Inf" : fmt::format("{}", kBuckets[b]);
    out->latency += fmt::format("vv_prediction_duration_seconds_bucket{{{},le=\"{}\"}} {}\n",
                                labels, le, cumulative);
  }
  const uint64_t ok = cumulative > errors ? cumulative - errors : 0;
  out->predictions += fmt::format("vv_predictions_total{{{},outcome=\"ok\"}} {}\n", labels, ok);
  out->predictions +=
      fmt::format("vv_predictions_total{{{},outcome=\"error\"}} {}\n", labels, errors);
  out->latency += fmt::format("vv_prediction_duration_seconds_sum{{{}}} {:.9f}\n", labels,
                              sum_ns_.load(std::memory_order_relaxed) / 1e9);
  out->latency += fmt::format("vv_prediction_duration_seconds_count{{{}}} {}\n", labels, cumulative);
  out->cache += fmt::format("vv_model_cache_requests_total{{{},result=\"hit\"}} {}\n", labels,
                            hits_.load(std::memory_order_relaxed));
  out->cache += fmt::format("vv_model_cache_requests_total{{{},result=\"miss\"}} {}\n", labels,
                            misses_.load(std::memory_order_relaxed));
}

}  // namespace vv::serve
