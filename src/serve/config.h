#pragma once
// vv serve's settings, one struct with defaults (DESIGN.md "Config"): flags override the
// VV_* environment, which overrides these defaults.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "monitor/drift_report.h"
#include "serve/validate.h"

namespace vv::serve {

// The machine's hardware threads (at least 1): the default number of workers.
int DefaultWorkers();

struct ServeConfig {
  std::string host = "127.0.0.1";
  int port = 8080;                 // 0 = any free port (tests)
  int threads = 2;                 // io threads, each running its own io_context
  // Threads of the pool that runs the heavy routes (predictions, store queries, reloads) off
  // the io threads, so that cheap routes answer while models work; 0 = no pool, the heavy
  // routes run on the io threads.
  int workers = DefaultWorkers();
  // Heavy requests that may wait for a worker beyond those running; more are answered 503
  // (overloaded) with Retry-After at once.
  size_t work_queue = 256;
  std::string db_url;              // empty = ResolveStoreUrl("") (VV_DB or sqlite:var/vv.db)
  std::string registry_dir = "models";
  std::string web_dir = "web/dist";  // the built web app served at / (SPA); relative to the cwd
  size_t max_body_bytes = 1 << 20;            // larger bodies get 413
  size_t max_header_bytes = 16 << 10;
  size_t max_batch = 1000;                    // videos per POST /v1/predict/batch
  std::chrono::milliseconds read_timeout{10'000};   // a started request must arrive within this
  std::chrono::milliseconds idle_timeout{60'000};   // keep-alive connections idle longer close
  std::chrono::milliseconds shutdown_grace{10'000}; // in-flight requests get this long on SIGTERM
  std::chrono::milliseconds reload_interval{5'000}; // registry alias poll; 0 = off
  // Open connections beyond this are closed as soon as they are accepted, so a flood of idle
  // clients cannot take every file descriptor. Capped at start to RLIMIT_NOFILE minus a reserve
  // for the store, the registry and the logs.
  size_t max_connections = 10'000;
  size_t cache_entries = 10'000;                     // 0 = no response cache
  std::chrono::milliseconds cache_ttl{60'000};
  // "" = no CORS headers; "*" = any origin; otherwise a comma-separated list of origins.
  std::string cors_origins;
  // Bearer token for the admin routes, from VV_ADMIN_TOKEN (never a flag: it would show in ps).
  // Empty = admin routes answer 403.
  std::string admin_token;
  bool access_log = true;  // one JSON line per request on stderr
  // The models GET /readyz requires loaded: nullopt = every model with a champion alias (a model
  // never promoted does not block); else these names (config/serve.yaml readiness.models,
  // --ready-models).
  std::optional<std::vector<std::string>> ready_models;
  // config/serve.yaml drift.*: the ok / warn / drift thresholds of GET /v1/drift and of the
  // reports stored for GET /v1/drift/history, and how often one is stored (0 = on shutdown only).
  monitor::DriftThresholds drift_thresholds;
  std::chrono::seconds drift_record_interval{300};
  Limits limits;

  Status Validate() const;
};

}  // namespace vv::serve
