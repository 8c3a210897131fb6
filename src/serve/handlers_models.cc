// GET /v1/models, GET /v1/models/{name}, POST /v1/models/{name}/promote, POST /v1/admin/reload.
#include "serve/api.h"
#include "serve/errors.h"
#include "serve/metric_specs.h"
#include "serve/request_parser.h"

namespace vv::serve {

namespace {

using nlohmann::json;

json LoadedVersion(Api& api, const std::string& name) {
  auto snapshot = api.models().Current();
  const LoadedModel* loaded = snapshot->Find(name);
  return loaded ? json(loaded->version) : json(nullptr);
}

void ListModels(Api& api, Request& request, Response& response) {
  auto listed = api.models().source()->ListModels();
  if (!listed.ok()) return WriteError(listed.error(), &response);
  json models = json::array();
  for (auto& item : *listed) {
    if (item.contains("name") && item["name"].is_string()) {
      item["loaded_version"] = LoadedVersion(api, item["name"].get<std::string>());
    }
    models.push_back(std::move(item));
  }
  response.body = json{{"models", std::move(models)}}.dump();
}

void DescribeModel(Api& api, Request& request, Response& response) {
  std::string name(request.Param("name"));
  auto described = api.models().source()->DescribeModel(name);
  if (!described.ok()) return WriteError(described.error(), &response);
  (*described)["loaded_version"] = LoadedVersion(api, name);
  (*described)["metric_specs"] = MetricSpecsJson(name);
  // What the loaded model was re-based on (serve/rebasing_source.h), when it has a population.
  auto snapshot = api.models().Current();
  if (const LoadedModel* loaded = snapshot->Find(name); loaded && !loaded->population.is_null()) {
    (*described)["population"] = loaded->population;
  }
  response.body = described->dump();
}

void Reload(Api& api, Request& request, Response& response) {
  if (!api.Authorize(request, response)) return;
  auto report = api.models().Reload();
  if (!report.ok()) {
    return WriteError(report.error(), &response, "the previously loaded models keep serving");
  }
  if (report->first_error) {
    // The others did reload: say which failed, and that they keep their previous version.
    return WriteError(*report->first_error, &response,
                      "failed: " + json(report->failed).dump() +
                          "; those keep their previous version, the others were reloaded");
  }
  response.body = json{{"changed", report->changed}, {"models", report->models}}.dump();
}

void Promote(Api& api, Request& request, Response& response) {
  if (!api.Authorize(request, response)) return;
  std::string name(request.Param("name"));
  auto body = ParseJsonBody(request.body);
  if (!body.ok()) return WriteError(body.error(), &response);
  Status keys = CheckKeys(*body, "$", {"version"});
  if (!keys.ok()) return WriteError(keys.error(), &response);
  auto it = body->find("version");
  if (it == body->end()) return WriteError(FieldError("$.version", "is required"), &response);
  auto version = GetString(*it, "$.version", 128);
  if (!version.ok()) return WriteError(version.error(), &response);
  Status promoted = api.models().source()->Promote(name, *version);
  if (!promoted.ok()) return WriteError(promoted.error(), &response);
  auto report = api.models().Reload();
  if (!report.ok() || report->first_error) {
    const Error& error = report.ok() ? *report->first_error : report.error();
    return WriteError(error, &response,
                      "promoted, but loading failed; the previously loaded models keep serving");
  }
  response.body = json{{"model", name},
                       {"champion", *version},
                       {"loaded_version", LoadedVersion(api, name)}}
                      .dump();
}

}  // namespace

void AddModelRoutes(Api& api, Router& router) {
  router.Add({"GET", "/v1/models", [&api](Request& q, Response& r) { ListModels(api, q, r); },
              {.operation_id = "listModels",
               .summary = "Every model in the registry: versions, aliases, loaded version",
               .tag = "models",
               .response_schema = "ModelList",
               .error_statuses = {503}},
              /*heavy=*/true});
  router.Add({"GET", "/v1/models/{name}",
              [&api](Request& q, Response& r) { DescribeModel(api, q, r); },
              {.operation_id = "getModel",
               .summary = "One model: versions, aliases, metrics, feature schema, config",
               .tag = "models",
               .response_schema = "ModelDetail",
               .path_enums = {{"name", ModelNames()}},
               .error_statuses = {404, 503}},
              /*heavy=*/true});
  router.Add({"POST", "/v1/models/{name}/promote",
              [&api](Request& q, Response& r) { Promote(api, q, r); },
              {.operation_id = "promoteModel",
               .summary = "Point <name>@champion at a version and load it (admin)",
               .tag = "admin",
               .request_schema = "PromoteRequest",
               .response_schema = "PromoteResponse",
               .path_enums = {{"name", ModelNames()}},
               .error_statuses = {400, 401, 403, 404, 409, 503},
               .admin = true},
              /*heavy=*/true});
  router.Add({"POST", "/v1/admin/reload", [&api](Request& q, Response& r) { Reload(api, q, r); },
              {.operation_id = "reloadModels",
               .summary = "Reload every champion whose alias moved or files changed (admin)",
               .tag = "admin",
               .response_schema = "ReloadResponse",
               .error_statuses = {401, 403, 500, 503},
               .admin = true},
              /*heavy=*/true});
}

}  // namespace vv::serve
