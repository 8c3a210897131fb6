#pragma once
// Builds PostgreSQL array literals ({"a","b",NULL}) for batch statements that unnest them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/time_util.h"
#include "core/types.h"

namespace vv::store_internal {

class PgArray {
 public:
  void Text(std::string_view value) {
    Separate();
    out_ += '"';
    for (char c : value) {
      if (c == '"' || c == '\\') out_ += '\\';
      out_ += c;
    }
    out_ += '"';
  }
  void Int(int64_t value) {
    Separate();
    out_ += std::to_string(value);
  }
  void Bool(bool value) {
    Separate();
    out_ += value ? 't' : 'f';
  }
  void Null() {
    Separate();
    out_ += "NULL";
  }
  template <typename T>
  void Opt(const std::optional<T>& value) {
    if (!value) return Null();
    if constexpr (std::is_same_v<T, bool>) {
      Bool(*value);
    } else {
      Int(static_cast<int64_t>(*value));
    }
  }
  void OptTime(const std::optional<Timestamp>& value) {
    if (value) Int(ToUnixSeconds(*value)); else Null();
  }
  std::string Finish() const { return out_ + "}"; }

 private:
  void Separate() {
    if (out_.size() > 1) out_ += ',';
  }
  std::string out_ = "{";
};

}  // namespace vv::store_internal
