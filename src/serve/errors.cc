#include "serve/errors.h"

#include <cctype>

#include <nlohmann/json.hpp>

namespace vv::serve {

namespace {

struct Mapping {
  ErrorCode code;
  int status;
  std::string_view slug;
};

// The one table. kResourceExhausted is 413 because the only size limit a client can hit through
// the API is a body or batch too large.
constexpr Mapping kTable[] = {
    {ErrorCode::kInvalidArgument, 400, "invalid_argument"},
    {ErrorCode::kNotFound, 404, "not_found"},
    {ErrorCode::kAlreadyExists, 409, "already_exists"},
    {ErrorCode::kFailedPrecondition, 409, "failed_precondition"},
    {ErrorCode::kUnavailable, 503, "unavailable"},
    {ErrorCode::kResourceExhausted, 413, "resource_exhausted"},
    {ErrorCode::kDataLoss, 500, "data_loss"},
    {ErrorCode::kInternal, 500, "internal"},
};

struct HttpMapping {
  HttpError kind;
  int status;
  std::string_view slug;
};

constexpr HttpMapping kHttpTable[] = {
    {HttpError::kMethodNotAllowed, 405, "method_not_allowed"},
    {HttpError::kPayloadTooLarge, 413, "payload_too_large"},
    {HttpError::kRequestTimeout, 408, "request_timeout"},
    {HttpError::kUnsupportedMedia, 415, "unsupported_media_type"},
    {HttpError::kUnauthorized, 401, "unauthorized"},
    {HttpError::kForbidden, 403, "forbidden"},
    {HttpError::kOverloaded, 503, "overloaded"},
};

bool IsServerSide(ErrorCode code) {
  return code == ErrorCode::kUnavailable || code == ErrorCode::kInternal ||
         code == ErrorCode::kDataLoss;
}

bool IsRequestLocator(std::string_view path) {
  if (path.empty()) return false;
  if (path[0] == '$' || path[0] == '?' || path.substr(0, 4) == "/v1/") return true;
  // A header name as the handlers write it: "Authorization", "Content-Type".
  if (path[0] < 'A' || path[0] > 'Z') return false;
  for (char c : path) {
    if (!std::isalpha(static_cast<unsigned char>(c)) && c != '-') return false;
  }
  return true;
}

std::string GenericMessage(ErrorCode code) {
  switch (code) {
    case ErrorCode::kUnavailable:
      return "a backend of this server (the store or the model registry) is unavailable";
    case ErrorCode::kDataLoss:
      return "a stored artifact failed its checks";
    default:
      return "internal error";
  }
}

}  // namespace

Error PublicError(const Error& error, std::string_view note) {
  Error out{error.code, error.message, IsRequestLocator(error.path) ? error.path : ""};
  if (IsServerSide(error.code) && out.path.empty()) {
    out.message = GenericMessage(error.code) + "; the server log has the details (X-Request-Id)";
  }
  if (!note.empty()) out.message += " (" + std::string(note) + ")";
  return out;
}

int HttpStatusFor(ErrorCode code) {
  for (const auto& m : kTable) {
    if (m.code == code) return m.status;
  }
  return 500;
}

std::string_view ErrorCodeSlug(ErrorCode code) {
  for (const auto& m : kTable) {
    if (m.code == code) return m.slug;
  }
  return "internal";
}

std::string ErrorBody(std::string_view code, std::string_view message, std::string_view path) {
  nlohmann::json body = {{"error",
                          {{"code", std::string(code)},
                           {"message", std::string(message)},
                           {"path", std::string(path)}}}};
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void WriteError(const Error& error, Response* response, std::string_view note) {
  const Error shown = PublicError(error, note);
  response->status = HttpStatusFor(error.code);
  response->error_code = ErrorCodeSlug(error.code);
  response->content_type = "application/json";
  response->body = ErrorBody(response->error_code, shown.message, shown.path);
  if (shown.path != error.path || shown.message.rfind(error.message, 0) != 0) {
    response->error_detail = error.ToString();
  }
}

void WriteFieldErrors(std::span<const Error> errors, Response* response) {
  WriteError(errors.front(), response);
  nlohmann::json fields = nlohmann::json::array();
  for (const Error& e : errors) {
    const Error shown = PublicError(e);
    fields.push_back({{"message", shown.message}, {"path", shown.path}});
  }
  nlohmann::json body = nlohmann::json::parse(response->body);
  body["error"]["fields"] = std::move(fields);
  response->body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void WriteHttpError(HttpError kind, std::string message, std::string path, Response* response) {
  for (const auto& m : kHttpTable) {
    if (m.kind != kind) continue;
    response->status = m.status;
    response->error_code = m.slug;
    response->content_type = "application/json";
    response->body = ErrorBody(m.slug, message, path);
    return;
  }
}

}  // namespace vv::serve
