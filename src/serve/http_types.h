#pragma once
// The server's view of one HTTP exchange, free of Beast types so that handlers, the router and
// their tests compile without Boost. The string_views point into the connection's buffers and
// live for the duration of the handler call.
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

// Decodes %XX and '+' of a query component.
std::string UrlDecode(std::string_view text);
// The decoded value of key in a query string, or nullopt-like empty with found=false.
bool QueryParam(std::string_view query, std::string_view key, std::string* value);

}  // namespace vv::serve
