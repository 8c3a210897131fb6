#include "core/json_read.h"

#include <cmath>

namespace vv {

namespace {

using nlohmann::json;

// The deepest nesting of arrays and objects in the text, counted outside strings.
int NestingDepth(std::string_view text) {
  int depth = 0, deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

std::string Got(const json& v) { return std::string(", got ") + v.type_name(); }

}  // namespace

std::optional<int64_t> AsInt64(const json& value) {
  if (value.is_number_unsigned()) {
    const auto v = value.get<uint64_t>();
    if (v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return std::nullopt;
    return static_cast<int64_t>(v);
  }
  if (value.is_number_integer()) return value.get<int64_t>();
  return std::nullopt;
}

Result<json> ParseJsonFile(std::string_view text, const std::string& file) {
  if (NestingDepth(text) > kMaxJsonFileDepth) {
    return MakeError(ErrorCode::kDataLoss,
                     "corrupt JSON: nested deeper than " + std::to_string(kMaxJsonFileDepth), file);
  }
  try {
    return json::parse(text);
  } catch (const json::exception& e) {  // parse errors, and numbers beyond a double's range
    return MakeError(ErrorCode::kDataLoss, std::string("corrupt JSON: ") + e.what(), file);
  }
}

bool JsonField::Has(std::string_view key) const {
  return value_->is_object() && value_->find(key) != value_->end();
}

Error JsonField::Fail(const std::string& what, ErrorCode code) const {
  return MakeError(code, what, file_ + ":" + path_);
}

Error JsonField::FailAt(size_t i, const std::string& what) const {
  return MakeError(ErrorCode::kDataLoss, what, file_ + ":" + path_ + "[" + std::to_string(i) + "]");
}

Result<JsonField> JsonField::Get(std::string_view key) const {
  if (!value_->is_object()) return Fail("must be an object" + Got(*value_));
  auto it = value_->find(key);
  const std::string path = path_ + "." + std::string(key);
  if (it == value_->end()) return MakeError(ErrorCode::kDataLoss, "is missing", file_ + ":" + path);
  return JsonField(*it, file_, path);
}

Result<JsonField> JsonField::At(size_t i) const {
  VV_ASSIGN_OR_RETURN(size_t n, ArraySize());
  if (i >= n) return Fail("has " + std::to_string(n) + " elements, not " + std::to_string(i + 1));
  return JsonField((*value_)[i], file_, path_ + "[" + std::to_string(i) + "]");
}

Result<size_t> JsonField::ArraySize(size_t expected) const {
  if (!value_->is_array()) return Fail("must be an array" + Got(*value_));
  if (expected != kAnySize && value_->size() != expected) {
    return Fail("must have " + std::to_string(expected) + " elements, has " +
                std::to_string(value_->size()));
  }
  return value_->size();
}

Result<double> JsonField::Number() const {
  if (!value_->is_number()) return Fail("must be a number" + Got(*value_));
  const double v = value_->get<double>();
  if (!std::isfinite(v)) return Fail("must be a finite number");
  return v;
}

Result<int64_t> JsonField::Integer(int64_t lo, int64_t hi) const {
  const std::optional<int64_t> v = AsInt64(*value_);
  if (!v || *v < lo || *v > hi) {
    return Fail("must be an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) +
                "], got " + value_->dump().substr(0, 40));
  }
  return *v;
}

Result<std::string> JsonField::String() const {
  if (!value_->is_string()) return Fail("must be a string" + Got(*value_));
  return value_->get<std::string>();
}

Result<bool> JsonField::Bool() const {
  if (!value_->is_boolean()) return Fail("must be true or false" + Got(*value_));
  return value_->get<bool>();
}

Result<std::vector<double>> JsonField::Numbers(size_t expected) const {
  VV_ASSIGN_OR_RETURN(size_t n, ArraySize(expected));
  std::vector<double> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    VV_ASSIGN_OR_RETURN(JsonField item, At(i));
    VV_ASSIGN_OR_RETURN(double v, item.Number());
    out.push_back(v);
  }
  return out;
}

Result<std::vector<std::string>> JsonField::Strings() const {
  VV_ASSIGN_OR_RETURN(size_t n, ArraySize());
  std::vector<std::string> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    VV_ASSIGN_OR_RETURN(JsonField item, At(i));
    VV_ASSIGN_OR_RETURN(std::string v, item.String());
    out.push_back(std::move(v));
  }
  return out;
}

Result<double> JsonField::Number(std::string_view key) const {
  VV_ASSIGN_OR_RETURN(JsonField f, Get(key));
  return f.Number();
}

Result<int64_t> JsonField::Integer(std::string_view key, int64_t lo, int64_t hi) const {
  VV_ASSIGN_OR_RETURN(JsonField f, Get(key));
  return f.Integer(lo, hi);
}

Result<std::string> JsonField::String(std::string_view key) const {
  VV_ASSIGN_OR_RETURN(JsonField f, Get(key));
  return f.String();
}

Result<bool> JsonField::Bool(std::string_view key) const {
  VV_ASSIGN_OR_RETURN(JsonField f, Get(key));
  return f.Bool();
}

Result<std::vector<double>> JsonField::Numbers(std::string_view key, size_t expected) const {
  VV_ASSIGN_OR_RETURN(JsonField f, Get(key));
  return f.Numbers(expected);
}

Result<std::vector<std::string>> JsonField::Strings(std::string_view key) const {
  VV_ASSIGN_OR_RETURN(JsonField f, Get(key));
  return f.Strings();
}

}  // namespace vv
