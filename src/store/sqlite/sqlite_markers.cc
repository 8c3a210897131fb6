// Store markers (migration 0003_store_markers).
#include "core/time_util.h"
#include "store/sqlite/sqlite_store.h"

namespace vv::store_internal {

Status SqliteStore::SetMarker(const StoreMarker& marker) {
  return Write([&]() -> Status {
    VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare(
        "INSERT INTO store_markers (name, value, set_at) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value, set_at = excluded.set_at"));
    stmt.Text(1, marker.name);
    stmt.Text(2, marker.value);
    stmt.Int(3, ToUnixSeconds(marker.set_at));
    return StepDone(stmt, "setting store marker '" + marker.name + "'");
  });
}

Status SqliteStore::ClearMarker(const std::string& name) {
  return Write([&]() -> Status {
    VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare("DELETE FROM store_markers WHERE name = ?1"));
    stmt.Text(1, name);
    return StepDone(stmt, "clearing store marker '" + name + "'");
  });
}

Result<std::vector<StoreMarker>> SqliteStore::LoadMarkers() {
  VV_ASSIGN_OR_RETURN(Stmt stmt,
                      Prepare("SELECT name, value, set_at FROM store_markers ORDER BY name"));
  std::vector<StoreMarker> markers;
  int rc;
  while ((rc = stmt.Step()) == SQLITE_ROW) {
    markers.push_back({stmt.ColText(0), stmt.ColText(1), FromUnixSeconds(stmt.ColInt(2))});
  }
  if (rc != SQLITE_DONE) return SqlError("loading store markers");
  return markers;
}

}  // namespace vv::store_internal
