// vv serve: the HTTP API (src/serve).
#include <cstdio>
#include <cstdlib>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/serving.h"
#include "cli/verb.h"
#include "registry/registry.h"
#include "serve/analyze_service.h"
#include "serve/api.h"
#include "serve/config_file.h"
#include "serve/model_source.h"
#include "serve/server.h"
#include "store/store.h"

namespace vv::cli {

namespace {

void Log(const std::string& level, const std::string& msg, nlohmann::json extra = {}) {
  nlohmann::json line = {{"level", level}, {"msg", msg}};
  if (extra.is_object()) line.update(extra);
  std::fprintf(stderr, "%s\n", line.dump().c_str());
}

// A `vv train` killed mid-publish leaves a staging folder; the registry's next opener removes
// it (a live publisher's is left alone).
void RemoveRegistryLeftovers(const std::string& dir) {
  auto leftovers = registry::Registry(dir).RemoveLeftovers();
  if (!leftovers.ok()) {
    Log("warn", "looking for registry leftovers failed", {{"error", leftovers.error().ToString()}});
    return;
  }
  for (const registry::Leftover& l : *leftovers) {
    Log(l.removed ? "info" : "warn",
        l.removed ? "removed a registry leftover" : "could not remove a registry leftover",
        {{"path", l.path.string()}, {"reason", l.reason}});
  }
}

int RunServe(std::vector<std::string> args) {
  serve::ServeConfig config;
  if (const char* token = std::getenv("VV_ADMIN_TOKEN")) config.admin_token = token;
  if (const char* cors = std::getenv("VV_CORS_ORIGINS")) config.cors_origins = cors;
  if (const char* dir = std::getenv("VV_REGISTRY")) config.registry_dir = dir;
  int64_t read_ms = config.read_timeout.count(), idle_ms = config.idle_timeout.count();
  int64_t reload_ms = config.reload_interval.count(), ttl_ms = config.cache_ttl.count();
  bool no_access_log = false;
  std::string config_path, ready_models;
  CLI::App app("Serve the HTTP API: predictions, store, registry, metrics", args[0]);
  app.add_option("--port", config.port, "TCP port (0 = any free port)");
  app.add_option("--host", config.host, "address to listen on");
  app.add_option("--db", config.db_url, "store URL (default VV_DB or sqlite:var/vv.db)");
  app.add_option("--registry", config.registry_dir, "model registry directory (or VV_REGISTRY)");
  app.add_option("--web", config.web_dir, "built web app folder served at / (default web/dist)");
  app.add_option("--threads", config.threads, "io threads");
  app.add_option("--workers", config.workers,
                 "threads for predictions, store queries and reloads (0 = on the io threads)");
  app.add_option("--work-queue", config.work_queue,
                 "heavy requests waiting for a worker; more get 503 with Retry-After");
  app.add_option("--max-body", config.max_body_bytes, "largest request body in bytes (413 above)");
  app.add_option("--max-batch", config.max_batch, "videos per POST /v1/predict/batch");
  app.add_option("--max-connections", config.max_connections,
                 "open connections beyond this are closed at once (capped by RLIMIT_NOFILE)");
  app.add_option("--read-timeout-ms", read_ms, "a started request must arrive within this");
  app.add_option("--idle-timeout-ms", idle_ms, "idle keep-alive connections close after this");
  app.add_option("--reload-interval-ms", reload_ms, "registry alias poll (0 = only on request)");
  app.add_option("--cache-entries", config.cache_entries, "response cache size (0 = off)");
  app.add_option("--cache-ttl-ms", ttl_ms, "response cache time to live");
  app.add_option("--cors", config.cors_origins, "allowed origins: '*' or a comma list (or VV_CORS_ORIGINS)");
  app.add_flag("--no-access-log", no_access_log, "no JSON line per request on stderr");
  app.add_option("--config", config_path,
                 std::string("readiness and drift settings (default: ") +
                     serve::kDefaultServeConfig + " when present)");
  app.add_option("--ready-models", ready_models,
                 "models /readyz requires loaded: 'champions' (every model with a champion; "
                 "the default) or a comma list; overrides readiness.models of --config");
  // POST /v1/analyze: the YouTube Data API behind the user's URL (the key stays on the server).
  AnalyzeFlags analyze_flags;
  std::string track_every = "10m";
  AddAnalyzeFlags(&app, analyze_flags, "--analyze-max-age");
  app.add_option("--track-every", track_every,
                 "snapshot the tracked (analyzed) videos that are due this often (default 10m; 0 = "
                 "off, leave it to vv collect)");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    return ExitCodeForParseError(app.exit(e));
  }
  config.read_timeout = std::chrono::milliseconds(read_ms);
  config.idle_timeout = std::chrono::milliseconds(idle_ms);
  config.reload_interval = std::chrono::milliseconds(reload_ms);
  config.cache_ttl = std::chrono::milliseconds(ttl_ms);
  config.access_log = !no_access_log;
  if (Status file = serve::ApplyServeConfigFile(config_path, &config); !file.ok()) {
    std::fprintf(stderr, "vv serve: %s\n", file.error().ToString().c_str());
    return 2;
  }
  if (!ready_models.empty()) {
    auto parsed = serve::ParseReadyModels(ready_models);
    if (!parsed.ok()) {
      std::fprintf(stderr, "vv serve: --ready-models: %s\n", parsed.error().message.c_str());
      return 2;
    }
    config.ready_models = std::move(parsed).value();
  }
  if (Status valid = config.Validate(); !valid.ok()) {
    std::fprintf(stderr, "vv serve: %s\n", valid.error().ToString().c_str());
    return 2;
  }
  auto analyze_config = BuildAnalyzeConfig(analyze_flags, "--analyze-max-age");
  auto track_interval = ParseDuration(track_every, "--track-every");
  if (!analyze_config.ok() || !track_interval.ok()) {
    const Error& e = analyze_config.ok() ? track_interval.error() : analyze_config.error();
    std::fprintf(stderr, "vv serve: %s\n", e.ToString().c_str());
    return 2;
  }
  analyze_config->error_path = "$.url";

  std::string db_url = ResolveStoreUrl(config.db_url);
  std::unique_ptr<Store> store;
  std::string store_problem;
  if (auto opened = OpenStore(db_url); opened.ok()) {
    store = std::move(opened).value();
    auto partial = PartialStoreWarning(*store);
    if (!partial.ok() || !partial->empty()) {
      Log("warn", "store holds a partial data set; its answers are incomplete",
          {{"detail", partial.ok() ? *partial : partial.error().ToString()}});
    }
  } else {
    store_problem = opened.error().ToString();
    Log("warn", "store unavailable; store routes answer 503", {{"error", store_problem}});
  }
  RemoveRegistryLeftovers(config.registry_dir);
  auto models = MakeServingModels(config.registry_dir, store ? db_url : std::string());
  if (auto report = models->Reload(); report.ok()) {
    Log(report->failed.empty() ? "info" : "warn", "models loaded", {{"models", report->models}});
  } else {
    Log("warn", "loading models failed", {{"error", report.error().ToString()}});
  }
  if (config.reload_interval.count() > 0) models->StartWatch(config.reload_interval);

  serve::Api api(config, models, std::move(store));
  if (!store_problem.empty()) api.set_store_unavailable(store_problem);
  // Analysis by URL writes through a connection of its own (serve/analyze_service.h).
  auto analyze = std::make_shared<serve::AnalyzeService>(
      *analyze_config, [db_url]() { return OpenStore(db_url); },
      MakeCurlFetcher(AnalyzeHttpOptions(analyze_flags)));
  if (analyze->has_key()) {
    Log("info", "analysis by URL on (POST /v1/analyze)",
        {{"api_base", analyze_config->client.api_base},
         {"daily_budget", analyze_config->daily_budget},
         {"max_age_s", analyze_config->max_age.count()},
         {"track_every_s", track_interval->count()}});
    if (store_problem.empty()) {
      analyze->StartTracking(*track_interval, [](const std::string& line) { Log("info", line); });
    }
  } else {
    Log("warn", "no YouTube API key: POST /v1/analyze answers 503 until vv serve is restarted with "
                "YOUTUBE_API_KEY or --key-file",
        {{"detail", analyze_config->key_problem}});
  }
  api.set_analyze(analyze);
  serve::Server server(config, &api);
  if (Status listening = server.Listen(); !listening.ok()) {
    std::fprintf(stderr, "vv serve: %s\n", listening.error().ToString().c_str());
    return 1;
  }
  server.ShutdownOnSignals();
  server.Start();
  Log("info", "listening",
      {{"url", "http://" + config.host + ":" + std::to_string(server.port())},
       {"threads", config.threads},
       {"workers", config.workers},
       {"store", RedactUrl(db_url)},
       {"registry", config.registry_dir},
       {"web", config.web_dir},
       {"admin", !config.admin_token.empty()}});
  server.Wait();
  analyze->StopTracking();
  models->StopWatch();
  Log("info", "stopped");
  return 0;
}

const bool kRegistered = RegisterVerb({"serve", "serve the HTTP API (predictions, store, models)", RunServe});

}  // namespace

}  // namespace vv::cli
