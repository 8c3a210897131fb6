#include "serve/router.h"

#include "serve/errors.h"

namespace vv::serve {

namespace {

// Splits "/a/b/c" into {"a","b","c"}; a trailing slash is not an extra segment.
template <typename Out>
void SplitPath(std::string_view path, Out* out) {
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    size_t end = path.find('/', i);
    if (end == std::string_view::npos) end = path.size();
    out->emplace_back(path.substr(i, end - i));
    i = end;
  }
}

bool IsParam(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

void Router::Add(Route route) {
  route.segments.clear();
  SplitPath(route.pattern, &route.segments);
  routes_.push_back(std::move(route));
}

bool Router::Match(const Route& route, std::string_view path, Request* request) const {
  size_t seg = 0;
  size_t i = 0;
  if (request) request->params.clear();
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    size_t end = path.find('/', i);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(i, end - i);
    if (seg >= route.segments.size()) return false;
    const std::string& want = route.segments[seg];
    if (IsParam(want)) {
      if (request) {
        std::string_view name(want);
        request->params.emplace_back(name.substr(1, name.size() - 2), part);
      }
    } else if (want != part) {
      return false;
    }
    ++seg;
    i = end;
  }
  return seg == route.segments.size();
}

int Router::Find(Request& request, Response& response) const {
  bool path_known = false;
  for (size_t r = 0; r < routes_.size(); ++r) {
    const Route& route = routes_[r];
    if (!Match(route, request.path, nullptr)) continue;
    path_known = true;
    if (route.method != request.method) continue;
    Match(route, request.path, &request);
    return static_cast<int>(r);
  }
  if (!path_known) {
    WriteError(MakeError(ErrorCode::kNotFound, "no route for " + std::string(request.path),
                         std::string(request.path)),
               &response);
    return -1;
  }
  WriteHttpError(HttpError::kMethodNotAllowed,
                 std::string(request.method) + " is not allowed on " + std::string(request.path),
                 std::string(request.path), &response);
  response.headers.emplace_back("Allow", AllowedMethods(request.path));
  return -1;
}

std::string Router::AllowedMethods(std::string_view path) const {
  std::string out;
  for (const auto& route : routes_) {
    if (!Match(route, path, nullptr)) continue;
    if (out.find(route.method) != std::string::npos) continue;
    if (!out.empty()) out += ", ";
    out += route.method;
  }
  return out;
}

}  // namespace vv::serve
