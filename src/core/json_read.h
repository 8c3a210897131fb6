#pragma once
// Reading JSON files this program wrote (model artifacts, manifests, alias files) when they may
// since have been corrupted: every failure is a kDataLoss value naming the file and the JSON path
// at fault ("models/velocity/v3/velocity.json:$.calibration.log_lo[3]"), never an exception, and
// no number is converted to a type it does not fit.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace vv {

// Deeper nesting is refused before parsing: copying and dumping a nlohmann tree recurse once per
// level, and a garbled file of brackets would otherwise exhaust the stack.
inline constexpr int kMaxJsonFileDepth = 64;

// The value as an int64 when it is an integer that fits one (not a float, not an unsigned value
// beyond int64's range); nlohmann parses non-negative integers as unsigned.
std::optional<int64_t> AsInt64(const nlohmann::json& value);

// Parses text read from `file` (which names the file in errors).
Result<nlohmann::json> ParseJsonFile(std::string_view text, const std::string& file);

// A value inside a parsed file, with where it sits. Holds a reference: the document must
// outlive it.
class JsonField {
 public:
  JsonField(const nlohmann::json& value, std::string file, std::string path = "$")
      : value_(&value), file_(std::move(file)), path_(std::move(path)) {}

  const nlohmann::json& value() const { return *value_; }
  const std::string& file() const { return file_; }
  const std::string& path() const { return path_; }
  bool Has(std::string_view key) const;

  // The member `key` of this object (an error when this is no object or lacks it).
  Result<JsonField> Get(std::string_view key) const;
  // Element i of this array.
  Result<JsonField> At(size_t i) const;
  // This array's size; expected (when given) is the only size accepted.
  Result<size_t> ArraySize(size_t expected = kAnySize) const;

  Result<double> Number() const;  // finite
  Result<int64_t> Integer(int64_t lo = std::numeric_limits<int64_t>::min(),
                          int64_t hi = std::numeric_limits<int64_t>::max()) const;
  Result<std::string> String() const;
  Result<bool> Bool() const;
  Result<std::vector<double>> Numbers(size_t expected = kAnySize) const;
  Result<std::vector<std::string>> Strings() const;

  // The same for the member `key`.
  Result<double> Number(std::string_view key) const;
  Result<int64_t> Integer(std::string_view key, int64_t lo, int64_t hi) const;
  Result<std::string> String(std::string_view key) const;
  Result<bool> Bool(std::string_view key) const;
  Result<std::vector<double>> Numbers(std::string_view key, size_t expected = kAnySize) const;
  Result<std::vector<std::string>> Strings(std::string_view key) const;

  // An error (kDataLoss unless told) at this value: "<file>:<path>: <what>".
  Error Fail(const std::string& what, ErrorCode code = ErrorCode::kDataLoss) const;
  // The same at element i of this array (for loops that read elements without At()).
  Error FailAt(size_t i, const std::string& what) const;

  static constexpr size_t kAnySize = std::numeric_limits<size_t>::max();

 private:
  const nlohmann::json* value_;
  std::string file_;
  std::string path_;
};

}  // namespace vv
