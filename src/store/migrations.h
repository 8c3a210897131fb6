#pragma once
// Versioned schema migrations, embedded at build time from src/store/migrations/<backend>/.
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace vv::store_internal {

struct Migration {
  std::string backend;  // "sqlite" | "postgres"
  int version = 0;
  std::string name;     // "0001_init"
  std::string sql;
};

// Every embedded migration (generated file).
const std::vector<Migration>& EmbeddedMigrations();
// The migrations of one backend, ordered by version.
std::vector<Migration> MigrationsFor(std::string_view backend);
// The highest version this program knows for a backend.
int LatestVersion(std::string_view backend);
// kFailedPrecondition: "database schema version N is newer than this program ...".
Error SchemaTooNewError(int db_version, int known_version, const std::string& where);

}  // namespace vv::store_internal
