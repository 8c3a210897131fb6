#pragma once
// The one storage interface (DESIGN.md "One interface per concept"). Two backends: SQLite
// (embedded default) and PostgreSQL (production). Both pass tests/unit/store's contract suite.
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "core/types.h"

namespace vv {

struct VideoFilter {
  std::string query;                 // substring of title (case-insensitive), empty = all
  std::optional<int> category_id;
  std::string channel_id;            // empty = all
  std::string sort = "published_at"; // published_at | views | title
  bool descending = true;
  int limit = 50;                    // <= 0 means no limit
  int offset = 0;
};

struct CategoryCount {
  int category_id = 0;
  int64_t videos = 0;
};

struct StoreStats {
  int64_t channels = 0;
  int64_t videos = 0;
  int64_t snapshots = 0;
  int64_t labelled_titles = 0;
  std::vector<CategoryCount> per_category;  // ordered by category_id
  std::optional<Timestamp> first_snapshot;
  std::optional<Timestamp> last_snapshot;
  std::optional<Timestamp> first_published;
  std::optional<Timestamp> last_published;
};

// ---- Collection bookkeeping (src/collect; migration 0002_collection) ----------------------
// One run of `vv collect`: what it spent and stored, and how it ended.
struct CollectionRun {
  int64_t id = 0;
  std::string kind;                   // "trending" | "channels"
  Timestamp started_at{};
  std::optional<Timestamp> ended_at;  // unset while running (or when the process died)
  int64_t calls = 0;                  // API requests the API saw, failed ones included
  int64_t units = 0;                  // quota units spent
  int64_t rows = 0;                   // videos + snapshots + channels written
  int64_t errors = 0;                 // items or work units that failed
  // running | ok | partial | quota_exceeded | budget_reached | failed | interrupted
  std::string status = "running";
  std::string message;                // what happened, what is left for the next run
  std::string worker;                 // "host:pid" of the collecting process
};

// ---- Store markers (migration 0003_store_markers) -------------------------------------------
// A fact about the data set as a whole, by name.
struct StoreMarker {
  std::string name;
  std::string value;  // what set it, for messages
  Timestamp set_at{};
};

// ---- Tracked videos (migration 0004_tracked_videos) -----------------------------------------
// A video snapshotted on a schedule (collect/track_schedule.h) since it was analyzed.
struct TrackedVideo {
  std::string video_id;
  Timestamp tracked_since{};
  std::optional<Timestamp> next_due;  // unset: tracking is over (`ended` says why)
  std::string reason;                 // what started it: "analyze"
  std::string ended;                  // "" while tracked; else why it stopped
};

// Set by `vv generate` in its first transaction and cleared in its last: while it is there the
// store holds a partial data set (the run was killed, or is still going).
inline constexpr char kGenerationMarker[] = "generation_in_progress";

// ---- Drift history (migration 0005_drift_history) ------------------------------------------
// One compared column of a stored drift report (src/monitor computes them).
struct DriftColumnRecord {
  std::string kind;     // "feature" | "prediction"
  std::string name;     // "title_length", "viral.probability"
  std::string model;    // the prediction's model; "" for a feature
  std::string version;  // the model version that made the predictions; "" for a feature
  std::optional<double> psi, psi_p_value, ks, ks_p_value;  // unset: undefined (no values)
  int64_t n_reference = 0;
  int64_t n_current = 0;
  std::string status;  // ok | warn | drift | insufficient
};

struct DriftRecord {
  int64_t id = 0;  // set by the store
  Timestamp computed_at{};
  std::string source;    // "serve" (the live window) | "cli" (`vv drift`)
  std::string instance;  // "host:pid" of the writer (replicas share one store)
  std::string status;    // the report's worst status
  std::string window_json = "{}";  // which rows were compared
  std::vector<DriftColumnRecord> columns;
};

struct DriftHistoryFilter {
  std::optional<Timestamp> since;  // reports computed at or after
  std::string column;              // only this column's rows ("" = every column)
  std::string source;              // "" = both
  int limit = 100;                 // newest reports first
};

// One Store is one database connection: use it from one thread at a time (open one per
// thread; SQLite in WAL mode and PostgreSQL both serve concurrent readers).
class Store {
 public:
  virtual ~Store() = default;

  // "sqlite:var/vv.db" or "postgresql://user:pass@host:port/db", for messages (no password).
  virtual std::string Describe() const = 0;
  virtual int SchemaVersion() const = 0;

  // Writes outside Begin/Commit each run in their own transaction. Inside, nothing is visible
  // to others until Commit, and Rollback (or destruction without Commit) discards it all.
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;

  // Upserts follow the one merge rule (store/merge_rule.h) and are idempotent. A field that is
  // unknown in the new row (nullopt, empty string, empty tags) keeps the stored value, so a
  // later file can enrich what an earlier one made. comments_disabled / ratings_disabled cannot
  // say "unknown", so they only ever turn on. Duplicates inside one batch merge by the same
  // rule. Each call is atomic; inside Begin/Commit a failed call spoils the transaction (Commit
  // then fails; roll back).
  virtual Status UpsertChannels(std::span<const Channel> channels) = 0;
  virtual Status UpsertVideos(std::span<const Video> videos) = 0;
  // Unique on (video_id, captured_at); the video must exist.
  virtual Status UpsertSnapshots(std::span<const Snapshot> snapshots) = 0;
  // Unique on (title, source).
  virtual Status UpsertLabelledTitles(std::span<const LabelledTitle> titles) = 0;
  // Unique on (id, region).
  virtual Status UpsertCategories(std::span<const Category> categories) = 0;

  virtual Result<std::vector<Channel>> LoadChannels() = 0;
  virtual Result<std::optional<Channel>> GetChannel(const std::string& id) = 0;
  virtual Result<std::vector<Video>> LoadVideos(const VideoFilter& filter) = 0;
  virtual Result<std::optional<Video>> GetVideo(const std::string& id) = 0;
  // All snapshots ordered by (video_id, captured_at); or one video's when video_id is given.
  virtual Result<std::vector<Snapshot>> LoadSnapshots(const std::string& video_id = {}) = 0;
  virtual Result<std::vector<LabelledTitle>> LoadLabelledTitles() = 0;
  virtual Result<std::vector<Category>> LoadCategories() = 0;
  virtual Result<StoreStats> Stats() = 0;

  // ---- Collection bookkeeping (src/collect; migration 0002_collection) ----
  // Both backends implement these; the defaults (kFailedPrecondition) only spare wrappers and
  // test doubles that never collect from implementing them.
  // Inserts the run and returns its id.
  virtual Result<int64_t> StartRun(const CollectionRun& run) { return NoCollection(); }
  // Overwrites counters, status, message and ended_at of run.id (progress and finish).
  virtual Status UpdateRun(const CollectionRun& run) { return NoCollection(); }
  // Newest first.
  virtual Result<std::vector<CollectionRun>> LoadRuns(int limit) { return NoCollection(); }
  // The latest snapshot time of each given video that has snapshots (one query per batch;
  // the collector's deduplicator keeps snapshot times monotonic with it).
  virtual Result<std::vector<std::pair<std::string, Timestamp>>> LatestSnapshotTimes(
      std::span<const std::string> video_ids) {
    return NoCollection();
  }
  // Quota units spent by runs started at or after `since` (today's usage).
  virtual Result<int64_t> UnitsUsedSince(Timestamp since) { return NoCollection(); }
  // Adds channels to the collection_jobs table, due at `due`; known channels are unchanged.
  virtual Status UpsertTrackedChannels(std::span<const std::string> channel_ids, Timestamp due) {
    return NoCollection();
  }
  // Claims up to `limit` channels due at `now` and not claimed by a live lease, for `worker`
  // until `lease_until`. PostgreSQL uses FOR UPDATE SKIP LOCKED, so concurrent collectors
  // never get the same channel.
  virtual Result<std::vector<std::string>> ClaimChannelJobs(const std::string& worker, Timestamp now,
                                                            Timestamp lease_until, int limit) {
    return NoCollection();
  }
  // Releases a claim; with next_due the channel was collected and is due again then, without
  // it the channel stays due (collected on the next run).
  virtual Status FinishChannelJob(const std::string& channel_id, std::optional<Timestamp> next_due) {
    return NoCollection();
  }

  // ---- Tracked videos (migration 0004_tracked_videos) ----
  // Starts tracking (the video must exist), or for a tracked video sets next_due and ended
  // anew while keeping tracked_since and reason.
  virtual Status TrackVideo(const TrackedVideo& tracked) { return NoCollection(); }
  virtual Result<std::optional<TrackedVideo>> GetTrackedVideo(const std::string& video_id) {
    return NoCollection();
  }
  // Like ClaimChannelJobs: up to `limit` tracked videos due at `now` (next_due set) and not
  // claimed by a live lease, oldest due first.
  virtual Result<std::vector<std::string>> ClaimVideoJobs(const std::string& worker, Timestamp now,
                                                          Timestamp lease_until, int limit) {
    return NoCollection();
  }
  // Releases a claim. ended non-empty: tracking is over (next_due cleared). Else with next_due
  // the video was snapshotted and is due again then; without it, it stays due.
  virtual Status FinishVideoJob(const std::string& video_id, std::optional<Timestamp> next_due,
                                const std::string& ended = {}) {
    return NoCollection();
  }

  // ---- Store markers (migration 0003_store_markers) ----
  // Inside Begin/Commit these take part in the transaction, so a marker can be set or cleared
  // together with the rows it describes.
  virtual Status SetMarker(const StoreMarker& marker) { return NoCollection(); }
  virtual Status ClearMarker(const std::string& name) { return NoCollection(); }
  // Ordered by name; empty when none is set.
  virtual Result<std::vector<StoreMarker>> LoadMarkers() { return NoCollection(); }

  // ---- Drift history (migration 0005_drift_history) ----
  // Inserts the report and its columns in one transaction; returns its id.
  virtual Result<int64_t> AppendDriftReport(const DriftRecord& report) { return NoCollection(); }
  // Newest first (computed_at, then id), each with its columns ordered by kind and name.
  virtual Result<std::vector<DriftRecord>> LoadDriftHistory(const DriftHistoryFilter& filter) {
    return NoCollection();
  }

 protected:
  Error NoCollection() const {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "this store keeps no collection records, markers or drift history", Describe());
  }
};

// url: "sqlite:PATH", "sqlite://PATH", a plain path without '=', "postgresql://..." /
// "postgres://...", or a libpq key=value DSN ("host=h dbname=d"); anything ambiguous is refused
// (store_url.h). Applies migrations; refuses a database whose schema is newer than this program.
Result<std::unique_ptr<Store>> OpenStore(const std::string& url);

// The store URL from --db, else VV_DB, else "sqlite:var/vv.db".
std::string ResolveStoreUrl(const std::string& flag_value);

// Masks the password of a URL or DSN for messages: postgresql://u:***@h/db, password=***.
std::string RedactUrl(const std::string& url);

// "" for a whole store; else a warning that names the unfinished run that left it partial and
// how to complete it (the generation marker). Stores that keep no markers count as whole.
Result<std::string> PartialStoreWarning(Store& store);

// Runs fn inside Begin/Commit; rolls back when fn or Commit fails.
template <typename Fn>
Status InTransaction(Store& store, Fn&& fn) {
  VV_RETURN_IF_ERROR(store.Begin());
  Status status = fn();
  if (!status.ok()) {
    (void)store.Rollback();
    return status;
  }
  Status commit = store.Commit();
  if (!commit.ok()) (void)store.Rollback();
  return commit;
}

}  // namespace vv
