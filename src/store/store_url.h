#pragma once
// How a store URL names its backend, shared by OpenStore and the PostgreSQL backend. The rule
// is strict on purpose: a libpq key=value DSN once fell through to SQLite and became a file
// whose name held the password.
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace vv::store_internal {

enum class Backend { kSqlite, kPostgres };

struct StoreTarget {
  Backend backend = Backend::kSqlite;
  std::string location;  // the SQLite file path, or the libpq URL / key=value DSN as given
};

// PostgreSQL: postgres:// or postgresql:// URLs, and libpq key=value DSNs ("host=h dbname=d").
// SQLite: sqlite:PATH, sqlite://PATH, or a plain path without '='. Everything else is refused
// with kInvalidArgument: an unknown scheme, or text with '=' that is not a DSN of libpq's
// keywords (write sqlite:PATH for a file whose name holds '=').
Result<StoreTarget> ParseStoreUrl(const std::string& url);

struct DsnPair {
  std::string key;
  std::string value;  // unquoted and unescaped
};

// libpq's keyword/value syntax: pairs split by whitespace, spaces allowed around '='; a value
// is single-quoted or runs to the next space, and a backslash escapes the next character.
// Returns false (with *problem set, never quoting a value) on text that does not follow it.
bool ParseKeywordDsn(std::string_view text, std::vector<DsnPair>* pairs, std::string* problem);

// The passwords a PostgreSQL URL or DSN carries (as written and decoded), to scrub them from
// server messages.
std::vector<std::string> PasswordsOf(const std::string& conninfo);

}  // namespace vv::store_internal
