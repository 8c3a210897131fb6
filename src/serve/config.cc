#include "serve/config.h"

#include <algorithm>
#include <thread>

namespace vv::serve {

int DefaultWorkers() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

Status ServeConfig::Validate() const {
  auto bad = [](const std::string& what, const std::string& why) {
    return MakeError(ErrorCode::kInvalidArgument, what + " " + why, what);
  };
  if (port < 0 || port > 65535) return bad("--port", "must be between 0 and 65535");
  if (threads < 1 || threads > 256) return bad("--threads", "must be between 1 and 256");
  if (workers < 0 || workers > 1024) return bad("--workers", "must be between 0 and 1024");
  if (work_queue < 1) return bad("--work-queue", "must be at least 1");
  if (host.empty()) return bad("--host", "must not be empty");
  if (max_body_bytes < 1024) return bad("--max-body", "must be at least 1024 bytes");
  if (max_batch < 1) return bad("--max-batch", "must be at least 1");
  if (max_connections < 1) return bad("--max-connections", "must be at least 1");
  if (read_timeout.count() <= 0) return bad("--read-timeout-ms", "must be positive");
  if (idle_timeout.count() <= 0) return bad("--idle-timeout-ms", "must be positive");
  if (reload_interval.count() < 0) return bad("--reload-interval-ms", "must not be negative");
  if (cache_ttl.count() <= 0) return bad("--cache-ttl-ms", "must be positive");
  if (ready_models && ready_models->empty()) return bad("--ready-models", "must name a model");
  if (drift_record_interval.count() < 0) {
    return bad("drift.record_interval_s", "must not be negative");
  }
  if (Status t = drift_thresholds.Validate(); !t.ok()) {
    return bad("drift." + t.error().path, t.error().message);
  }
  return {};
}

}  // namespace vv::serve
