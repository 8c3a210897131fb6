#pragma once
// PostgreSQL backend on libpqxx: one connection, statements prepared once per connection,
// batches sent as arrays and expanded server-side with unnest (one round trip per 5000 rows).
#include <exception>
#include <memory>
#include <pqxx/pqxx>
#include <set>
#include <string>
#include <vector>

#include "store/store.h"

namespace vv::store_internal {

class PgStore final : public Store {
 public:
  static Result<std::unique_ptr<Store>> Open(const std::string& url);
  ~PgStore() override;

  std::string Describe() const override { return describe_; }
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

  // Collection bookkeeping: pg_collection.cc.
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

  // Tracked videos: pg_tracking.cc.
  Status TrackVideo(const TrackedVideo& tracked) override;
  Result<std::optional<TrackedVideo>> GetTrackedVideo(const std::string& video_id) override;
  Result<std::vector<std::string>> ClaimVideoJobs(const std::string& worker, Timestamp now,
                                                  Timestamp lease_until, int limit) override;
  Status FinishVideoJob(const std::string& video_id, std::optional<Timestamp> next_due,
                        const std::string& ended) override;
  // Store markers: pg_markers.cc.
  Status SetMarker(const StoreMarker& marker) override;
  Status ClearMarker(const std::string& name) override;
  Result<std::vector<StoreMarker>> LoadMarkers() override;

  // Drift history: pg_drift.cc.
  Result<int64_t> AppendDriftReport(const DriftRecord& report) override;
  Result<std::vector<DriftRecord>> LoadDriftHistory(const DriftHistoryFilter& filter) override;

 private:
  PgStore(std::string describe, std::vector<std::string> passwords,
          std::unique_ptr<pqxx::connection> conn)
      : describe_(std::move(describe)), passwords_(std::move(passwords)), conn_(std::move(conn)) {}

  Status Migrate();
  // Registers a prepared statement once per connection; returns its name.
  const std::string& Prepared(const std::string& name, const std::string& sql);
  Error ErrorFrom(const std::exception& e, const std::string& what) const;
  Status FailedTransactionError() const;

  // Runs fn(transaction): in the open transaction (Begin), else in its own, committed.
  template <typename Fn>
  Status Write(const std::string& what, Fn&& fn) {
    if (tx_) {
      VV_RETURN_IF_ERROR(FailedTransactionError());
      try {
        fn(static_cast<pqxx::transaction_base&>(*tx_));
        return {};
      } catch (const std::exception& e) {
        tx_failed_ = true;
        return ErrorFrom(e, what);
      }
    }
    try {
      pqxx::work work(*conn_);
      fn(static_cast<pqxx::transaction_base&>(work));
      work.commit();
      return {};
    } catch (const std::exception& e) {
      return ErrorFrom(e, what);
    }
  }

  // fn(transaction) -> Result<T>; outside Begin it runs without a transaction block.
  template <typename T, typename Fn>
  Result<T> Read(const std::string& what, Fn&& fn) {
    try {
      if (tx_) {
        VV_RETURN_IF_ERROR(FailedTransactionError());
        return fn(static_cast<pqxx::transaction_base&>(*tx_));
      }
      pqxx::nontransaction read(*conn_);
      return fn(static_cast<pqxx::transaction_base&>(read));
    } catch (const std::exception& e) {
      if (tx_) tx_failed_ = true;
      return ErrorFrom(e, what);
    }
  }

  std::string describe_;  // the URL without its password
  std::vector<std::string> passwords_;  // only to scrub them from server messages
  std::unique_ptr<pqxx::connection> conn_;
  std::unique_ptr<pqxx::work> tx_;
  bool tx_failed_ = false;
  int schema_version_ = 0;
  std::set<std::string> prepared_;
};

}  // namespace vv::store_internal
