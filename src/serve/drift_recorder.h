#pragma once
// Stores the live window's drift report in the store's drift history (GET /v1/drift/history)
// every `interval` when predictions arrived since the last report, and once more on Stop (the
// server's shutdown), so the history outlives the process and every replica's reports land in
// the one shared store.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "core/result.h"

namespace vv::serve {

class Api;

class DriftRecorder {
 public:
  explicit DriftRecorder(Api& api) : api_(api) {}
  ~DriftRecorder() { Stop(); }

  // interval 0: no periodic reports (Stop still stores the last one).
  void Start(std::chrono::seconds interval);
  // Ends the periodic thread and stores a last report. Idempotent.
  void Stop();

  // Stores a report now when rows arrived since the last one; returns whether it stored one.
  Result<bool> RecordNow();
  uint64_t recorded() const { return recorded_; }  // reports stored by this process

 private:
  void Run(std::chrono::seconds interval);

  Api& api_;
  std::mutex record_mu_;        // one report at a time
  uint64_t recorded_seen_ = 0;  // the window's row count at the last stored report
  uint64_t recorded_ = 0;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool stopped_ = false;
  std::thread thread_;
};

}  // namespace vv::serve
