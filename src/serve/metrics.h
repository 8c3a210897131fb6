#pragma once
// Request counters and latency histograms for GET /metrics (Prometheus text format). Lock-free:
// one relaxed atomic add per counter on the request path.
#include <array>
#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace vv::serve {

class ServerMetrics {
 public:
  // Latency bucket upper bounds in seconds.
  static constexpr std::array<double, 14> kBuckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025,
                                                      0.005,  0.01,    0.025,  0.05,  0.1,
                                                      0.25,   0.5,     1.0,    2.5};
  // Route labels in route-table order ("POST /v1/predict/{model}"); one more slot is added for
  // requests that matched no route.
  explicit ServerMetrics(std::vector<std::string> route_labels);

  // route < 0: no route matched. error_code: empty for successes.
  void Record(int route, int status, std::string_view error_code, double seconds);
  void AppendPrometheus(std::string* out) const;

 private:
  static constexpr std::array<int, 16> kStatuses = {200, 204, 400, 401, 403, 404, 405, 408,
                                                    409, 413, 415, 431, 500, 503, 0,   0};
  static constexpr std::array<std::string_view, 15> kErrorCodes = {
      "invalid_argument", "not_found",          "already_exists",  "failed_precondition",
      "unavailable",      "resource_exhausted", "data_loss",       "internal",
      "method_not_allowed", "payload_too_large", "request_timeout", "unsupported_media_type",
      "unauthorized",     "forbidden",          "overloaded"};
  struct PerRoute {
    std::array<std::atomic<uint64_t>, kStatuses.size()> by_status{};
    std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets{};  // last = +Inf
    std::atomic<uint64_t> sum_us{0};
    std::atomic<uint64_t> count{0};
  };
  static size_t StatusSlot(int status);

  std::vector<std::string> labels_;
  std::unique_ptr<PerRoute[]> routes_;
  std::array<std::atomic<uint64_t>, kErrorCodes.size() + 1> errors_{};  // last = other
};

}  // namespace vv::serve
