#include "serve/drift_recorder.h"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "monitor/drift_history.h"
#include "serve/api.h"

namespace vv::serve {

namespace {

void LogFailure(const Error& error) {
  // The store's error names its host and user: the server log only.
  std::fprintf(stderr, "%s\n",
               nlohmann::json({{"level", "warn"},
                               {"msg", "storing the drift report failed"},
                               {"error", error.ToString()}})
                   .dump()
                   .c_str());
}

}  // namespace

void DriftRecorder::Start(std::chrono::seconds interval) {
  if (interval.count() <= 0 || thread_.joinable()) return;
  thread_ = std::thread([this, interval] { Run(interval); });
}

void DriftRecorder::Run(std::chrono::seconds interval) {
  std::unique_lock<std::mutex> lock(mu_);
  while (!cv_.wait_for(lock, interval, [this] { return stop_; })) {
    lock.unlock();
    if (auto stored = RecordNow(); !stored.ok()) LogFailure(stored.error());
    lock.lock();
  }
}

void DriftRecorder::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopped_) return;
    stopped_ = stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (auto stored = RecordNow(); !stored.ok()) LogFailure(stored.error());
}

Result<bool> DriftRecorder::RecordNow() {
  std::lock_guard<std::mutex> lock(record_mu_);
  DriftMonitor& drift = api_.drift();
  if (!drift.available()) return false;
  const uint64_t seen = drift.seen();
  if (seen == recorded_seen_) return false;  // no prediction since the last report
  auto models = api_.models().Current();
  VV_ASSIGN_OR_RETURN(monitor::DriftReport report, drift.Compute(*models));
  std::map<std::string, std::string> versions;
  for (const auto& [name, loaded] : models->models) versions[name] = loaded.version;
  DriftRecord record = monitor::ToDriftRecord(
      report, "serve", std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()),
      versions);
  VV_RETURN_IF_ERROR(api_.store().With([&](Store& store) -> Status {
    VV_ASSIGN_OR_RETURN(int64_t id, store.AppendDriftReport(record));
    (void)id;
    return {};
  }));
  recorded_seen_ = seen;
  ++recorded_;
  return true;
}

}  // namespace vv::serve
