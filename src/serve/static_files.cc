#include "serve/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "serve/errors.h"

namespace vv::serve {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kNotBuilt = R"(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>vv: web app not built</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
<h1>The web app is not built</h1>
<p>vv serve looked for it in <code>{DIR}</code> and found no <code>index.html</code>.</p>
<p>Build it with <code>scripts/build-web.sh</code> (from the source root), then reload this page,
or start <code>vv serve --web DIR</code> with the folder that holds the built files.</p>
<p>The API is up: see <a href="/docs">/docs</a> and <a href="/openapi.json">/openapi.json</a>.</p>
</body></html>
)";

bool ReadFile(const fs::path& path, std::string* out) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *out = std::move(buffer).str();
  return true;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

void NotFound(std::string_view path, Response& response) {
  WriteError(MakeError(ErrorCode::kNotFound, "no file " + std::string(path) + " in the web app",
                       std::string(path)),
             &response);
}

}  // namespace

bool IsApiPath(std::string_view path) {
  if (path == "/v1" || StartsWith(path, "/v1/")) return true;
  for (std::string_view exact : {"/healthz", "/readyz", "/metrics", "/openapi.json", "/docs"}) {
    if (path == exact) return true;
  }
  return false;
}

std::string_view ContentTypeFor(std::string_view name) {
  size_t dot = name.rfind('.');
  std::string_view ext = dot == std::string_view::npos ? "" : name.substr(dot + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "json" || ext == "map") return "application/json";
  if (ext == "png") return "image/png";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

void StaticFiles::Serve(const Request& request, Response& response) const {
  std::string path = UrlDecode(request.path);
  // Refuse any parent step or odd byte before touching the disk.
  if (path.empty() || path.front() != '/' || path.find("..") != std::string::npos ||
      path.find('\\') != std::string::npos || path.find('\0') != std::string::npos) {
    WriteError(MakeError(ErrorCode::kInvalidArgument,
                         "the path may not contain '..' or backslashes", std::string(request.path)),
               &response);
    return;
  }
  fs::path root(dir_);
  std::string relative = path.substr(1);
  if (relative.empty() || relative.back() == '/') relative += "index.html";
  std::string served = relative;
  if (!ReadFile(root / relative, &response.body)) {
    if (StartsWith(relative, "assets/")) return NotFound(request.path, response);
    // SPA fallback: the client router owns every other path.
    served = "index.html";
    if (!ReadFile(root / served, &response.body)) {
      std::string page(kNotBuilt);
      page.replace(page.find("{DIR}"), 5, dir_);
      response.status = 200;
      response.body = std::move(page);
      response.content_type = "text/html; charset=utf-8";
      response.headers.emplace_back("Cache-Control", "no-cache");
      return;
    }
  }
  response.status = 200;
  response.content_type = ContentTypeFor(served);
  if (StartsWith(served, "assets/")) {
    response.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
  } else if (served == "index.html" || served.ends_with(".html")) {
    response.headers.emplace_back("Cache-Control", "no-cache");
  }
}

}  // namespace vv::serve
