#include "collect/collect_session.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>

#include <fmt/format.h>

#include "collect/cleaner.h"
#include "core/host.h"
#include "core/text_util.h"

namespace vv {
namespace {

constexpr size_t kMaxErrorSamples = 5;

const char* StatusFor(StopReason reason) {
  switch (reason) {
    case StopReason::kQuotaExceeded: return "quota_exceeded";
    case StopReason::kBudgetReached: return "budget_reached";
    case StopReason::kSignal: return "interrupted";
    case StopReason::kKeyRejected:
    case StopReason::kStoreFailed: return "failed";
    case StopReason::kNone: return "ok";
  }
  return "failed";
}

}  // namespace

std::string WorkerName() { return HostAndPid(); }

Status MarkInterruptedRuns(Store& store) {
  VV_ASSIGN_OR_RETURN(auto runs, store.LoadRuns(100));
  std::string host_prefix = HostName() + ":";
  for (auto& run : runs) {
    if (run.status != "running" || run.worker.rfind(host_prefix, 0) != 0) continue;
    pid_t pid = static_cast<pid_t>(std::atoll(run.worker.c_str() + host_prefix.size()));
    if (pid <= 0 || pid == getpid() || kill(pid, 0) == 0 || errno != ESRCH) continue;
    run.status = "interrupted";
    run.message = "the collecting process ended without finishing (killed?); counters are those "
                  "of its last committed page" + (run.message.empty() ? "" : "; " + run.message);
    VV_RETURN_IF_ERROR(store.UpdateRun(run));
  }
  return {};
}

int ExitCodeForRun(const CollectionRun& run) {
  if (run.status == "ok") return 0;
  if (run.status == "quota_exceeded" || run.status == "budget_reached") return 75;
  return 1;
}

CollectSession::CollectSession(Store& store, HttpFetcher& fetcher, SessionOptions options, int64_t used_today)
    : store_(store),
      options_(std::move(options)),
      quota_(options_.daily_budget, used_today),
      dedup_([this](const std::vector<std::string>& ids) { return store_.LatestSnapshotTimes(ids); }) {
  client_ = std::make_unique<YouTubeClient>(fetcher, quota_, options_.client, options_.sleep);
}

Result<std::unique_ptr<CollectSession>> CollectSession::Start(Store& store, HttpFetcher& fetcher,
                                                              const std::string& kind, SessionOptions options) {
  VV_RETURN_IF_ERROR(options.client.retry.Validate());
  if (options.daily_budget <= 0) {
    return MakeError(ErrorCode::kInvalidArgument, "the daily quota budget must be positive");
  }
  VV_RETURN_IF_ERROR(MarkInterruptedRuns(store));
  Timestamp now = options.clock ? options.clock() : vv::Now();
  Timestamp day_start = QuotaDayStart(now);
  VV_ASSIGN_OR_RETURN(int64_t used, store.UnitsUsedSince(day_start));
  std::unique_ptr<CollectSession> session(new CollectSession(store, fetcher, std::move(options), used));
  // The API already said quotaExceeded this quota day: asking again only spends requests.
  VV_ASSIGN_OR_RETURN(auto recent, store.LoadRuns(50));
  for (const auto& run : recent) {
    if (run.started_at >= day_start && run.status == "quota_exceeded") {
      session->quota_.MarkExhaustedByApi();
      session->Note(fmt::format("the API answered quotaExceeded earlier this quota day (run {}); "
                                "nothing is asked until it resets at midnight Pacific", run.id));
      break;
    }
  }
  session->run_.kind = kind;
  session->run_.started_at = now;
  session->run_.worker = WorkerName();
  VV_ASSIGN_OR_RETURN(session->run_.id, store.StartRun(session->run_));
  return session;
}

void CollectSession::SyncCounters() {
  run_.calls = quota_.calls();
  run_.units = quota_.units();
}

Status CollectSession::WritePage(std::vector<Channel> channels, std::vector<Video> videos,
                                 std::vector<Snapshot> snapshots,
                                 const std::function<Status(Store&)>& also) {
  CleanBatch(channels, videos, snapshots);
  Result<DedupStats> stats = dedup_.Apply(videos, snapshots);
  Status status = stats.ok() ? Status() : Status(stats.error());
  if (status.ok()) {
    SyncCounters();
    CollectionRun progress = run_;
    progress.rows += static_cast<int64_t>(channels.size() + videos.size() + snapshots.size());
    status = InTransaction(store_, [&]() -> Status {
      if (!channels.empty()) VV_RETURN_IF_ERROR(store_.UpsertChannels(channels));
      if (!videos.empty()) VV_RETURN_IF_ERROR(store_.UpsertVideos(videos));
      if (!snapshots.empty()) VV_RETURN_IF_ERROR(store_.UpsertSnapshots(snapshots));
      if (also) VV_RETURN_IF_ERROR(also(store_));
      return store_.UpdateRun(progress);
    });
    if (status.ok()) {
      run_ = progress;
      dedup_.Commit(snapshots);
    }
  }
  if (!status.ok()) {
    stop_reason_ = StopReason::kStoreFailed;
    stop_detail_ = status.error().ToString();
    ++run_.errors;
  }
  return status;
}

void CollectSession::NoteItemErrors(const std::string& where, const std::vector<Error>& errors) {
  for (const auto& e : errors) {
    ++run_.errors;
    if (error_samples_.size() < kMaxErrorSamples) error_samples_.push_back(where + ": " + e.ToString());
  }
}

void CollectSession::NoteCallError(const std::string& where, const Error& error) {
  ++run_.errors;
  if (error.code == ErrorCode::kResourceExhausted) {
    stop_reason_ = quota_.exhausted_by_api() ? StopReason::kQuotaExceeded : StopReason::kBudgetReached;
    stop_detail_ = error.message;
    --run_.errors;  // a stop, not a fault: reported by the status
    return;
  }
  if (error.code == ErrorCode::kFailedPrecondition) {
    stop_reason_ = StopReason::kKeyRejected;
    stop_detail_ = error.ToString();
    return;
  }
  if (error_samples_.size() < kMaxErrorSamples) error_samples_.push_back(where + ": " + error.ToString());
}

bool CollectSession::ShouldStop() {
  if (stop_reason_ == StopReason::kNone && options_.stop_requested && options_.stop_requested()) {
    stop_reason_ = StopReason::kSignal;
    stop_detail_ = "stopped by a signal";
  }
  return stop_reason_ != StopReason::kNone;
}

Result<CollectionRun> CollectSession::Finish() {
  SyncCounters();
  run_.ended_at = Now();
  run_.status = StatusFor(stop_reason_);
  if (stop_reason_ == StopReason::kNone && run_.errors > 0) run_.status = "partial";
  std::vector<std::string> parts = notes_;
  if (!stop_detail_.empty()) parts.push_back("stopped: " + stop_detail_);
  if (run_.errors > 0) {
    parts.push_back(fmt::format("{} error(s): {}", run_.errors, Join(error_samples_, "; ")));
  }
  if (!left_.empty()) parts.push_back("left for the next run: " + Join(left_, ", "));
  parts.push_back(fmt::format("quota: {} units this run, {} left of {} today", quota_.units(),
                              quota_.remaining(), quota_.daily_budget()));
  run_.message = Join(parts, "; ");
  VV_RETURN_IF_ERROR(store_.UpdateRun(run_));
  return run_;
}

}  // namespace vv
