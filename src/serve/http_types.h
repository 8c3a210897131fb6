#pragma once
// The server's view of one HTTP exchange, free of Beast types so that handlers, the router and
// their tests compile without Boost. The string_views point into the connection's buffers and
// live for the duration of the handler call.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vv::serve {

struct Request {
  std::string_view method;   // "GET", "POST", ...
  std::string_view target;   // "/v1/videos?limit=5"
  std::string_view path;     // "/v1/videos"
  std::string_view query;    // "limit=5"
  std::string_view body;
  std::string_view authorization;
  std::string_view content_type;
  std::string_view origin;
  std::string request_id;
  // Path parameters by name, filled by the router: {"model", "viral"}.
  std::vector<std::pair<std::string_view, std::string_view>> params;

  std::string_view Param(std::string_view name) const {
    for (const auto& [k, v] : params) {
      if (k == name) return v;
    }
    return {};
  }
};

struct Response {
  int status = 200;
  std::string body;
  std::string_view content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
  // The error code name when the response is an error ("invalid_argument"), for /metrics.
  std::string_view error_code;
  // The whole error when the body withholds part of it (server paths, database details):
  // for the server log only, never sent (serve/errors.h WriteError).
  std::string error_detail;
};

// A Request that owns its text, for work that outlives the connection's buffers (a heavy route
// on the worker pool). Neither copied nor moved: the views point into its own strings.
class OwnedRequest {
 public:
  // Copies the request's text; body is the storage request.body views, moved in (a batch body
  // can be a megabyte).
  OwnedRequest(const Request& request, std::string body);
  OwnedRequest(const OwnedRequest&) = delete;
  OwnedRequest& operator=(const OwnedRequest&) = delete;

  Request& get() { return request_; }

 private:
  std::string text_;  // method, target, authorization, content type and origin back to back
  std::string body_;
  Request request_;
};

// ASCII case-insensitive equality: header field names, tokens, URI schemes, media types.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
// Text without leading and trailing spaces and tabs (HTTP's optional whitespace).
std::string_view TrimOws(std::string_view text);

// The origin-form part ("/path?query") of a request target: the target itself when it starts
// with '/'; for the absolute-form a server must accept too (RFC 9112 3.2.2), the part after the
// scheme and authority ("http://host:8080/a?b" -> "/a?b", "http://host" -> ""). nullopt for
// anything else: another scheme, an empty authority, a bare name, "*".
std::optional<std::string_view> OriginForm(std::string_view target);
// Sets request->target, path and query from a request target; an empty path is "/".
void SetTarget(std::string_view target, Request* request);

// True for a Content-Type naming the media type application/json: type and subtype in any case,
// spaces around them, parameters after ';' ("application/json; charset=utf-8"). Not
// "application/jsonp", "application/json-patch+json" nor "text/json".
bool IsJsonMediaType(std::string_view content_type);

// The token of an Authorization header "Bearer <token>": the scheme in any case (RFC 7235 2.1),
// then one or more spaces; empty for any other header.
std::string_view BearerToken(std::string_view authorization);

// Decodes %XX and '+' of a query component.
std::string UrlDecode(std::string_view text);
// The decoded value of key in a query string, or nullopt-like empty with found=false.
bool QueryParam(std::string_view query, std::string_view key, std::string* value);

}  // namespace vv::serve
