#include "store/postgres/pg_store.h"

#include <regex>

#include "store/migrations.h"
#include "store/store_internal.h"
#include "store/store_url.h"

namespace vv::store_internal {
namespace {

// Any constant serializes concurrent migrations of one database across processes.
constexpr int64_t kMigrationLockKey = 0x76765f6d6967;  // "vv_mig"

// libpq waits for the OS TCP timeout (minutes) on an unreachable host unless told otherwise.
std::string WithConnectTimeout(const std::string& conninfo) {
  if (conninfo.find("connect_timeout") != std::string::npos) return conninfo;
  if (conninfo.find("://") == std::string::npos) return conninfo + " connect_timeout=10";
  return conninfo + (conninfo.find('?') == std::string::npos ? "?" : "&") + "connect_timeout=10";
}

std::string Scrub(std::string message, const std::vector<std::string>& secrets) {
  for (const std::string& secret : secrets) {
    if (secret.empty()) continue;
    for (size_t at; (at = message.find(secret)) != std::string::npos;) {
      message.replace(at, secret.size(), "***");
    }
  }
  return message;
}

std::string OneLine(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  for (char& c : text) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  return text;
}

int ReadVersion(pqxx::transaction_base& tx) {
  tx.exec("SELECT pg_advisory_xact_lock(" + std::to_string(kMigrationLockKey) + ")");
  return tx.exec1("SELECT COALESCE(MAX(version), 0) FROM schema_version")[0].as<int>();
}

}  // namespace

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url) {
  return PgStore::Open(url);
}

Result<std::unique_ptr<Store>> PgStore::Open(const std::string& url) {
  std::string describe = RedactUrl(url);
  std::vector<std::string> passwords = PasswordsOf(url);
  std::unique_ptr<pqxx::connection> conn;
  try {
    conn = std::make_unique<pqxx::connection>(WithConnectTimeout(url));
  } catch (const std::exception& e) {
    std::string message = Scrub(OneLine(e.what()), passwords);
    return MakeError(ErrorCode::kUnavailable, "cannot connect to PostgreSQL: " + message,
                     describe);
  }
  std::unique_ptr<PgStore> store(new PgStore(describe, std::move(passwords), std::move(conn)));
  VV_RETURN_IF_ERROR(store->Migrate());
  return std::unique_ptr<Store>(std::move(store));
}

PgStore::~PgStore() {
  tx_.reset();  // aborts an uncommitted transaction
}

Status PgStore::Migrate() {
  const int known = LatestVersion("postgres");
  try {
    {
      pqxx::work tx(*conn_);
      tx.exec("SELECT pg_advisory_xact_lock(" + std::to_string(kMigrationLockKey) + ")");
      tx.exec(
          "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, "
          "name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
      schema_version_ = ReadVersion(tx);
      tx.commit();
    }
    if (schema_version_ > known) return SchemaTooNewError(schema_version_, known, describe_);
    for (const Migration& m : MigrationsFor("postgres")) {
      if (m.version <= schema_version_) continue;
      pqxx::work tx(*conn_);
      // Another process may have migrated while we waited for the lock.
      if (ReadVersion(tx) < m.version) {
        try {
          tx.exec(m.sql);
        } catch (const std::exception& e) {
          return ErrorFrom(e, "migration " + m.name);
        }
        tx.exec_params("INSERT INTO schema_version (version, name) VALUES ($1, $2)", m.version,
                       m.name);
      }
      tx.commit();
      schema_version_ = m.version;
    }
  } catch (const std::exception& e) {
    return ErrorFrom(e, "migrating the schema");
  }
  return {};
}

const std::string& PgStore::Prepared(const std::string& name, const std::string& sql) {
  auto [it, inserted] = prepared_.insert(name);
  if (inserted) conn_->prepare(name, sql);
  return *it;
}

Error PgStore::ErrorFrom(const std::exception& e, const std::string& what) const {
  std::string message = Scrub(OneLine(e.what()), passwords_);
  ErrorCode code = ErrorCode::kInternal;
  if (dynamic_cast<const pqxx::broken_connection*>(&e)) {
    code = ErrorCode::kUnavailable;
  } else if (dynamic_cast<const pqxx::foreign_key_violation*>(&e)) {
    code = ErrorCode::kInvalidArgument;
    // "Key (video_id)=(x) is not present in table "videos"." names the missing row.
    static const std::regex kDetail(R"(Key \(([^)]*)\)=\((.*)\) is not present in table \"([^\"]*)\")");
    std::smatch match;
    if (std::regex_search(message, match, kDetail)) {
      message = "unknown " + match[1].str() + " '" + match[2].str() + "' (no such row in " +
                match[3].str() + "; upsert it first)";
    }
  } else if (dynamic_cast<const pqxx::integrity_constraint_violation*>(&e) ||
             dynamic_cast<const pqxx::data_exception*>(&e)) {
    code = ErrorCode::kInvalidArgument;
  }
  return MakeError(code, what + ": " + message, describe_);
}

Status PgStore::FailedTransactionError() const {
  if (!tx_failed_) return {};
  return MakeError(ErrorCode::kFailedPrecondition,
                   "a statement in this transaction already failed; roll it back", describe_);
}

Status PgStore::Begin() {
  if (tx_) {
    return MakeError(ErrorCode::kFailedPrecondition, "Begin inside a transaction", describe_);
  }
  try {
    tx_ = std::make_unique<pqxx::work>(*conn_);
  } catch (const std::exception& e) {
    return ErrorFrom(e, "beginning a transaction");
  }
  tx_failed_ = false;
  return {};
}

Status PgStore::Commit() {
  if (!tx_) return MakeError(ErrorCode::kFailedPrecondition, "Commit without Begin", describe_);
  if (tx_failed_) {
    (void)Rollback();
    return MakeError(ErrorCode::kFailedPrecondition,
                     "transaction rolled back: a statement inside it failed", describe_);
  }
  std::unique_ptr<pqxx::work> tx = std::move(tx_);
  try {
    tx->commit();
  } catch (const std::exception& e) {
    return ErrorFrom(e, "committing");
  }
  return {};
}

Status PgStore::Rollback() {
  if (!tx_) return {};
  std::unique_ptr<pqxx::work> tx = std::move(tx_);
  tx_failed_ = false;
  try {
    tx->abort();
  } catch (const std::exception& e) {
    return ErrorFrom(e, "rolling back");
  }
  return {};
}

}  // namespace vv::store_internal
