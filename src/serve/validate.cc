#include "serve/validate.h"

#include <cmath>

#include "core/text_util.h"
#include "core/time_util.h"

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

Result<int64_t> GetInteger(const nlohmann::json& value, const std::string& path, int64_t min,
                           int64_t max) {
  int64_t out = 0;
  if (value.is_number_integer() && !value.is_number_unsigned()) {
    out = value.get<int64_t>();
  } else if (value.is_number_unsigned()) {
    uint64_t u = value.get<uint64_t>();
    if (u > static_cast<uint64_t>(max)) {
      return FieldError(path, "must be at most " + std::to_string(max));
    }
    out = static_cast<int64_t>(u);
  } else if (value.is_number_float()) {
    double d = value.get<double>();
    if (!std::isfinite(d)) return FieldError(path, "must be a finite number");
    if (d != std::floor(d)) return FieldError(path, "must be an integer");
    if (d < static_cast<double>(min) || d > static_cast<double>(max)) {
      return FieldError(path, "must be between " + std::to_string(min) + " and " +
                                  std::to_string(max));
    }
    out = static_cast<int64_t>(d);
  } else {
    return FieldError(path, std::string("must be an integer, not ") + TypeName(value));
  }
  if (out < min) {
    return FieldError(path, min == 0 ? "must not be negative"
                                     : "must be at least " + std::to_string(min));
  }
  if (out > max) return FieldError(path, "must be at most " + std::to_string(max));
  return out;
}

namespace {

bool Digits(std::string_view text, size_t at, size_t n, int* out) {
  int value = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  *out = value;
  return true;
}

std::optional<Timestamp> FastRfc3339(std::string_view t) {
  int y, mo, d, h, mi, s;
  if (t.size() < 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' ||
      t[16] != ':' || !Digits(t, 0, 4, &y) || !Digits(t, 5, 2, &mo) || !Digits(t, 8, 2, &d) ||
      !Digits(t, 11, 2, &h) || !Digits(t, 14, 2, &mi) || !Digits(t, 17, 2, &s)) {
    return std::nullopt;
  }
  size_t i = 19;
  if (t[i] == '.') {
    ++i;
    size_t first = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    if (i == first) return std::nullopt;
  }
  int offset_minutes = 0;
  if (i + 1 == t.size() && t[i] == 'Z') {
    // UTC
  } else if (i + 6 == t.size() && (t[i] == '+' || t[i] == '-') && t[i + 3] == ':') {
    int oh, om;
    if (!Digits(t, i + 1, 2, &oh) || !Digits(t, i + 4, 2, &om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset_minutes = (t[i] == '+' ? 1 : -1) * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  auto ymd = std::chrono::year(y) / std::chrono::month(static_cast<unsigned>(mo)) /
             std::chrono::day(static_cast<unsigned>(d));
  if (!ymd.ok() || h > 23 || mi > 59 || s > 59) return std::nullopt;  // the library decides
  return std::chrono::sys_days(ymd) + std::chrono::hours(h) + std::chrono::minutes(mi) +
         std::chrono::seconds(s) - std::chrono::minutes(offset_minutes);
}

}  // namespace

Result<Timestamp> ParseTimestamp(std::string_view text) {
  if (auto fast = FastRfc3339(text)) return *fast;
  return ParseIso8601(text);
}

Result<Timestamp> GetTimestamp(const nlohmann::json& value, const std::string& path) {
  if (!value.is_string()) {
    return FieldError(path, std::string("must be an ISO 8601 date string, not ") +
                                TypeName(value));
  }
  auto parsed = ParseTimestamp(value.get_ref<const std::string&>());
  if (!parsed.ok()) {
    return FieldError(path, "is not an ISO 8601 date: '" +
                                value.get_ref<const std::string&>().substr(0, 40) + "'");
  }
  return *parsed;
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

}  // namespace vv::serve
