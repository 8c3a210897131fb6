#include "core/result.h"

namespace vv {

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kAlreadyExists: return "already_exists";
    case ErrorCode::kFailedPrecondition: return "failed_precondition";
    case ErrorCode::kUnavailable: return "unavailable";
    case ErrorCode::kResourceExhausted: return "resource_exhausted";
    case ErrorCode::kDataLoss: return "data_loss";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

std::string Error::ToString() const {
  if (path.empty()) return message;
  return path + ": " + message;
}

Error&& Error::WithContext(const std::string& context) && {
  message = context + ": " + message;
  return std::move(*this);
}

Error MakeError(ErrorCode code, std::string message, std::string path) {
  return Error{code, std::move(message), std::move(path)};
}

}  // namespace vv
