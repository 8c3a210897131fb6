#pragma once
// Field checkers for request bodies. Each names the JSON path at fault ("$.snapshots[2].views")
// so that every 400 says exactly where the problem is.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/types.h"

namespace vv::serve {

struct Limits {
  size_t title_chars = 200;
  size_t description_chars = 10000;
  size_t tags = 100;
  size_t tag_chars = 100;
  size_t snapshots = 10000;
  size_t id_chars = 64;
};

// "$.snapshots" + "[2]" / ".views"
std::string ChildPath(std::string_view parent, std::string_view key);
std::string IndexPath(std::string_view parent, size_t index);

Error FieldError(const std::string& path, std::string message);

// A string of at most max_chars Unicode code points.
Result<std::string> GetString(const nlohmann::json& value, const std::string& path,
                              size_t max_chars);
// An integral number (2, 2.0) in [min, max]; NaN, Infinity and fractions are refused.
Result<int64_t> GetInteger(const nlohmann::json& value, const std::string& path, int64_t min,
                           int64_t max);
// ISO 8601 through core's ParseIso8601 (howardhinnant date), with a fast path for the one form
// API clients send nearly always, "YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM|-HH:MM)": the stream-based
// library parse costs several microseconds per date and a request carries one per snapshot.
// Anything the fast path does not fully recognise goes to the library, so both accept the same
// texts (tests/integration/serve/parser_speed_test.cc compares them).
Result<Timestamp> ParseTimestamp(std::string_view text);
Result<Timestamp> GetTimestamp(const nlohmann::json& value, const std::string& path);
// Object keys outside `allowed` are errors (typos like "publishedAt" must not pass silently).
Status CheckKeys(const nlohmann::json& object, const std::string& path,
                 std::initializer_list<std::string_view> allowed);

}  // namespace vv::serve
