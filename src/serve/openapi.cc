#include "serve/openapi.h"

#include <memory>
#include <mutex>

#include "serve/api.h"

namespace vv::serve {

nlohmann::json OpenApiSchemas();  // openapi_schemas.cc

namespace {

using nlohmann::json;

const char* StatusText(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad request: malformed JSON or a field that fails validation";
    case 401: return "Missing or wrong admin bearer token";
    case 403: return "Admin routes are off (no VV_ADMIN_TOKEN)";
    case 404: return "Not found";
    case 405: return "Method not allowed (Allow header lists the methods)";
    case 408: return "Request not received in time";
    case 409: return "Conflict with the current state";
    case 413: return "Body or batch too large";
    case 415: return "Body is not JSON";
    case 500: return "Internal error";
    case 503: return "Model not loaded, store unavailable, the server busy (Retry-After); POST /v1/analyze: no YouTube API key, quota used up (Retry-After) or the YouTube API unreachable";
    default: return "Error";
  }
}

json ErrorResponse(int status) {
  return {{"description", StatusText(status)},
          {"content",
           {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
}

json Operation(const Route& route) {
  const RouteDoc& doc = route.doc;
  json op = {{"operationId", doc.operation_id}, {"summary", doc.summary}, {"tags", {doc.tag}}};
  json params = json::array();
  for (const auto& segment : route.segments) {
    if (segment.size() < 3 || segment.front() != '{') continue;
    std::string name = segment.substr(1, segment.size() - 2);
    json schema = {{"type", "string"}};
    for (const auto& [enum_name, values] : doc.path_enums) {
      if (enum_name == name) schema["enum"] = values;
    }
    params.push_back({{"name", name}, {"in", "path"}, {"required", true}, {"schema", schema}});
  }
  for (const auto& q : doc.query) {
    params.push_back({{"name", q.name},
                      {"in", "query"},
                      {"required", false},
                      {"description", q.description},
                      {"schema", {{"type", q.type}}}});
  }
  if (!params.empty()) op["parameters"] = params;
  if (!doc.request_schema.empty()) {
    op["requestBody"] = {
        {"required", true},
        {"content",
         {{"application/json",
           {{"schema", {{"$ref", "#/components/schemas/" + doc.request_schema}}}}}}}};
  }
  json ok = {{"description", "OK"}};
  if (!doc.response_schema.empty()) {
    ok["content"] = {{doc.response_type,
                      {{"schema", {{"$ref", "#/components/schemas/" + doc.response_schema}}}}}};
  } else {
    ok["content"] = {{doc.response_type, {{"schema", {{"type", "string"}}}}}};
  }
  json responses = {{"200", ok}};
  for (int status : doc.error_statuses) responses[std::to_string(status)] = ErrorResponse(status);
  // A full worker queue answers 503 with Retry-After.
  if (route.heavy) responses["503"] = ErrorResponse(503);
  if (route.method == "POST") {
    responses["413"] = ErrorResponse(413);
    responses["415"] = ErrorResponse(415);
  }
  responses["405"] = {{"description", StatusText(405)}};
  op["responses"] = responses;
  if (doc.admin) op["security"] = json::array({{{"adminBearer", json::array()}}});
  return op;
}

}  // namespace

json BuildOpenApi(const Router& router) {
  json paths = json::object();
  for (const auto& route : router.routes()) {
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    paths[route.pattern][method] = Operation(route);
  }
  return {
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "ViralVelocity API"},
        {"version", "1.0.0"},
        {"description",
         "Predictions of six models (velocity, viral, clickbait, genre, tags, anomaly) for "
         "YouTube videos, analysis of any YouTube video or channel by its URL, the store's videos and channels, the model registry, health and "
         "metrics. Every error has the shape {\"error\": {\"code\", \"message\", \"path\"}}; "
         "every response carries an X-Request-Id header."}}},
      {"paths", paths},
      {"components",
       {{"schemas", OpenApiSchemas()},
        {"securitySchemes",
         {{"adminBearer",
           {{"type", "http"},
            {"scheme", "bearer"},
            {"description", "the value of VV_ADMIN_TOKEN given to vv serve"}}}}}}}};
}

void AddOpenApiRoutes(Api& api, Router& router) {
  // Built on first use, when the table is complete (these two routes included).
  struct Docs {
    std::once_flag once;
    std::string json_text;
    std::string html;
  };
  auto docs = std::make_shared<Docs>();
  auto build = [&api, docs] {
    std::call_once(docs->once, [&] {
      json spec = BuildOpenApi(api.router());
      docs->json_text = spec.dump(2);
      docs->html = RenderDocsHtml(spec);
    });
  };
  router.Add({"GET", "/openapi.json",
              [docs, build](Request&, Response& r) {
                build();
                r.body = docs->json_text;
              },
              {.operation_id = "openapi",
               .summary = "This API as an OpenAPI 3.1 document",
               .tag = "docs"}});
  router.Add({"GET", "/docs",
              [docs, build](Request&, Response& r) {
                build();
                r.body = docs->html;
                r.content_type = "text/html; charset=utf-8";
              },
              {.operation_id = "docs",
               .summary = "Readable API reference rendered from /openapi.json",
               .tag = "docs",
               .response_type = "text/html"}});
}

}  // namespace vv::serve
