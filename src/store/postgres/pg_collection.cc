// Collection bookkeeping (migration 0002_collection): runs and channel jobs for src/collect.
#include <algorithm>

#include "core/time_util.h"
#include "store/postgres/pg_array.h"
#include "store/postgres/pg_store.h"

namespace vv::store_internal {

Result<int64_t> PgStore::StartRun(const CollectionRun& run) {
  int64_t id = 0;
  VV_RETURN_IF_ERROR(Write("starting collection run", [&](pqxx::transaction_base& tx) {
    const auto& stmt = Prepared("vv_start_run",
        "INSERT INTO collection_runs (kind, started_at, status, message, worker) "
        "VALUES ($1, to_timestamp($2), $3, $4, $5) RETURNING id");
    id = tx.exec_prepared1(stmt, run.kind, ToUnixSeconds(run.started_at), run.status, run.message,
                           run.worker)[0].as<int64_t>();
  }));
  return id;
}

Status PgStore::UpdateRun(const CollectionRun& run) {
  bool found = true;
  VV_RETURN_IF_ERROR(Write("updating collection run", [&](pqxx::transaction_base& tx) {
    const auto& stmt = Prepared("vv_update_run",
        "UPDATE collection_runs SET ended_at = CASE WHEN $2 THEN to_timestamp($3) END, "
        "calls = $4, units = $5, rows = $6, errors = $7, status = $8, message = $9 WHERE id = $1");
    pqxx::result r = tx.exec_prepared(stmt, run.id, run.ended_at.has_value(),
                                      run.ended_at ? ToUnixSeconds(*run.ended_at) : 0, run.calls,
                                      run.units, run.rows, run.errors, run.status, run.message);
    found = r.affected_rows() == 1;
  }));
  if (!found) {
    return MakeError(ErrorCode::kNotFound, "no collection run " + std::to_string(run.id), describe_);
  }
  return {};
}

Result<std::vector<CollectionRun>> PgStore::LoadRuns(int limit) {
  return Read<std::vector<CollectionRun>>("loading collection runs", [&](pqxx::transaction_base& tx) {
    const auto& stmt = Prepared("vv_load_runs",
        "SELECT id, kind, extract(epoch FROM started_at)::bigint, "
        "extract(epoch FROM ended_at)::bigint, calls, units, rows, errors, status, message, worker "
        "FROM collection_runs ORDER BY id DESC LIMIT $1");
    std::vector<CollectionRun> runs;
    for (const pqxx::row& r : tx.exec_prepared(stmt, limit > 0 ? int64_t{limit} : INT64_MAX)) {
      CollectionRun run;
      run.id = r[0].as<int64_t>();
      run.kind = r[1].as<std::string>();
      run.started_at = FromUnixSeconds(r[2].as<int64_t>());
      if (!r[3].is_null()) run.ended_at = FromUnixSeconds(r[3].as<int64_t>());
      run.calls = r[4].as<int64_t>();
      run.units = r[5].as<int64_t>();
      run.rows = r[6].as<int64_t>();
      run.errors = r[7].as<int64_t>();
      run.status = r[8].as<std::string>();
      run.message = r[9].as<std::string>();
      run.worker = r[10].as<std::string>();
      runs.push_back(std::move(run));
    }
    return runs;
  });
}

Result<std::vector<std::pair<std::string, Timestamp>>> PgStore::LatestSnapshotTimes(
    std::span<const std::string> video_ids) {
  using Pairs = std::vector<std::pair<std::string, Timestamp>>;
  return Read<Pairs>("reading latest snapshot times", [&](pqxx::transaction_base& tx) -> Result<Pairs> {
    const auto& stmt = Prepared("vv_latest_snapshots",
        "SELECT video_id, extract(epoch FROM max(captured_at))::bigint FROM snapshots "
        "WHERE video_id = ANY($1::text[]) GROUP BY video_id");
    PgArray ids;
    for (const auto& id : video_ids) ids.Text(id);
    Pairs out;
    for (const pqxx::row& r : tx.exec_prepared(stmt, ids.Finish())) {
      out.emplace_back(r[0].as<std::string>(), FromUnixSeconds(r[1].as<int64_t>()));
    }
    return out;
  });
}

Result<int64_t> PgStore::UnitsUsedSince(Timestamp since) {
  return Read<int64_t>("summing quota units", [&](pqxx::transaction_base& tx) -> Result<int64_t> {
    const auto& stmt = Prepared("vv_units_since",
        "SELECT COALESCE(SUM(units), 0)::bigint FROM collection_runs WHERE started_at >= to_timestamp($1)");
    return tx.exec_prepared1(stmt, ToUnixSeconds(since))[0].as<int64_t>();
  });
}

Status PgStore::UpsertTrackedChannels(std::span<const std::string> channel_ids, Timestamp due) {
  return Write("tracking channels", [&](pqxx::transaction_base& tx) {
    const auto& stmt = Prepared("vv_track_channel",
        "INSERT INTO collection_jobs (channel_id, next_due) VALUES ($1, to_timestamp($2)) "
        "ON CONFLICT (channel_id) DO NOTHING");
    for (const auto& id : channel_ids) tx.exec_prepared(stmt, id, ToUnixSeconds(due));
  });
}

Result<std::vector<std::string>> PgStore::ClaimChannelJobs(const std::string& worker, Timestamp now,
                                                           Timestamp lease_until, int limit) {
  std::vector<std::string> claimed;
  // SKIP LOCKED: rows another collector is claiming right now are passed over, not waited for,
  // so concurrent collectors each get distinct channels.
  VV_RETURN_IF_ERROR(Write("claiming channel jobs", [&](pqxx::transaction_base& tx) {
    const auto& stmt = Prepared("vv_claim_jobs",
        "UPDATE collection_jobs j SET claimed_by = $1, claimed_until = to_timestamp($3) "
        "FROM (SELECT channel_id FROM collection_jobs WHERE next_due <= to_timestamp($2) "
        "      AND (claimed_until IS NULL OR claimed_until < to_timestamp($2)) "
        "      ORDER BY next_due, channel_id LIMIT $4 FOR UPDATE SKIP LOCKED) due "
        "WHERE j.channel_id = due.channel_id RETURNING j.channel_id");
    for (const pqxx::row& r : tx.exec_prepared(stmt, worker, ToUnixSeconds(now), ToUnixSeconds(lease_until),
                                               limit > 0 ? int64_t{limit} : INT64_MAX)) {
      claimed.push_back(r[0].as<std::string>());
    }
  }));
  std::sort(claimed.begin(), claimed.end());
  return claimed;
}

Status PgStore::FinishChannelJob(const std::string& channel_id, std::optional<Timestamp> next_due) {
  return Write("finishing channel job", [&](pqxx::transaction_base& tx) {
    const auto& stmt = Prepared("vv_finish_job",
        "UPDATE collection_jobs SET next_due = CASE WHEN $2 THEN to_timestamp($3) ELSE next_due END, "
        "claimed_by = NULL, claimed_until = NULL WHERE channel_id = $1");
    tx.exec_prepared(stmt, channel_id, next_due.has_value(), next_due ? ToUnixSeconds(*next_due) : 0);
  });
}

}  // namespace vv::store_internal
