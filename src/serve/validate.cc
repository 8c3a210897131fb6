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

Result<Timestamp> GetTimestamp(const nlohmann::json& value, const std::string& path) {
  if (!value.is_string()) {
    return FieldError(path, std::string("must be an ISO 8601 date string, not ") +
                                TypeName(value));
  }
  auto parsed = ParseIso8601(value.get_ref<const std::string&>());
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
