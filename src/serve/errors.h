#pragma once
// The one table from error codes to HTTP statuses, and the one error body shape
// (DESIGN.md "Errors"): {"error": {"code", "message", "path"}}.
#include <span>
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

// What a client may see of an error. The path only when it names a part of the request
// ($.field, ?param, /v1/..., a header name): other paths are the server's (registry files,
// store URLs). A server-side failure (unavailable, internal, data_loss) without such a path
// came from behind the API (store, registry, model files), and its message names server paths
// and database users and hosts: a generic sentence replaces it. `note` adds what the handler
// knows to be safe ("failed: genre").
Error PublicError(const Error& error, std::string_view note = {});

// Writes PublicError's body; when it withheld anything, the whole error goes to
// response->error_detail for the server log (Api::Handle logs it with the request id).
void WriteError(const Error& error, Response* response, std::string_view note = {});
// Several errors of one request at once (every impossible field of a video): the first is the
// body's error, and all of them are its "fields" list of {"message", "path"}, so that a form
// can mark every field in one round trip. Not empty; the status is the first error's.
void WriteFieldErrors(std::span<const Error> errors, Response* response);
void WriteHttpError(HttpError kind, std::string message, std::string path, Response* response);
// The JSON body for an error, for callers that build responses by hand (the server's 408/413).
std::string ErrorBody(std::string_view code, std::string_view message, std::string_view path);

}  // namespace vv::serve
