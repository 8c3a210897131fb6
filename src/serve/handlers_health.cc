// GET /healthz (the process answers: liveness only) and GET /readyz (the required models loaded
// and the store reachable).
#include <algorithm>

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

// Each model's state and whether readiness requires it: the configured list, else every model
// with a champion alias. Failures show their public form only (no registry paths).
json ModelStates(Api& api, bool* all_required_loaded, json* required_names) {
  const auto& required = api.config().ready_models;
  json out = json::object();
  size_t loaded_count = 0;
  const auto states = api.models().States();
  for (const auto& name : api.models().names()) {
    const ModelState& state = states.at(name);
    const bool is_required =
        required ? std::find(required->begin(), required->end(), name) != required->end()
                 : state.has_champion();
    json s = {{"state", ModelStateName(state.kind)}, {"required", is_required}};
    if (!state.version.empty()) s["version"] = state.version;
    if (state.error) {
      const Error shown = PublicError(*state.error);
      s["error"] = {{"code", ErrorCodeSlug(shown.code)}, {"message", shown.message}};
    }
    if (state.kind == ModelStateKind::kLoaded) ++loaded_count;
    if (is_required) {
      required_names->push_back(name);
      *all_required_loaded = *all_required_loaded && state.kind == ModelStateKind::kLoaded;
    }
    out[name] = std::move(s);
  }
  // By default a registry with no champion at all has nothing to serve: not ready.
  if (!required && loaded_count == 0) *all_required_loaded = false;
  return out;
}

void Readyz(Api& api, Request& request, Response& response) {
  json required = json::array();
  bool ready = true;
  json states = ModelStates(api, &ready, &required);
  json models = json::object();
  for (const auto& name : api.models().names()) {
    models[name] = states[name].value("version", json(nullptr));
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
  response.body = json{{"ready", ready},
                       {"models", std::move(models)},
                       {"states", std::move(states)},
                       {"required", std::move(required)},
                       {"required_by", api.config().ready_models ? "config" : "champions"},
                       {"store", store}}
                      .dump();
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
               .summary = "Readiness: the required models loaded (default: every model with a "
                          "champion) and the store reachable (else 503)",
               .tag = "health",
               .response_schema = "Ready",
               .error_statuses = {503}}});
}

}  // namespace vv::serve
