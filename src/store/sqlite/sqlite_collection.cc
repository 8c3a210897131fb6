// Collection bookkeeping (migration 0002_collection): runs and channel jobs for src/collect.
#include <algorithm>

#include "core/time_util.h"
#include "store/sqlite/sqlite_store.h"

namespace vv::store_internal {
namespace {

constexpr char kRunColumns[] =
    "SELECT id, kind, started_at, ended_at, calls, units, rows, errors, status, message, worker "
    "FROM collection_runs";

}  // namespace

Result<int64_t> SqliteStore::StartRun(const CollectionRun& run) {
  int64_t id = 0;
  VV_RETURN_IF_ERROR(Write([&]() -> Status {
    VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare(
        "INSERT INTO collection_runs (kind, started_at, status, message, worker) "
        "VALUES (?1, ?2, ?3, ?4, ?5)"));
    stmt.Text(1, run.kind);
    stmt.Int(2, ToUnixSeconds(run.started_at));
    stmt.Text(3, run.status);
    stmt.Text(4, run.message);
    stmt.Text(5, run.worker);
    VV_RETURN_IF_ERROR(StepDone(stmt, "starting collection run"));
    id = sqlite3_last_insert_rowid(db_);
    return {};
  }));
  return id;
}

Status SqliteStore::UpdateRun(const CollectionRun& run) {
  return Write([&]() -> Status {
    VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare(
        "UPDATE collection_runs SET ended_at = ?2, calls = ?3, units = ?4, rows = ?5, "
        "errors = ?6, status = ?7, message = ?8 WHERE id = ?1"));
    stmt.Int(1, run.id);
    stmt.OptTime(2, run.ended_at);
    stmt.Int(3, run.calls);
    stmt.Int(4, run.units);
    stmt.Int(5, run.rows);
    stmt.Int(6, run.errors);
    stmt.Text(7, run.status);
    stmt.Text(8, run.message);
    VV_RETURN_IF_ERROR(StepDone(stmt, "updating collection run"));
    if (sqlite3_changes(db_) != 1) {
      return MakeError(ErrorCode::kNotFound, "no collection run " + std::to_string(run.id), Describe());
    }
    return {};
  });
}

Result<std::vector<CollectionRun>> SqliteStore::LoadRuns(int limit) {
  VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare(std::string(kRunColumns) + " ORDER BY id DESC LIMIT ?1"));
  stmt.Int(1, limit > 0 ? limit : -1);
  std::vector<CollectionRun> runs;
  int rc;
  while ((rc = stmt.Step()) == SQLITE_ROW) {
    CollectionRun r;
    r.id = stmt.ColInt(0);
    r.kind = stmt.ColText(1);
    r.started_at = FromUnixSeconds(stmt.ColInt(2));
    r.ended_at = stmt.ColOptTime(3);
    r.calls = stmt.ColInt(4);
    r.units = stmt.ColInt(5);
    r.rows = stmt.ColInt(6);
    r.errors = stmt.ColInt(7);
    r.status = stmt.ColText(8);
    r.message = stmt.ColText(9);
    r.worker = stmt.ColText(10);
    runs.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE) return SqlError("loading collection runs");
  return runs;
}

Result<std::vector<std::pair<std::string, Timestamp>>> SqliteStore::LatestSnapshotTimes(
    std::span<const std::string> video_ids) {
  VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare("SELECT MAX(captured_at) FROM snapshots WHERE video_id = ?1"));
  std::vector<std::pair<std::string, Timestamp>> out;
  for (const auto& id : video_ids) {
    stmt.Text(1, id);
    if (stmt.Step() != SQLITE_ROW) return SqlError("reading latest snapshot of '" + id + "'");
    if (!stmt.IsNull(0)) out.emplace_back(id, FromUnixSeconds(stmt.ColInt(0)));
    stmt.Reset();
  }
  return out;
}

Result<int64_t> SqliteStore::UnitsUsedSince(Timestamp since) {
  VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare(
      "SELECT COALESCE(SUM(units), 0) FROM collection_runs WHERE started_at >= ?1"));
  stmt.Int(1, ToUnixSeconds(since));
  if (stmt.Step() != SQLITE_ROW) return SqlError("summing quota units");
  return stmt.ColInt(0);
}

Status SqliteStore::UpsertTrackedChannels(std::span<const std::string> channel_ids, Timestamp due) {
  return Write([&]() -> Status {
    VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare(
        "INSERT INTO collection_jobs (channel_id, next_due) VALUES (?1, ?2) "
        "ON CONFLICT (channel_id) DO NOTHING"));
    for (const auto& id : channel_ids) {
      stmt.Text(1, id);
      stmt.Int(2, ToUnixSeconds(due));
      VV_RETURN_IF_ERROR(StepDone(stmt, "tracking channel '" + id + "'"));
    }
    return {};
  });
}

Result<std::vector<std::string>> SqliteStore::ClaimChannelJobs(const std::string& worker, Timestamp now,
                                                               Timestamp lease_until, int limit) {
  std::vector<std::string> claimed;
  // One UPDATE ... RETURNING under the write lock: SQLite has one writer at a time, so two
  // collectors cannot claim the same row.
  VV_RETURN_IF_ERROR(Write([&]() -> Status {
    VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare(
        "UPDATE collection_jobs SET claimed_by = ?1, claimed_until = ?3 WHERE channel_id IN ("
        "  SELECT channel_id FROM collection_jobs WHERE next_due <= ?2"
        "  AND (claimed_until IS NULL OR claimed_until < ?2)"
        "  ORDER BY next_due, channel_id LIMIT ?4) RETURNING channel_id"));
    stmt.Text(1, worker);
    stmt.Int(2, ToUnixSeconds(now));
    stmt.Int(3, ToUnixSeconds(lease_until));
    stmt.Int(4, limit > 0 ? limit : -1);
    int rc;
    while ((rc = stmt.Step()) == SQLITE_ROW) claimed.push_back(stmt.ColText(0));
    if (rc != SQLITE_DONE) return SqlError("claiming channel jobs");
    return {};
  }));
  std::sort(claimed.begin(), claimed.end());
  return claimed;
}

Status SqliteStore::FinishChannelJob(const std::string& channel_id, std::optional<Timestamp> next_due) {
  return Write([&]() -> Status {
    VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare(
        "UPDATE collection_jobs SET next_due = COALESCE(?2, next_due), claimed_by = NULL, "
        "claimed_until = NULL WHERE channel_id = ?1"));
    stmt.Text(1, channel_id);
    stmt.OptTime(2, next_due);
    return StepDone(stmt, "finishing channel job '" + channel_id + "'");
  });
}

}  // namespace vv::store_internal
