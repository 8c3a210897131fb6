// Store markers (migration 0003_store_markers).
#include "core/time_util.h"
#include "store/postgres/pg_store.h"

namespace vv::store_internal {

Status PgStore::SetMarker(const StoreMarker& marker) {
  return Write("setting store marker '" + marker.name + "'", [&](pqxx::transaction_base& tx) {
    const auto& stmt = Prepared("vv_set_marker",
        "INSERT INTO store_markers (name, value, set_at) VALUES ($1, $2, to_timestamp($3)) "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value, set_at = excluded.set_at");
    tx.exec_prepared(stmt, marker.name, marker.value, ToUnixSeconds(marker.set_at));
  });
}

Status PgStore::ClearMarker(const std::string& name) {
  return Write("clearing store marker '" + name + "'", [&](pqxx::transaction_base& tx) {
    tx.exec_prepared(Prepared("vv_clear_marker", "DELETE FROM store_markers WHERE name = $1"),
                     name);
  });
}

Result<std::vector<StoreMarker>> PgStore::LoadMarkers() {
  using Markers = std::vector<StoreMarker>;
  return Read<Markers>("loading store markers", [&](pqxx::transaction_base& tx) -> Result<Markers> {
    const auto& stmt = Prepared("vv_load_markers",
        "SELECT name, value, extract(epoch FROM set_at)::bigint FROM store_markers ORDER BY name");
    Markers markers;
    for (const pqxx::row& r : tx.exec_prepared(stmt)) {
      markers.push_back({r[0].as<std::string>(), r[1].as<std::string>(),
                         FromUnixSeconds(r[2].as<int64_t>())});
    }
    return markers;
  });
}

}  // namespace vv::store_internal
