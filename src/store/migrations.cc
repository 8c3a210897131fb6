#include "store/migrations.h"

#include <algorithm>

namespace vv::store_internal {

std::vector<Migration> MigrationsFor(std::string_view backend) {
  std::vector<Migration> out;
  for (const Migration& m : EmbeddedMigrations()) {
    if (m.backend == backend) out.push_back(m);
  }
  std::sort(out.begin(), out.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  return out;
}

int LatestVersion(std::string_view backend) {
  int latest = 0;
  for (const Migration& m : EmbeddedMigrations()) {
    if (m.backend == backend) latest = std::max(latest, m.version);
  }
  return latest;
}

Error SchemaTooNewError(int db_version, int known_version, const std::string& where) {
  return MakeError(ErrorCode::kFailedPrecondition,
                   "database schema version " + std::to_string(db_version) +
                       " is newer than this program (knows up to " +
                       std::to_string(known_version) + "); upgrade vv",
                   where);
}

}  // namespace vv::store_internal
