// GET /v1/metrics/models (held-out metrics of each champion) and GET /metrics (Prometheus).
#include <fmt/format.h>

#include "serve/api.h"
#include "serve/metric_specs.h"
#include "serve/model_source.h"

namespace vv::serve {

namespace {

using nlohmann::json;

void ModelMetrics(Api& api, Request& request, Response& response) {
  auto snapshot = api.models().Current();
  json models = json::object();
  for (const auto& name : ModelNames()) {
    const LoadedModel* loaded = snapshot->Find(name);
    if (!loaded) {
      models[name] = nullptr;
      continue;
    }
    const json& manifest = loaded->manifest;
    json report = ManifestReport(manifest);
    models[name] = {{"version", loaded->version},
                    {"metrics", std::move(report["metrics"])},
                    {"baselines", std::move(report["baselines"])},
                    {"n", std::move(report["n"])},
                    {"metric_specs", MetricSpecsJson(name)},
                    {"created_at", manifest.value("created_at", json(nullptr))}};
  }
  response.body = json{{"models", std::move(models)}}.dump();
}

void Prometheus(Api& api, Request& request, Response& response) {
  std::string& o = response.body;
  o.reserve(16 << 10);
  api.metrics().AppendPrometheus(&o);
  auto& cache = api.cache();
  o += "# HELP vv_cache_hits_total Response cache hits.\n# TYPE vv_cache_hits_total counter\n";
  o += fmt::format("vv_cache_hits_total {}\n", cache.hits());
  o += "# HELP vv_cache_misses_total Response cache misses.\n";
  o += "# TYPE vv_cache_misses_total counter\n";
  o += fmt::format("vv_cache_misses_total {}\n", cache.misses());
  o += "# HELP vv_cache_evictions_total Entries evicted by the LRU bound.\n";
  o += "# TYPE vv_cache_evictions_total counter\n";
  o += fmt::format("vv_cache_evictions_total {}\n", cache.evictions());
  o += "# HELP vv_cache_entries Entries in the response cache.\n# TYPE vv_cache_entries gauge\n";
  o += fmt::format("vv_cache_entries {}\n", cache.size());
  auto snapshot = api.models().Current();
  o += "# HELP vv_model_loaded Loaded model versions (value 1 per loaded champion).\n";
  o += "# TYPE vv_model_loaded gauge\n";
  for (const auto& [name, loaded] : snapshot->models) {
    o += fmt::format("vv_model_loaded{{model=\"{}\",version=\"{}\"}} 1\n", name, loaded.version);
  }
  o += "# HELP vv_model_generation Number of model snapshots loaded since start.\n";
  o += "# TYPE vv_model_generation gauge\n";
  o += fmt::format("vv_model_generation {}\n", snapshot->generation);
  response.content_type = "text/plain; version=0.0.4; charset=utf-8";
}

}  // namespace

void AddMetricsRoutes(Api& api, Router& router) {
  router.Add({"GET", "/v1/metrics/models",
              [&api](Request& q, Response& r) { ModelMetrics(api, q, r); },
              {.operation_id = "modelMetrics",
               .summary = "Held-out metrics of each loaded champion",
               .tag = "metrics",
               .response_schema = "ModelMetrics"}});
  router.Add({"GET", "/metrics", [&api](Request& q, Response& r) { Prometheus(api, q, r); },
              {.operation_id = "prometheusMetrics",
               .summary = "Prometheus text format: requests, latency histograms, cache, models",
               .tag = "metrics",
               .response_type = "text/plain"}});
}

}  // namespace vv::serve
