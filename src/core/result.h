#pragma once
// Expected failures travel as values (DESIGN.md "Errors"): bad input, not found, unavailable.
// Exceptions are kept for bugs and corruption.
#include <string>
#include <utility>
#include <variant>

namespace vv {

enum class ErrorCode {
  kInvalidArgument,  // bad input from a user: file, flag, request body
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,  // e.g. database schema newer than the program
  kUnavailable,         // database or network unreachable
  kResourceExhausted,   // quota, size limits
  kDataLoss,            // corrupt artifact
  kInternal,
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::string path;  // where: "file.csv:12", "$.snapshots[2].views", a URL without password

  std::string ToString() const;
  // Prefixes the message with outer context: "importing X: <message>".
  Error&& WithContext(const std::string& context) &&;
};

Error MakeError(ErrorCode code, std::string message, std::string path = {});

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : data_(std::move(error)) {}      // NOLINT
  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(data_); }
  const T& value() const& { return std::get<0>(data_); }
  T&& value() && { return std::get<0>(std::move(data_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(data_); }
  Error&& take_error() { return std::get<1>(std::move(data_)); }

 private:
  std::variant<T, Error> data_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }
  Error&& take_error() { return std::move(error_); }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace vv

// Returns early with the error of an expression that yields a Result.
#define VV_RETURN_IF_ERROR(expr)                     \
  do {                                               \
    auto vv_status_ = (expr);                        \
    if (!vv_status_.ok()) return vv_status_.take_error(); \
  } while (0)

#define VV_CONCAT_INNER_(a, b) a##b
#define VV_CONCAT_(a, b) VV_CONCAT_INNER_(a, b)
#define VV_ASSIGN_OR_RETURN(lhs, expr) \
  VV_ASSIGN_OR_RETURN_IMPL_(VV_CONCAT_(vv_result_, __LINE__), lhs, expr)
#define VV_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.take_error();         \
  lhs = std::move(tmp).value()
