// Tracked videos (migration 0004_tracked_videos): the snapshot schedule of analyzed videos.
#include <algorithm>

#include "core/time_util.h"
#include "store/postgres/pg_store.h"

namespace vv::store_internal {

Status PgStore::TrackVideo(const TrackedVideo& tracked) {
  return Write("tracking video '" + tracked.video_id + "'", [&](pqxx::transaction_base& tx) {
    const auto& stmt = Prepared("vv_track_video",
        "INSERT INTO tracked_videos (video_id, tracked_since, next_due, reason, ended) "
        "VALUES ($1, to_timestamp($2), CASE WHEN $3 THEN to_timestamp($4) END, $5, $6) "
        "ON CONFLICT (video_id) DO UPDATE SET next_due = excluded.next_due, ended = excluded.ended");
    bool due = tracked.ended.empty() && tracked.next_due.has_value();
    tx.exec_prepared(stmt, tracked.video_id, ToUnixSeconds(tracked.tracked_since), due,
                     due ? ToUnixSeconds(*tracked.next_due) : 0, tracked.reason, tracked.ended);
  });
}

Result<std::optional<TrackedVideo>> PgStore::GetTrackedVideo(const std::string& video_id) {
  using Out = std::optional<TrackedVideo>;
  return Read<Out>("reading tracked video", [&](pqxx::transaction_base& tx) -> Result<Out> {
    const auto& stmt = Prepared("vv_get_tracked_video",
        "SELECT video_id, extract(epoch FROM tracked_since)::bigint, "
        "extract(epoch FROM next_due)::bigint, reason, ended FROM tracked_videos WHERE video_id = $1");
    pqxx::result r = tx.exec_prepared(stmt, video_id);
    if (r.empty()) return Out();
    TrackedVideo t;
    t.video_id = r[0][0].as<std::string>();
    t.tracked_since = FromUnixSeconds(r[0][1].as<int64_t>());
    if (!r[0][2].is_null()) t.next_due = FromUnixSeconds(r[0][2].as<int64_t>());
    t.reason = r[0][3].as<std::string>();
    t.ended = r[0][4].as<std::string>();
    return Out(std::move(t));
  });
}

Result<std::vector<std::string>> PgStore::ClaimVideoJobs(const std::string& worker, Timestamp now,
                                                         Timestamp lease_until, int limit) {
  std::vector<std::string> claimed;
  VV_RETURN_IF_ERROR(Write("claiming tracked videos", [&](pqxx::transaction_base& tx) {
    const auto& stmt = Prepared("vv_claim_videos",
        "UPDATE tracked_videos t SET claimed_by = $1, claimed_until = to_timestamp($3) "
        "FROM (SELECT video_id FROM tracked_videos WHERE next_due IS NOT NULL "
        "      AND next_due <= to_timestamp($2) "
        "      AND (claimed_until IS NULL OR claimed_until < to_timestamp($2)) "
        "      ORDER BY next_due, video_id LIMIT $4 FOR UPDATE SKIP LOCKED) due "
        "WHERE t.video_id = due.video_id RETURNING t.video_id");
    for (const pqxx::row& r : tx.exec_prepared(stmt, worker, ToUnixSeconds(now), ToUnixSeconds(lease_until),
                                               limit > 0 ? int64_t{limit} : INT64_MAX)) {
      claimed.push_back(r[0].as<std::string>());
    }
  }));
  std::sort(claimed.begin(), claimed.end());
  return claimed;
}

Status PgStore::FinishVideoJob(const std::string& video_id, std::optional<Timestamp> next_due,
                               const std::string& ended) {
  return Write("finishing tracked video", [&](pqxx::transaction_base& tx) {
    const auto& stmt = Prepared("vv_finish_video",
        "UPDATE tracked_videos SET next_due = CASE WHEN $4 <> '' THEN NULL "
        "WHEN $2 THEN to_timestamp($3) ELSE next_due END, ended = $4, "
        "claimed_by = NULL, claimed_until = NULL WHERE video_id = $1");
    tx.exec_prepared(stmt, video_id, next_due.has_value(), next_due ? ToUnixSeconds(*next_due) : 0, ended);
  });
}

}  // namespace vv::store_internal
