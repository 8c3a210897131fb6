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

// Per model version: predictions, latency, cache; then the reload events.
void AppendModelFamilies(const ModelSet& models, std::string* out) {
  ModelStats::Families families;
  for (const auto& v : models.AllStats()) v.stats->AppendPrometheus(v.model, v.version, &families);
  std::string& o = *out;
  o += "# HELP vv_predictions_total Predictions by model version and outcome (ok, error).\n";
  o += "# TYPE vv_predictions_total counter\n";
  o += families.predictions;
  o += "# HELP vv_prediction_duration_seconds Time of one model's prediction, by model version.\n";
  o += "# TYPE vv_prediction_duration_seconds histogram\n";
  o += families.latency;
  o += "# HELP vv_model_cache_requests_total Response cache lookups by model version and result "
       "(an all-six lookup counts for each loaded model).\n";
  o += "# TYPE vv_model_cache_requests_total counter\n";
  o += families.cache;
  o += "# HELP vv_model_reloads_total Reloads that changed the loaded models.\n";
  o += "# TYPE vv_model_reloads_total counter\n";
  o += fmt::format("vv_model_reloads_total {}\n", models.reloads_changed());
  o += "# HELP vv_model_load_failures_total Model loads that failed (the model kept what it had).\n";
  o += "# TYPE vv_model_load_failures_total counter\n";
  o += fmt::format("vv_model_load_failures_total {}\n", models.load_failures());
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
  AppendModelFamilies(api.models(), &o);
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
