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

// The integer query parameter `key` of a query string, `fallback` when absent or empty; an
// invalid_argument at "?key" when it is no integer in [min, max].
Result<int> IntQueryParam(std::string_view query, const char* key, int fallback, int min, int max);

// A string of at most max_chars Unicode code points.
Result<std::string> GetString(const nlohmann::json& value, const std::string& path,
                              size_t max_chars);
// What every JSON body must pass before it is parsed: not empty, and no NUL byte (nlohmann's
// parser takes one for the end of the text and would ignore what follows). The error names the
// byte offset.
Status CheckJsonBody(std::string_view body);
// The error for a JSON parser's complaint about `body` (nlohmann's parse_error, or out_of_range
// 406 for 1e400): the byte offset and what the parser says, plus a hint when the token there is
// NaN or Infinity, which JavaScript writes but JSON has no spelling for. `position` is
// nlohmann's count of bytes read, the offending one included.
Error JsonSyntaxError(std::string_view body, size_t position, const nlohmann::json::exception& e);
// The value of a JSON number's text when it is an exact integer ("12", "12.0", "1.2e1", "-0",
// "1e3"), clamped to int64's range; nullopt when it has a fractional part ("1.5", "1e-400",
// "1.0000000000000001"), which the number's rounding to a double would hide.
std::optional<int64_t> IntegerValue(std::string_view number);

// Object keys outside `allowed` are errors (typos like "publishedAt" must not pass silently).
Status CheckKeys(const nlohmann::json& object, const std::string& path,
                 std::initializer_list<std::string_view> allowed);

}  // namespace vv::serve
