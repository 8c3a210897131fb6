#include "store/sqlite/sqlite_store.h"

#include <filesystem>
#include <system_error>

#include "store/migrations.h"
#include "store/store_internal.h"

namespace vv::store_internal {
namespace {

constexpr int kBusyTimeoutMs = 10000;

ErrorCode CodeFor(int sqlite_code) {
  switch (sqlite_code & 0xff) {
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG: return ErrorCode::kInvalidArgument;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_NOTADB:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_FULL: return ErrorCode::kUnavailable;
    case SQLITE_CORRUPT: return ErrorCode::kDataLoss;
    default: return ErrorCode::kInternal;
  }
}

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
  return SqliteStore::Open(path);
}

Result<std::unique_ptr<Store>> SqliteStore::Open(const std::string& path) {
  std::string where = "sqlite:" + path;
  if (path != ":memory:") {
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) {
      return MakeError(ErrorCode::kUnavailable,
                       "cannot create directory " + parent.string() + ": " + ec.message(), where);
    }
  }
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return MakeError(ErrorCode::kUnavailable, "cannot open SQLite database: " + message, where);
  }
  std::unique_ptr<SqliteStore> store(new SqliteStore(db, path));
  if (Status s = store->Configure(); !s.ok()) {
    return s.take_error().WithContext("opening SQLite database");
  }
  VV_RETURN_IF_ERROR(store->Migrate());
  return std::unique_ptr<Store>(std::move(store));
}

SqliteStore::~SqliteStore() {
  if (in_transaction_) (void)Run("ROLLBACK");
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Status SqliteStore::Configure() {
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  // The first statement reads the file header, so a non-database file fails here.
  VV_RETURN_IF_ERROR(Run("PRAGMA journal_mode = WAL"));
  VV_RETURN_IF_ERROR(Run("PRAGMA synchronous = NORMAL"));  // durable enough under WAL
  VV_RETURN_IF_ERROR(Run("PRAGMA foreign_keys = ON"));
  // 64 MiB page cache: bulk upserts of 100k videos otherwise spend most time re-reading pages.
  VV_RETURN_IF_ERROR(Run("PRAGMA cache_size = -65536"));
  return {};
}

Result<int> SqliteStore::ReadSchemaVersion() {
  VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version"));
  if (stmt.Step() != SQLITE_ROW) return SqlError("reading schema_version");
  return static_cast<int>(stmt.ColInt(0));
}

Status SqliteStore::Migrate() {
  VV_RETURN_IF_ERROR(
      Run("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
          "name TEXT NOT NULL, applied_at INTEGER NOT NULL "
          "DEFAULT (CAST(strftime('%s', 'now') AS INTEGER)))"));
  const int known = LatestVersion("sqlite");
  VV_ASSIGN_OR_RETURN(schema_version_, ReadSchemaVersion());
  if (schema_version_ > known) return SchemaTooNewError(schema_version_, known, Describe());
  for (const Migration& m : MigrationsFor("sqlite")) {
    if (m.version <= schema_version_) continue;
    VV_RETURN_IF_ERROR(Run("BEGIN IMMEDIATE"));
    // Another process may have migrated while we waited for the write lock.
    Result<int> current = ReadSchemaVersion();
    Status status = current.ok() ? Status() : Status(current.error());
    if (status.ok() && *current < m.version) {
      char* message = nullptr;
      if (sqlite3_exec(db_, m.sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        status = MakeError(ErrorCode::kInternal,
                           "migration " + m.name + " failed: " + (message ? message : "?"),
                           Describe());
        sqlite3_free(message);
      } else {
        Result<Stmt> insert = Prepare(
            "INSERT INTO schema_version (version, name, applied_at) "
            "VALUES (?, ?, CAST(strftime('%s', 'now') AS INTEGER))");
        if (!insert.ok()) {
          status = insert.error();
        } else {
          insert->Int(1, m.version);
          insert->Text(2, m.name);
          status = StepDone(*insert, "recording migration " + m.name);
        }
      }
    }
    if (!status.ok()) {
      (void)Run("ROLLBACK");
      return status;
    }
    VV_RETURN_IF_ERROR(Run("COMMIT"));
    schema_version_ = m.version;
  }
  return {};
}

Result<Stmt> SqliteStore::Prepare(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) return Stmt(it->second);
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                         SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
    return SqlError("preparing statement");
  }
  statements_.emplace(sql, stmt);
  return Stmt(stmt);
}

Status SqliteStore::Run(const std::string& sql) {
  VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare(sql));
  int rc;
  while ((rc = stmt.Step()) == SQLITE_ROW) {
  }
  if (rc != SQLITE_DONE) return SqlError(sql);
  return {};
}

Status SqliteStore::StepDone(Stmt& stmt, const std::string& what) {
  if (stmt.Step() != SQLITE_DONE) return SqlError(what);
  stmt.Reset();
  return {};
}

Error SqliteStore::SqlError(const std::string& what) const {
  return MakeError(CodeFor(sqlite3_extended_errcode(db_)), what + ": " + sqlite3_errmsg(db_),
                   Describe());
}

Status SqliteStore::Begin() {
  if (in_transaction_) {
    return MakeError(ErrorCode::kFailedPrecondition, "Begin inside a transaction", Describe());
  }
  VV_RETURN_IF_ERROR(Run("BEGIN IMMEDIATE"));
  in_transaction_ = true;
  transaction_failed_ = false;
  return {};
}

Status SqliteStore::Commit() {
  if (!in_transaction_) {
    return MakeError(ErrorCode::kFailedPrecondition, "Commit without Begin", Describe());
  }
  if (transaction_failed_) {
    (void)Rollback();
    return MakeError(ErrorCode::kFailedPrecondition,
                     "transaction rolled back: a write inside it failed", Describe());
  }
  Status status = Run("COMMIT");
  if (!status.ok()) {
    (void)Rollback();
    return status;
  }
  in_transaction_ = false;
  return {};
}

Status SqliteStore::Rollback() {
  if (!in_transaction_) return {};
  in_transaction_ = false;
  transaction_failed_ = false;
  return Run("ROLLBACK");
}

Status SqliteStore::Write(const std::function<Status()>& body) {
  if (in_transaction_) {
    if (transaction_failed_) {
      return MakeError(ErrorCode::kFailedPrecondition,
                       "a write in this transaction already failed; roll it back", Describe());
    }
    Status status = body();
    if (!status.ok()) transaction_failed_ = true;
    return status;
  }
  VV_RETURN_IF_ERROR(Run("BEGIN IMMEDIATE"));
  Status status = body();
  if (status.ok()) status = Run("COMMIT");
  if (!status.ok()) (void)Run("ROLLBACK");
  return status;
}

}  // namespace vv::store_internal
