#pragma once
// The built web app (web/dist) served by vv serve: files by path, the SPA fallback to
// index.html, and a small "not built" page when the folder is absent.
#include <optional>
#include <string>
#include <string_view>

#include "serve/http_types.h"

namespace vv::serve {

// True for paths the API owns (/v1/..., /healthz, /readyz, /metrics, /openapi.json, /docs):
// those never fall through to the web app.
bool IsApiPath(std::string_view path);

class StaticFiles {
 public:
  explicit StaticFiles(std::string dir) : dir_(std::move(dir)) {}
  // Answers a GET/HEAD of a non-API path. Files are read per request (they are small), so a
  // rebuilt web app shows without restarting the server.
  void Serve(const Request& request, Response& response) const;
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
};

// The path below the web root that a URL path (percent-decoded) names, with empty segments
// dropped ("//etc/passwd" -> "etc/passwd"), or nullopt when a segment starts with '.' ("..",
// hidden files) or holds a backslash, ':' or NUL. Never absolute, never leaves the root.
std::optional<std::string> WebRelativePath(std::string_view decoded_path);

// The content type for a file name by its extension.
std::string_view ContentTypeFor(std::string_view name);

}  // namespace vv::serve
