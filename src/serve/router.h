#pragma once
// The one route table: method + path pattern -> handler, plus what /openapi.json says about it.
// Unknown paths get 404; known paths with another method get 405 with an Allow header.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "serve/http_types.h"

namespace vv::serve {

using Handler = std::function<void(Request&, Response&)>;
// A heavy route's first step, on the network thread: the cheap part (parse the body, look up
// the response cache). Returns an empty Handler when it answered, else the rest of the work,
// which runs on the worker pool and may keep what the first step parsed.
using Prepare = std::function<Handler(Request&, Response&)>;

struct QueryParamDoc {
  std::string name;
  std::string type;  // "string" | "integer"
  std::string description;
};

// What the OpenAPI document says about a route; the table is the single source for both.
struct RouteDoc {
  std::string operation_id;
  std::string summary;
  std::string tag;
  std::string request_schema;   // components/schemas name, empty = no body
  std::string response_schema;  // components/schemas name for 200
  std::string response_type = "application/json";
  std::vector<QueryParamDoc> query;
  // Enumerated values of path parameters: {"model", {"velocity", ...}}.
  std::vector<std::pair<std::string, std::vector<std::string>>> path_enums;
  std::vector<int> error_statuses;  // documented non-200 statuses
  bool admin = false;               // needs Authorization: Bearer <VV_ADMIN_TOKEN>
};

struct Route {
  std::string method;
  std::string pattern;  // "/v1/predict/{model}"
  Handler handler;  // unused when prepare is set
  RouteDoc doc;
  // Model work, store queries and reloads run on the worker pool, off the network threads, so
  // that a 1,000-video batch does not hold up GET /healthz. Cheap routes answer where they are.
  bool heavy = false;
  Prepare prepare;  // heavy routes only, optional: then it, not handler, yields the pool's work
  std::vector<std::string> segments;  // split pattern, filled by Router::Add
};

class Router {
 public:
  void Add(Route route);
  // Matches the request and fills request.params. Returns the index of the matched route, or -1
  // when none (404 / 405 written into response).
  int Find(Request& request, Response& response) const;
  // The methods allowed on a path ("GET, POST"), empty when the path is unknown.
  std::string AllowedMethods(std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  bool Match(const Route& route, std::string_view path, Request* request) const;
  std::vector<Route> routes_;
};

}  // namespace vv::serve
