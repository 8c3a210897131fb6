#include "serve/static_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "serve/errors.h"

namespace vv::serve {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kNotBuilt = R"(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>vv: web app not built</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
<h1>The web app is not built</h1>
<p>vv serve found no <code>index.html</code> in its web folder (<code>--web</code>, by default
<code>web/dist</code> under the folder it was started in; its log names the folder).</p>
<p>Build it with <code>scripts/build-web.sh</code> (from the source root), then reload this page,
or start <code>vv serve --web DIR</code> with the folder that holds the built files.</p>
<p>The API is up: see <a href="/docs">/docs</a> and <a href="/openapi.json">/openapi.json</a>.</p>
</body></html>
)";

// Reads root/relative only when the file, after resolving every symlink, is still inside
// root: a link in the web folder that points elsewhere is not followed out of it.
bool ReadFileUnder(const std::string& root_dir, const std::string& relative, std::string* out) {
  std::error_code ec;
  fs::path root = fs::canonical(root_dir, ec);
  if (ec) return false;
  fs::path file = fs::weakly_canonical(root / fs::path(relative), ec);
  if (ec || !fs::is_regular_file(file, ec)) return false;
  auto [root_end, unused] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
  if (root_end != root.end()) return false;
  std::ifstream in(file, std::ios::binary);
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

std::optional<std::string> WebRelativePath(std::string_view decoded_path) {
  if (decoded_path.empty() || decoded_path.front() != '/') return std::nullopt;
  std::string relative;
  size_t start = 1;
  while (start <= decoded_path.size()) {
    size_t end = decoded_path.find('/', start);
    if (end == std::string_view::npos) end = decoded_path.size();
    std::string_view segment = decoded_path.substr(start, end - start);
    // Empty segments ("//etc/passwd") are dropped: with a leading '/', path joining would
    // otherwise replace the web root by the file system root.
    if (!segment.empty()) {
      if (segment.front() == '.') return std::nullopt;  // ".", "..", ".env", ".git"
      if (segment.find_first_of(std::string_view("\\:\0", 3)) != std::string_view::npos) {
        return std::nullopt;
      }
      if (!relative.empty()) relative += '/';
      relative += segment;
    }
    start = end + 1;
  }
  // A trailing '/' keeps its meaning (the folder's index.html).
  if (!relative.empty() && decoded_path.back() == '/') relative += '/';
  return relative;
}

void StaticFiles::Serve(const Request& request, Response& response) const {
  std::optional<std::string> relative = WebRelativePath(UrlDecode(request.path));
  if (!relative) {
    WriteError(MakeError(ErrorCode::kInvalidArgument,
                         "the path may not contain '.' or '..' steps, hidden names, backslashes "
                         "or NUL bytes",
                         std::string(request.path)),
               &response);
    return;
  }
  if (relative->empty() || relative->back() == '/') *relative += "index.html";
  std::string served = *relative;
  if (!ReadFileUnder(dir_, served, &response.body)) {
    if (StartsWith(served, "assets/")) return NotFound(request.path, response);
    // SPA fallback: the client router owns every other path.
    served = "index.html";
    if (!ReadFileUnder(dir_, served, &response.body)) {
      // The folder's path stays out of the page: anonymous clients see it.
      response.status = 200;
      response.body = std::string(kNotBuilt);
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
