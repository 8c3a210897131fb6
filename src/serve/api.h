#pragma once
// Everything the handlers share, and the construction of the one route table.
#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "serve/cache.h"
#include "serve/config.h"
#include "serve/drift.h"
#include "serve/metrics.h"
#include "serve/model_set.h"
#include "serve/router.h"
#include "serve/static_files.h"
#include "store/store.h"

namespace vv::serve {

// The six model names in their canonical order.
const std::vector<std::string>& ModelNames();

// The store behind a mutex: store backends hold one connection, and the store routes are not
// on the hot path.
class StoreAccess {
 public:
  StoreAccess() = default;
  explicit StoreAccess(std::unique_ptr<Store> store) : store_(std::move(store)) {}
  // Runs fn(Store&) under the lock; Unavailable when no store is open.
  template <typename Fn>
  auto With(Fn&& fn) -> decltype(fn(std::declval<Store&>())) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!store_) {
      // reason_ names the database: only WriteError's log line shows it.
      return MakeError(ErrorCode::kUnavailable, "no store is open: " + reason_, "--db");
    }
    return fn(*store_);
  }
  void set_unavailable(std::string reason) { reason_ = std::move(reason); }
  bool open() const { return store_ != nullptr; }

 private:
  std::mutex mu_;
  std::unique_ptr<Store> store_;
  std::string reason_ = "none configured";
};

class Api {
 public:
  Api(ServeConfig config, std::shared_ptr<ModelSet> models, std::unique_ptr<Store> store);

  // Runs the route for one request: CORS, routing, errors, metrics. Never throws.
  void Handle(Request& request, Response& response);

  const Router& router() const { return router_; }
  const ServeConfig& config() const { return config_; }
  ModelSet& models() { return *models_; }
  StoreAccess& store() { return store_; }
  ResponseCache& cache() { return cache_; }
  DriftMonitor& drift() { return drift_; }
  ServerMetrics& metrics() { return *metrics_; }
  std::chrono::steady_clock::time_point started() const { return started_; }
  void set_store_unavailable(std::string reason) { store_.set_unavailable(std::move(reason)); }

  // Admin check: writes 403 (admin off) or 401 (bad token) and returns false when refused.
  bool Authorize(const Request& request, Response& response) const;

 private:
  void AddRoutes();
  void BuildDriftReference();
  void AddCors(const Request& request, Response& response) const;

  ServeConfig config_;
  std::shared_ptr<ModelSet> models_;
  StoreAccess store_;
  ResponseCache cache_;
  StaticFiles web_;
  DriftMonitor drift_;
  Router router_;
  std::unique_ptr<ServerMetrics> metrics_;
  std::chrono::steady_clock::time_point started_;
};

// Route registration, one function per handler file.
void AddPredictRoutes(Api& api, Router& router);
void AddStoreRoutes(Api& api, Router& router);
void AddModelRoutes(Api& api, Router& router);
void AddMetricsRoutes(Api& api, Router& router);
void AddHealthRoutes(Api& api, Router& router);
void AddOpenApiRoutes(Api& api, Router& router);
void AddDriftRoutes(Api& api, Router& router);

}  // namespace vv::serve
