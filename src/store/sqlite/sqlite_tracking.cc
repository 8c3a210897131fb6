// Tracked videos (migration 0004_tracked_videos): the snapshot schedule of analyzed videos.
#include <algorithm>

#include "core/time_util.h"
#include "store/sqlite/sqlite_store.h"

namespace vv::store_internal {

Status SqliteStore::TrackVideo(const TrackedVideo& tracked) {
  return Write([&]() -> Status {
    VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare(
        "INSERT INTO tracked_videos (video_id, tracked_since, next_due, reason, ended) "
        "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (video_id) DO UPDATE SET "
        "next_due = excluded.next_due, ended = excluded.ended"));
    stmt.Text(1, tracked.video_id);
    stmt.Int(2, ToUnixSeconds(tracked.tracked_since));
    stmt.OptTime(3, tracked.ended.empty() ? tracked.next_due : std::nullopt);
    stmt.Text(4, tracked.reason);
    stmt.Text(5, tracked.ended);
    return StepDone(stmt, "tracking video '" + tracked.video_id + "'");
  });
}

Result<std::optional<TrackedVideo>> SqliteStore::GetTrackedVideo(const std::string& video_id) {
  VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare(
      "SELECT video_id, tracked_since, next_due, reason, ended FROM tracked_videos WHERE video_id = ?1"));
  stmt.Text(1, video_id);
  int rc = stmt.Step();
  if (rc == SQLITE_DONE) return std::optional<TrackedVideo>();
  if (rc != SQLITE_ROW) return SqlError("reading tracked video '" + video_id + "'");
  TrackedVideo t;
  t.video_id = stmt.ColText(0);
  t.tracked_since = FromUnixSeconds(stmt.ColInt(1));
  t.next_due = stmt.ColOptTime(2);
  t.reason = stmt.ColText(3);
  t.ended = stmt.ColText(4);
  return std::optional<TrackedVideo>(std::move(t));
}

Result<std::vector<std::string>> SqliteStore::ClaimVideoJobs(const std::string& worker, Timestamp now,
                                                             Timestamp lease_until, int limit) {
  std::vector<std::string> claimed;
  VV_RETURN_IF_ERROR(Write([&]() -> Status {
    VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare(
        "UPDATE tracked_videos SET claimed_by = ?1, claimed_until = ?3 WHERE video_id IN ("
        "  SELECT video_id FROM tracked_videos WHERE next_due IS NOT NULL AND next_due <= ?2"
        "  AND (claimed_until IS NULL OR claimed_until < ?2)"
        "  ORDER BY next_due, video_id LIMIT ?4) RETURNING video_id"));
    stmt.Text(1, worker);
    stmt.Int(2, ToUnixSeconds(now));
    stmt.Int(3, ToUnixSeconds(lease_until));
    stmt.Int(4, limit > 0 ? limit : -1);
    int rc;
    while ((rc = stmt.Step()) == SQLITE_ROW) claimed.push_back(stmt.ColText(0));
    if (rc != SQLITE_DONE) return SqlError("claiming tracked videos");
    return {};
  }));
  std::sort(claimed.begin(), claimed.end());
  return claimed;
}

Status SqliteStore::FinishVideoJob(const std::string& video_id, std::optional<Timestamp> next_due,
                                   const std::string& ended) {
  return Write([&]() -> Status {
    VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare(
        "UPDATE tracked_videos SET "
        "next_due = CASE WHEN ?3 <> '' THEN NULL ELSE COALESCE(?2, next_due) END, "
        "ended = ?3, claimed_by = NULL, claimed_until = NULL WHERE video_id = ?1"));
    stmt.Text(1, video_id);
    stmt.OptTime(2, next_due);
    stmt.Text(3, ended);
    return StepDone(stmt, "finishing tracked video '" + video_id + "'");
  });
}

}  // namespace vv::store_internal
