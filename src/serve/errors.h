#pragma once
// The one table from error codes to HTTP statuses, and the one error body shape
// (DESIGN.md "Errors"): {"error": {"code", "message", "path"}}.
#include <string>
#include <string_view>

#include "core/result.h"
#include "serve/http_types.h"

namespace vv::serve {

int HttpStatusFor(ErrorCode code);
// snake_case name used in bodies and metrics: "invalid_argument", "not_found", ...
std::string_view ErrorCodeSlug(ErrorCode code);

// Errors born in the HTTP layer itself, with no ErrorCode of their own.
enum class HttpError {
  kMethodNotAllowed,   // 405
  kPayloadTooLarge,    // 413
  kRequestTimeout,     // 408
  kUnsupportedMedia,   // 415
  kUnauthorized,       // 401
  kForbidden,          // 403
  kOverloaded,         // 503: the worker queue is full; sent with Retry-After
};

void WriteError(const Error& error, Response* response);
void WriteHttpError(HttpError kind, std::string message, std::string path, Response* response);
// The JSON body for an error, for callers that build responses by hand (the server's 408/413).
std::string ErrorBody(std::string_view code, std::string_view message, std::string_view path);

}  // namespace vv::serve
