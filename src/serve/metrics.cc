#include "serve/metrics.h"

#include <fmt/format.h>

namespace vv::serve {

ServerMetrics::ServerMetrics(std::vector<std::string> route_labels)
    : labels_(std::move(route_labels)) {
  labels_.push_back("unmatched");
  routes_ = std::make_unique<PerRoute[]>(labels_.size());
}

size_t ServerMetrics::StatusSlot(int status) {
  for (size_t i = 0; i < kStatuses.size(); ++i) {
    if (kStatuses[i] == status) return i;
  }
  return kStatuses.size() - 1;  // other statuses share the last slot, labelled "other"
}

void ServerMetrics::Record(int route, int status, std::string_view error_code, double seconds) {
  size_t r = route < 0 ? labels_.size() - 1 : static_cast<size_t>(route);
  PerRoute& p = routes_[r];
  p.by_status[StatusSlot(status)].fetch_add(1, std::memory_order_relaxed);
  size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  p.buckets[b].fetch_add(1, std::memory_order_relaxed);
  p.sum_us.fetch_add(static_cast<uint64_t>(seconds * 1e6), std::memory_order_relaxed);
  p.count.fetch_add(1, std::memory_order_relaxed);
  if (!error_code.empty()) {
    size_t e = 0;
    while (e < kErrorCodes.size() && kErrorCodes[e] != error_code) ++e;
    errors_[e].fetch_add(1, std::memory_order_relaxed);
  }
}

void ServerMetrics::AppendPrometheus(std::string* out) const {
  auto& o = *out;
  o += "# HELP vv_http_requests_total HTTP requests by route and status code.\n";
  o += "# TYPE vv_http_requests_total counter\n";
  for (size_t r = 0; r < labels_.size(); ++r) {
    for (size_t s = 0; s < kStatuses.size(); ++s) {
      uint64_t n = routes_[r].by_status[s].load(std::memory_order_relaxed);
      if (n == 0) continue;
      std::string code = s == kStatuses.size() - 1 ? "other" : std::to_string(kStatuses[s]);
      o += fmt::format("vv_http_requests_total{{route=\"{}\",code=\"{}\"}} {}\n", labels_[r],
                       code, n);
    }
  }
  o += "# HELP vv_http_request_duration_seconds Time from full request to response, by route.\n";
  o += "# TYPE vv_http_request_duration_seconds histogram\n";
  for (size_t r = 0; r < labels_.size(); ++r) {
    const PerRoute& p = routes_[r];
    uint64_t count = p.count.load(std::memory_order_relaxed);
    if (count == 0) continue;
    uint64_t cumulative = 0;
    for (size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += p.buckets[b].load(std::memory_order_relaxed);
      std::string le = b == kBuckets.size() ? "+Inf" : fmt::format("{}", kBuckets[b]);
      o += fmt::format("vv_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                       labels_[r], le, cumulative);
    }
    o += fmt::format("vv_http_request_duration_seconds_sum{{route=\"{}\"}} {:.6f}\n", labels_[r],
                     p.sum_us.load(std::memory_order_relaxed) / 1e6);
    o += fmt::format("vv_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", labels_[r],
                     count);
  }
  o += "# HELP vv_http_errors_total Error responses by error code.\n";
  o += "# TYPE vv_http_errors_total counter\n";
  for (size_t e = 0; e <= kErrorCodes.size(); ++e) {
    std::string_view code = e == kErrorCodes.size() ? std::string_view("other") : kErrorCodes[e];
    o += fmt::format("vv_http_errors_total{{code=\"{}\"}} {}\n", code,
                     errors_[e].load(std::memory_order_relaxed));
  }
}

}  // namespace vv::serve
