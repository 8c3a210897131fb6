#include "core/result.h"

#include "core/text_util.h"

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

// Messages quote what failed to parse (a corrupt artifact's bytes, a file name) and every error
// ends up in a JSON body or log line, whose dump() throws on invalid UTF-8: a model file with
// flipped bytes once took `vv serve` down that way. So an error is valid UTF-8 from the start.
Error&& Error::WithContext(const std::string& context) && {
  message = ToValidUtf8(context) + ": " + message;
  return std::move(*this);
}

Error MakeError(ErrorCode code, std::string message, std::string path) {
  if (!IsValidUtf8(message) || !IsValidUtf8(path)) {
    return Error{code, ToValidUtf8(message), ToValidUtf8(path)};
  }
  return Error{code, std::move(message), std::move(path)};
}

}  // namespace vv
