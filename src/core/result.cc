#include "core/result.h"

#include "core/text_util.h"

namespace vv {

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
