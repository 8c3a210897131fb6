#pragma once
// One collection run's bookkeeping: the collection_runs row, the quota tracker, the client, the
// deduplicator, and the page writer. Every page of results goes to the store in one
// transaction together with the run's counters, so a killed process leaves whole videos and a
// run record that matches what was stored.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "collect/dedup.h"
#include "collect/http_fetcher.h"
#include "collect/quota.h"
#include "collect/youtube_client.h"
#include "core/time_util.h"
#include "store/store.h"

namespace vv {

using ClockFn = std::function<Timestamp()>;

struct SessionOptions {
  YouTubeClientConfig client;  // api_base, api_key, retry
  int64_t daily_budget = 10000;
  ClockFn clock;               // Now() when empty
  SleepFn sleep;               // for retries; real sleep when empty
  std::function<bool()> stop_requested;  // checked between pages (signals)
};

// Why a run stopped early; kNone while it may go on.
enum class StopReason { kNone, kQuotaExceeded, kBudgetReached, kKeyRejected, kStoreFailed, kSignal };

class CollectSession {
 public:
  // Marks dead runs of this host as interrupted, reads today's quota use, starts the run row.
  static Result<std::unique_ptr<CollectSession>> Start(Store& store, HttpFetcher& fetcher,
                                                       const std::string& kind, SessionOptions options);

  YouTubeClient& client() { return *client_; }
  QuotaTracker& quota() { return quota_; }
  Store& store() { return store_; }
  Timestamp Now() const { return options_.clock ? options_.clock() : vv::Now(); }
  const CollectionRun& run() const { return run_; }

  // Cleans, deduplicates and writes one page (channels, videos, snapshots) in one transaction
  // with the run's progress; `also` (when set) writes more in the same transaction (tracking
  // rows). A store failure stops the run.
  Status WritePage(std::vector<Channel> channels, std::vector<Video> videos,
                   std::vector<Snapshot> snapshots,
                   const std::function<Status(Store&)>& also = {});
  // Skipped items of a page: counted and the first few kept for the run message.
  void NoteItemErrors(const std::string& where, const std::vector<Error>& errors);
  // A failed API call for one work unit: counted; quota or key errors also stop the run.
  void NoteCallError(const std::string& where, const Error& error);
  // Work that could not be done, for the "left for the next run" part of the message.
  void NoteLeft(const std::string& what) { left_.push_back(what); }
  void Note(const std::string& text) { notes_.push_back(text); }

  bool ShouldStop();
  StopReason stop_reason() const { return stop_reason_; }

  // Final status and message; writes ended_at.
  Result<CollectionRun> Finish();

 private:
  CollectSession(Store& store, HttpFetcher& fetcher, SessionOptions options, int64_t used_today);
  void SyncCounters();

  Store& store_;
  SessionOptions options_;
  QuotaTracker quota_;
  std::unique_ptr<YouTubeClient> client_;
  Deduplicator dedup_;
  CollectionRun run_;
  StopReason stop_reason_ = StopReason::kNone;
  std::string stop_detail_;
  std::vector<std::string> error_samples_;
  std::vector<std::string> left_;
  std::vector<std::string> notes_;
};

// "host:pid" of this process.
std::string WorkerName();
// Runs left "running" by a process of this host that no longer exists become "interrupted".
Status MarkInterruptedRuns(Store& store);
// 0 ok; 1 partial or failed; 75 (EX_TEMPFAIL) stopped by quota: try again tomorrow.
int ExitCodeForRun(const CollectionRun& run);

}  // namespace vv
