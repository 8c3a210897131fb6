#include "serve/validate.h"

#include <charconv>

#include "serve/http_types.h"

#include <algorithm>
#include <limits>

#include "core/text_util.h"

namespace vv::serve {

std::string ChildPath(std::string_view parent, std::string_view key) {
  std::string out(parent);
  out += '.';
  out += key;
  return out;
}

std::string IndexPath(std::string_view parent, size_t index) {
  std::string out(parent);
  out += '[';
  out += std::to_string(index);
  out += ']';
  return out;
}

Error FieldError(const std::string& path, std::string message) {
  return MakeError(ErrorCode::kInvalidArgument, std::move(message), path);
}

namespace {
const char* TypeName(const nlohmann::json& value) { return value.type_name(); }
}  // namespace

Result<std::string> GetString(const nlohmann::json& value, const std::string& path,
                              size_t max_chars) {
  if (!value.is_string()) {
    return FieldError(path, std::string("must be a string, not ") + TypeName(value));
  }
  const auto& text = value.get_ref<const std::string&>();
  // The JSON parser already refused invalid UTF-8, so counting code points is safe.
  if (text.size() > max_chars && Utf8Length(text) > max_chars) {
    return FieldError(path, "is longer than " + std::to_string(max_chars) + " characters");
  }
  return text;
}

Status CheckJsonBody(std::string_view body) {
  if (body.empty()) return FieldError("$", "the request body is empty; a JSON object is expected");
  size_t nul = body.find('\0');
  if (nul != std::string_view::npos) {
    return FieldError("$", "the body holds a NUL byte at byte offset " + std::to_string(nul) +
                               " (JSON text may not contain one; write \\u0000 inside a string)");
  }
  return {};
}

namespace {

bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// True when the word at `at` (a sign, then letters) is NaN, Inf or Infinity, in any case.
bool NanOrInfinityAt(std::string_view body, size_t at) {
  std::string_view rest = body.substr(std::min(at, body.size()));
  if (!rest.empty() && (rest.front() == '-' || rest.front() == '+')) rest.remove_prefix(1);
  size_t letters = 0;
  while (letters < rest.size() && IsLetter(rest[letters])) ++letters;
  std::string word(rest.substr(0, letters));
  for (char& c : word) c = static_cast<char>(c | 0x20);
  return word == "nan" || word == "inf" || word == "infinity";
}

}  // namespace

Error JsonSyntaxError(std::string_view body, size_t position, const nlohmann::json::exception& e) {
  if (e.id == 406) return FieldError("$", "a number is out of range (it would be Infinity)");
  // The offending byte is the last one read; its token starts at the letters and sign before it.
  size_t offset = position > 0 ? std::min(position - 1, body.size()) : 0;
  size_t token = offset;
  while (token > 0 && IsLetter(body[token - 1])) --token;
  if (token > 0 && (body[token - 1] == '-' || body[token - 1] == '+')) --token;
  // nlohmann's text: "[json.exception.parse_error.101] parse error at line 1, column 2: <why>".
  std::string_view what = e.what();
  size_t column = what.find("column ");
  size_t colon = what.find(": ", column == std::string_view::npos ? 0 : column);
  std::string why(colon == std::string_view::npos ? what : what.substr(colon + 2));
  std::string message = "malformed JSON at byte offset " + std::to_string(offset) + ": " + why;
  if (NanOrInfinityAt(body, token)) message += " (NaN and Infinity are not JSON numbers)";
  return FieldError("$", std::move(message));
}

std::optional<int64_t> IntegerValue(std::string_view number) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  size_t i = 0;
  const bool negative = i < number.size() && number[i] == '-';
  if (negative) ++i;
  // The significant digits and the power of ten they are scaled by.
  std::string digits;
  int64_t exponent = 0;
  for (; i < number.size() && number[i] >= '0' && number[i] <= '9'; ++i) digits += number[i];
  if (i < number.size() && number[i] == '.') {
    for (++i; i < number.size() && number[i] >= '0' && number[i] <= '9'; ++i) {
      digits += number[i];
      --exponent;
    }
  }
  if (i < number.size() && (number[i] == 'e' || number[i] == 'E')) {
    ++i;
    const bool minus = i < number.size() && number[i] == '-';
    if (i < number.size() && (number[i] == '-' || number[i] == '+')) ++i;
    int64_t e = 0;
    for (; i < number.size() && number[i] >= '0' && number[i] <= '9'; ++i) {
      e = std::min<int64_t>(e * 10 + (number[i] - '0'), 1'000'000'000);
    }
    exponent += minus ? -e : e;
  }
  if (i != number.size() || digits.empty()) return std::nullopt;
  size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return 0;  // 0, -0.0, 0e-400
  digits.erase(0, first);
  while (digits.back() == '0') {
    digits.pop_back();
    ++exponent;
  }
  if (exponent < 0) return std::nullopt;  // a fractional part
  // digits * 10^exponent, clamped: past 19 digits it is beyond int64 whatever the digits.
  if (static_cast<int64_t>(digits.size()) + exponent > 19) return negative ? -kMax : kMax;
  uint64_t value = 0;
  for (char c : digits) value = value * 10 + static_cast<uint64_t>(c - '0');
  for (int64_t k = 0; k < exponent; ++k) value *= 10;  // fits: at most 19 digits in all
  if (value > static_cast<uint64_t>(kMax)) return negative ? -kMax : kMax;
  return negative ? -static_cast<int64_t>(value) : static_cast<int64_t>(value);
}

Status CheckKeys(const nlohmann::json& object, const std::string& path,
                 std::initializer_list<std::string_view> allowed) {
  for (const auto& item : object.items()) {
    bool known = false;
    for (auto key : allowed) {
      if (item.key() == key) {
        known = true;
        break;
      }
    }
    if (!known) return FieldError(ChildPath(path, item.key()), "is not a known field");
  }
  return {};
}

Result<int> IntQueryParam(std::string_view query, const char* key, int fallback, int min,
                          int max) {
  std::string text;
  if (!QueryParam(query, key, &text) || text.empty()) return fallback;
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "must be an integer between " + std::to_string(min) + " and " +
                         std::to_string(max),
                     std::string("?") + key);
  }
  return value;
}

}  // namespace vv::serve
