#pragma once
// A cached prepared statement borrowed for one use: binds by index, reads columns, and resets
// on scope exit so no statement holds a read transaction open.
#include <sqlite3.h>

#include <optional>
#include <string>
#include <utility>

#include "core/time_util.h"
#include "core/types.h"

namespace vv::store_internal {

class Stmt {
 public:
  explicit Stmt(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Stmt(Stmt&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)) {}
  Stmt& operator=(Stmt&&) = delete;
  ~Stmt() {
    if (stmt_ == nullptr) return;
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  sqlite3_stmt* get() const { return stmt_; }
  int Step() { return sqlite3_step(stmt_); }
  void Reset() { sqlite3_reset(stmt_); }

  // The text must outlive the step (SQLITE_STATIC avoids a copy per row).
  void Text(int i, const std::string& v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  }
  void Int(int i, int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  void Null(int i) { sqlite3_bind_null(stmt_, i); }
  template <typename T>
  void Opt(int i, const std::optional<T>& v) {
    if (v) Int(i, static_cast<int64_t>(*v)); else Null(i);
  }
  void OptDouble(int i, const std::optional<double>& v) {
    if (v) sqlite3_bind_double(stmt_, i, *v); else Null(i);
  }
  void OptTime(int i, const std::optional<Timestamp>& v) {
    if (v) Int(i, ToUnixSeconds(*v)); else Null(i);
  }

  bool IsNull(int i) const { return sqlite3_column_type(stmt_, i) == SQLITE_NULL; }
  int64_t ColInt(int i) const { return sqlite3_column_int64(stmt_, i); }
  std::string ColText(int i) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
    return p ? std::string(p, sqlite3_column_bytes(stmt_, i)) : std::string();
  }
  template <typename T>
  std::optional<T> ColOpt(int i) const {
    if (IsNull(i)) return std::nullopt;
    return static_cast<T>(ColInt(i));
  }
  std::optional<double> ColOptDouble(int i) const {
    if (IsNull(i)) return std::nullopt;
    return sqlite3_column_double(stmt_, i);
  }
  std::optional<Timestamp> ColOptTime(int i) const {
    if (IsNull(i)) return std::nullopt;
    return FromUnixSeconds(ColInt(i));
  }

 private:
  sqlite3_stmt* stmt_;
};

}  // namespace vv::store_internal
