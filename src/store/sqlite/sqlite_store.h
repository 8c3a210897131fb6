#pragma once
// SQLite backend: one connection, WAL, statements prepared once and cached.
#include <sqlite3.h>

#include <functional>
#include <string>
#include <unordered_map>

#include "store/sqlite/sqlite_stmt.h"
#include "store/store.h"

namespace vv::store_internal {

class SqliteStore final : public Store {
 public:
  // Opens (creating parent directories and the file) and migrates.
  static Result<std::unique_ptr<Store>> Open(const std::string& path);
  ~SqliteStore() override;

  std::string Describe() const override { return "sqlite:" + path_; }
  int SchemaVersion() const override { return schema_version_; }

  Status Begin() override;
  Status Commit() override;
  Status Rollback() override;

  Status UpsertChannels(std::span<const Channel> channels) override;
  Status UpsertVideos(std::span<const Video> videos) override;
  Status UpsertSnapshots(std::span<const Snapshot> snapshots) override;
  Status UpsertLabelledTitles(std::span<const LabelledTitle> titles) override;
  Status UpsertCategories(std::span<const Category> categories) override;

  Result<std::vector<Channel>> LoadChannels() override;
  Result<std::optional<Channel>> GetChannel(const std::string& id) override;
  Result<std::vector<Video>> LoadVideos(const VideoFilter& filter) override;
  Result<std::optional<Video>> GetVideo(const std::string& id) override;
  Result<std::vector<Snapshot>> LoadSnapshots(const std::string& video_id) override;
  Result<std::vector<LabelledTitle>> LoadLabelledTitles() override;
  Result<std::vector<Category>> LoadCategories() override;
  Result<StoreStats> Stats() override;

  // Collection bookkeeping: sqlite_collection.cc.
  Result<int64_t> StartRun(const CollectionRun& run) override;
  Status UpdateRun(const CollectionRun& run) override;
  Result<std::vector<CollectionRun>> LoadRuns(int limit) override;
  Result<std::vector<std::pair<std::string, Timestamp>>> LatestSnapshotTimes(
      std::span<const std::string> video_ids) override;
  Result<int64_t> UnitsUsedSince(Timestamp since) override;
  Status UpsertTrackedChannels(std::span<const std::string> channel_ids, Timestamp due) override;
  Result<std::vector<std::string>> ClaimChannelJobs(const std::string& worker, Timestamp now,
                                                    Timestamp lease_until, int limit) override;
  Status FinishChannelJob(const std::string& channel_id, std::optional<Timestamp> next_due) override;

  // Tracked videos: sqlite_tracking.cc.
  Status TrackVideo(const TrackedVideo& tracked) override;
  Result<std::optional<TrackedVideo>> GetTrackedVideo(const std::string& video_id) override;
  Result<std::vector<std::string>> ClaimVideoJobs(const std::string& worker, Timestamp now,
                                                  Timestamp lease_until, int limit) override;
  Status FinishVideoJob(const std::string& video_id, std::optional<Timestamp> next_due,
                        const std::string& ended) override;
  // Store markers: sqlite_markers.cc.
  Status SetMarker(const StoreMarker& marker) override;
  Status ClearMarker(const std::string& name) override;
  Result<std::vector<StoreMarker>> LoadMarkers() override;

  // Drift history: sqlite_drift.cc.
  Result<int64_t> AppendDriftReport(const DriftRecord& report) override;
  Result<std::vector<DriftRecord>> LoadDriftHistory(const DriftHistoryFilter& filter) override;

 private:
  SqliteStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}

  Status Configure();
  Status Migrate();
  Result<int> ReadSchemaVersion();
  // A cached statement, reset and with its bindings cleared.
  Result<Stmt> Prepare(const std::string& sql);
  // Runs one parameterless statement to completion.
  Status Run(const std::string& sql);
  // Steps a statement that returns no rows; error names `what`.
  Status StepDone(Stmt& stmt, const std::string& what);
  Error SqlError(const std::string& what) const;
  // Runs a write atomically: its own transaction outside Begin, a savepoint inside one (a
  // failure then also marks the transaction failed, as PostgreSQL does).
  Status Write(const std::function<Status()>& body);
  Result<std::vector<Video>> QueryVideos(Stmt& stmt);

  sqlite3* db_ = nullptr;
  std::string path_;
  int schema_version_ = 0;
  bool in_transaction_ = false;
  bool transaction_failed_ = false;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace vv::store_internal
