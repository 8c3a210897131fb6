#pragma once
// Everything the handlers share, and the construction of the one route table.
#include <array>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
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

class AnalyzeService;  // serve/analyze_service.h

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
  // Like With, but nullopt at once while another thread holds the store (a query on a worker):
  // for the cheap routes, which must not hold up their io thread waiting for it.
  template <typename Fn>
  auto TryWith(Fn&& fn) -> std::optional<decltype(fn(std::declval<Store&>()))> {
    std::unique_lock<std::mutex> lock(mu_, std::try_to_lock);
    if (!lock.owns_lock()) return std::nullopt;
    if (!store_) {
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

// How long some bounded work has taken lately (a moving average by a small key: one model's
// single-video prediction), so that a handler can do work measured cheap where it is and hand
// the rest to the worker pool.
class WorkCosts {
 public:
  static constexpr size_t kKeys = 8;
  // True while the key's average is under budget (and before anything was measured).
  bool Cheap(size_t key, std::chrono::nanoseconds budget) const {
    return ewma_ns_[key].load(std::memory_order_relaxed) < budget.count();
  }
  void Record(size_t key, std::chrono::nanoseconds took) {
    // Racing updates may lose one sample: harmless for an average.
    int64_t old = ewma_ns_[key].load(std::memory_order_relaxed);
    ewma_ns_[key].store(old + (took.count() - old) / 8, std::memory_order_relaxed);
  }

 private:
  std::array<std::atomic<int64_t>, kKeys> ewma_ns_{};
};

class DriftRecorder;

class Api {
 public:
  Api(ServeConfig config, std::shared_ptr<ModelSet> models, std::unique_ptr<Store> store);
  ~Api();

  // Runs the route for one request on the calling thread, heavy routes included: CORS,
  // routing, errors, metrics. Never throws.
  void Handle(Request& request, Response& response);

  // The same in the server's two steps. Begin runs what is cheap on the network thread (CORS,
  // content type, static files, routing, cheap routes, a heavy route's prepare step) and returns
  // an empty Handler when the response is complete, else the work left for the worker pool and
  // its route in *route. Finish runs that work, then what Handle does last (CORS, metrics, with
  // the time from `began`, queue wait included). Neither throws.
  Handler Begin(Request& request, Response& response, int* route);
  void Finish(int route, const Handler& work, Request& request, Response& response,
              std::chrono::steady_clock::time_point began);
  // CORS headers and metrics for a response written outside the route's handler (the 503 of a
  // full worker queue).
  void Complete(int route, const Request& request, Response& response,
                std::chrono::steady_clock::time_point began);

  const Router& router() const { return router_; }
  const ServeConfig& config() const { return config_; }
  ModelSet& models() { return *models_; }
  StoreAccess& store() { return store_; }
  ResponseCache& cache() { return cache_; }
  DriftMonitor& drift() { return drift_; }
  DriftRecorder& drift_recorder() { return *recorder_; }
  ServerMetrics& metrics() { return *metrics_; }
  WorkCosts& work_costs() { return work_costs_; }
  std::chrono::steady_clock::time_point started() const { return started_; }
  void set_store_unavailable(std::string reason) { store_.set_unavailable(std::move(reason)); }
  // POST /v1/analyze: null until set (then it answers 503). Set before the server starts.
  AnalyzeService* analyze() { return analyze_.get(); }
  void set_analyze(std::shared_ptr<AnalyzeService> service) { analyze_ = std::move(service); }

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
  WorkCosts work_costs_;
  std::chrono::steady_clock::time_point started_;
  std::shared_ptr<AnalyzeService> analyze_;
  std::unique_ptr<DriftRecorder> recorder_;  // last: it reads the members above
};

// Route registration, one function per handler file.
void AddPredictRoutes(Api& api, Router& router);
void AddStoreRoutes(Api& api, Router& router);
void AddModelRoutes(Api& api, Router& router);
void AddMetricsRoutes(Api& api, Router& router);
void AddHealthRoutes(Api& api, Router& router);
void AddOpenApiRoutes(Api& api, Router& router);
void AddDriftRoutes(Api& api, Router& router);
void AddAnalyzeRoutes(Api& api, Router& router);

}  // namespace vv::serve
