#pragma once
// The loaded champions. Requests read an immutable snapshot through one atomic shared_ptr load;
// a reload builds a new snapshot and swaps it in, so in-flight requests keep the models they
// started with and an old model is freed when its last request ends. A reload that fails keeps
// the old models.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "models/model.h"
#include "serve/model_stats.h"

namespace vv::serve {

struct LoadedModel {
  std::shared_ptr<const Model> model;
  std::string name;
  std::string version;
  // The version's manifest as the registry stores it (metrics, feature schema, config, ...).
  nlohmann::json manifest = nlohmann::json::object();
  // What the model was re-based on as it loaded (serve/rebasing_source.h); null when nothing.
  nlohmann::json population;
  // This version's counters for GET /metrics; set by ModelSet when it loads the model.
  std::shared_ptr<ModelStats> stats;
};

// How a reload compares a loaded version with the disk: an explicit reload hashes every file;
// the polling watch hashes again only the files whose size or times changed.
enum class ContentCheck { kHashAll, kHashChanged };

// Where models come from: the registry in production, an in-memory fake in tests.
class ModelSource {
 public:
  virtual ~ModelSource() = default;
  virtual std::string Describe() const = 0;
  // The version `<name>@champion` points at; cheap, called by the reload watch. NotFound when
  // the model has no champion yet.
  virtual Result<std::string> ChampionVersion(const std::string& name) = 0;
  virtual Result<LoadedModel> LoadChampion(const std::string& name) = 0;
  // True when a loaded version's files (or its manifest) are no longer on disk as they were
  // loaded: a champion rewritten in place keeps its version, so only its content tells. An
  // unreadable file counts as changed; the reload then verifies it and reports the failure.
  virtual bool ContentChanged(const LoadedModel& loaded, ContentCheck check) { return false; }
  // GET /v1/models: [{"name", "versions", "aliases"}...]
  virtual Result<nlohmann::json> ListModels() = 0;
  // GET /v1/models/{name}: versions, aliases, metrics, feature schema, config.
  virtual Result<nlohmann::json> DescribeModel(const std::string& name) = 0;
  virtual Status Promote(const std::string& name, const std::string& version) = 0;
};

struct ModelSnapshot {
  std::map<std::string, LoadedModel, std::less<>> models;  // loaded ones only
  uint64_t generation = 0;
  const LoadedModel* Find(std::string_view name) const {
    auto it = models.find(name);
    return it == models.end() ? nullptr : &it->second;
  }
};

// What the last reload found for one model, for GET /readyz.
enum class ModelStateKind {
  kLoaded,      // its champion is loaded (a later champion may have failed: see error)
  kNoChampion,  // never promoted: nothing to load, and by default it does not block readiness
  kFailed,      // it has a champion (or an unreadable alias file) and nothing is loaded
};
std::string_view ModelStateName(ModelStateKind kind);

struct ModelState {
  ModelStateKind kind = ModelStateKind::kNoChampion;
  std::string version;             // the loaded version ("" when none)
  std::optional<Error> error;      // the last reload's failure (full: server paths included)
  bool has_champion() const { return kind != ModelStateKind::kNoChampion; }
};

struct ReloadReport {
  // name -> {"version", "changed"} (plus "error" when it failed to load) or null
  nlohmann::json models = nlohmann::json::object();
  bool changed = false;
  // Models that failed to load (a garbled alias file, a corrupt artifact): each keeps the version
  // it had (or none), the others load regardless. The first failure, for the caller's answer.
  std::vector<std::string> failed;
  std::optional<Error> first_error;
  std::map<std::string, Error> errors;  // each failed model's error
};

class ModelSet {
 public:
  ModelSet(std::vector<std::string> names, std::shared_ptr<ModelSource> source);
  ~ModelSet();

  std::shared_ptr<const ModelSnapshot> Current() const { return current_.load(); }
  const std::vector<std::string>& names() const { return names_; }
  ModelSource* source() const { return source_.get(); }

  // Loads every champion whose version differs from the loaded one, or whose files changed in
  // place since it was loaded. A model that fails to load keeps the version it had (the report
  // names it); the others load regardless. A model without champion is simply absent.
  Result<ReloadReport> Reload(ContentCheck check = ContentCheck::kHashAll);

  // Each model's state after the last reload (before the first: every model kNoChampion).
  std::map<std::string, ModelState, std::less<>> States() const;
  // Reloads that changed the loaded set, and model loads that failed, since start (/metrics).
  uint64_t reloads_changed() const { return reloads_changed_.load(std::memory_order_relaxed); }
  uint64_t load_failures() const { return load_failures_.load(std::memory_order_relaxed); }
  struct VersionStats {
    std::string model, version;
    std::shared_ptr<const ModelStats> stats;
  };
  // Every version loaded since start, by model and version (GET /metrics).
  std::vector<VersionStats> AllStats() const;

  // Polls the champion aliases every `interval` and reloads on change (hot reload).
  void StartWatch(std::chrono::milliseconds interval);
  void StopWatch();

 private:
  // One model's part of a reload: kept, loaded afresh, absent or failed, into next and report.
  void ReloadOne(const std::string& name, const LoadedModel* loaded, ContentCheck check,
                 ModelSnapshot* next, ReloadReport* report);

  std::vector<std::string> names_;
  std::shared_ptr<ModelSource> source_;
  std::atomic<std::shared_ptr<const ModelSnapshot>> current_;
  std::mutex reload_mu_;  // one reload at a time
  // One per (model, version) ever loaded: taken at load time, read at scrape time.
  std::shared_ptr<ModelStats> StatsFor(const std::string& name, const std::string& version);
  mutable std::mutex stats_mu_;
  std::map<std::pair<std::string, std::string>, std::shared_ptr<ModelStats>> stats_;
  mutable std::mutex states_mu_;
  std::map<std::string, ModelState, std::less<>> states_;
  std::atomic<uint64_t> reloads_changed_{0};
  std::atomic<uint64_t> load_failures_{0};

  std::mutex watch_mu_;
  std::condition_variable watch_cv_;
  bool watch_stop_ = false;
  std::thread watch_thread_;
};

}  // namespace vv::serve
