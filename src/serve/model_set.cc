#include "serve/model_set.h"

#include <cstdio>

namespace vv::serve {

namespace {

// A corrupt artifact whose checksum still matches can make a loader throw (a JSON type error on
// flipped bytes): that is one model's corruption, answered as its load error, not a crash of the
// server or of the other models' reload.
Result<LoadedModel> LoadGuarded(ModelSource& source, const std::string& name) {
  try {
    return source.LoadChampion(name);
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kDataLoss, std::string("loading the artifact threw: ") + e.what(),
                     name);
  }
}

// One model that cannot load keeps what it had; it never takes the others down with it.
void RecordFailure(const std::string& name, const LoadedModel* loaded, Error cause,
                   ModelSnapshot* next, ReloadReport* report) {
  Error error = std::move(cause).WithContext("reloading " + name);
  report->models[name] = {
      {"version", loaded ? nlohmann::json(loaded->version) : nlohmann::json()},
      {"changed", false},
      {"error", error.ToString()}};
  if (loaded) next->models.emplace(name, *loaded);
  report->failed.push_back(name);
  report->errors.insert_or_assign(name, error);
  if (!report->first_error) report->first_error = std::move(error);
}

// The state a reload leaves a model in, read back from its part of the report.
ModelState StateFrom(const std::string& name, const ModelSnapshot& next,
                     std::optional<Error> error) {
  ModelState state;
  const LoadedModel* loaded = next.Find(name);
  if (loaded) state.version = loaded->version;
  if (error) {
    state.kind = loaded ? ModelStateKind::kLoaded : ModelStateKind::kFailed;
    state.error = std::move(error);
  } else {
    state.kind = loaded ? ModelStateKind::kLoaded : ModelStateKind::kNoChampion;
  }
  return state;
}

}  // namespace

std::string_view ModelStateName(ModelStateKind kind) {
  switch (kind) {
    case ModelStateKind::kLoaded: return "loaded";
    case ModelStateKind::kNoChampion: return "no_champion";
    case ModelStateKind::kFailed: return "failed";
  }
  return "failed";
}

ModelSet::ModelSet(std::vector<std::string> names, std::shared_ptr<ModelSource> source)
    : names_(std::move(names)), source_(std::move(source)) {
  current_.store(std::make_shared<const ModelSnapshot>());
}

ModelSet::~ModelSet() { StopWatch(); }

void ModelSet::ReloadOne(const std::string& name, const LoadedModel* loaded, ContentCheck check,
                         ModelSnapshot* next, ReloadReport* report) {
  auto version = source_->ChampionVersion(name);
  if (!version.ok()) {
    if (version.error().code != ErrorCode::kNotFound) {
      return RecordFailure(name, loaded, std::move(version).take_error(), next, report);
    }
    report->models[name] = nullptr;
    if (loaded) report->changed = true;
    return;
  }
  // The same version may have been rewritten in place: only its content tells.
  const bool same_version = loaded && loaded->version == *version;
  if (same_version && !source_->ContentChanged(*loaded, check)) {
    next->models.emplace(name, *loaded);
    report->models[name] = {{"version", loaded->version}, {"changed", false}};
    return;
  }
  auto fresh = LoadGuarded(*source_, name);
  if (!fresh.ok()) return RecordFailure(name, loaded, std::move(fresh).take_error(), next, report);
  fresh->stats = StatsFor(name, fresh->version);
  report->models[name] = {{"version", fresh->version}, {"changed", true}};
  if (same_version) report->models[name]["changed_in_place"] = true;
  report->changed = true;
  next->models.emplace(name, std::move(fresh).value());
}

Result<ReloadReport> ModelSet::Reload(ContentCheck check) {
  std::lock_guard<std::mutex> lock(reload_mu_);
  auto old = current_.load();
  auto next = std::make_shared<ModelSnapshot>();
  next->generation = old->generation + 1;
  ReloadReport report;
  std::map<std::string, ModelState, std::less<>> states;
  for (const auto& name : names_) {
    const LoadedModel* loaded = old->Find(name);
    try {
      ReloadOne(name, loaded, check, next.get(), &report);
    } catch (const std::exception& e) {  // a corrupt alias file or manifest that still threw
      RecordFailure(name, loaded,
                    MakeError(ErrorCode::kDataLoss, std::string("reloading threw: ") + e.what()),
                    next.get(), &report);
    }
    std::optional<Error> error;
    if (auto it = report.errors.find(name); it != report.errors.end()) {
      error = it->second;
      load_failures_.fetch_add(1, std::memory_order_relaxed);
    }
    states[name] = StateFrom(name, *next, std::move(error));
  }
  if (report.changed || old->generation == 0) {
    if (report.changed) reloads_changed_.fetch_add(1, std::memory_order_relaxed);
    current_.store(std::shared_ptr<const ModelSnapshot>(std::move(next)));
  }
  {
    std::lock_guard<std::mutex> lock(states_mu_);
    states_ = std::move(states);
  }
  return report;
}

std::shared_ptr<ModelStats> ModelSet::StatsFor(const std::string& name,
                                               const std::string& version) {
  std::lock_guard<std::mutex> lock(stats_mu_);
  auto& stats = stats_[{name, version}];
  if (!stats) stats = std::make_shared<ModelStats>();
  return stats;
}

std::vector<ModelSet::VersionStats> ModelSet::AllStats() const {
  std::lock_guard<std::mutex> lock(stats_mu_);
  std::vector<VersionStats> out;
  for (const auto& [key, stats] : stats_) out.push_back({key.first, key.second, stats});
  return out;
}

std::map<std::string, ModelState, std::less<>> ModelSet::States() const {
  std::lock_guard<std::mutex> lock(states_mu_);
  if (!states_.empty()) return states_;
  std::map<std::string, ModelState, std::less<>> none;
  for (const auto& name : names_) none[name] = ModelState{};
  return none;
}

void ModelSet::StartWatch(std::chrono::milliseconds interval) {
  StopWatch();
  {
    std::lock_guard<std::mutex> lock(watch_mu_);
    watch_stop_ = false;
  }
  watch_thread_ = std::thread([this, interval] {
    std::unique_lock<std::mutex> lock(watch_mu_);
    while (!watch_cv_.wait_for(lock, interval, [this] { return watch_stop_; })) {
      lock.unlock();
      auto report = Reload(ContentCheck::kHashChanged);
      if (!report.ok() || !report->failed.empty()) {
        nlohmann::json line = {{"level", "warn"},
                               {"msg", "model reload failed, keeping the loaded models"},
                               {"error", report.ok() ? report->first_error->ToString()
                                                     : report.error().ToString()}};
        if (report.ok()) line["failed"] = report->failed;
        std::fprintf(stderr, "%s\n", line.dump().c_str());
      }
      lock.lock();
    }
  });
}

void ModelSet::StopWatch() {
  {
    std::lock_guard<std::mutex> lock(watch_mu_);
    watch_stop_ = true;
  }
  watch_cv_.notify_all();
  if (watch_thread_.joinable()) watch_thread_.join();
}

}  // namespace vv::serve
