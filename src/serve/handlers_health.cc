// GET /healthz (the process answers) and GET /readyz (models loaded and store reachable).
#include "serve/api.h"
#include "serve/errors.h"

namespace vv::serve {

namespace {

using nlohmann::json;

void Healthz(Api& api, Request& request, Response& response) {
  double uptime = std::chrono::duration<double>(std::chrono::steady_clock::now() - api.started())
                      .count();
  response.body = json{{"status", "ok"}, {"uptime_s", uptime}}.dump();
}

void Readyz(Api& api, Request& request, Response& response) {
  auto snapshot = api.models().Current();
  json models = json::object();
  bool ready = true;
  for (const auto& name : api.models().names()) {
    const LoadedModel* loaded = snapshot->Find(name);
    models[name] = loaded ? json(loaded->version) : json(nullptr);
    ready = ready && loaded != nullptr;
  }
  // A one-row query proves the store answers without scanning it. While a query on a worker
  // holds the store, the store is in use ("busy"): waiting for it would hold up this io thread.
  auto reachable = api.store().TryWith([](Store& s) -> Status {
    VideoFilter probe;
    probe.limit = 1;
    VV_RETURN_IF_ERROR(s.LoadVideos(probe));
    return {};
  });
  // The store's error names its host, user and database: the public form only.
  std::string store = !reachable      ? "busy"
                      : reachable->ok() ? "ok"
                                        : PublicError(reachable->error()).message;
  ready = ready && (!reachable || reachable->ok());
  response.status = ready ? 200 : 503;
  response.body = json{{"ready", ready}, {"models", std::move(models)}, {"store", store}}.dump();
}

}  // namespace

void AddHealthRoutes(Api& api, Router& router) {
  router.Add({"GET", "/healthz", [&api](Request& q, Response& r) { Healthz(api, q, r); },
              {.operation_id = "healthz",
               .summary = "Liveness: the process answers",
               .tag = "health",
               .response_schema = "Health"}});
  router.Add({"GET", "/readyz", [&api](Request& q, Response& r) { Readyz(api, q, r); },
              {.operation_id = "readyz",
               .summary = "Readiness: every champion loaded and the store reachable (else 503)",
               .tag = "health",
               .response_schema = "Ready",
               .error_statuses = {503}}});
}

}  // namespace vv::serve
