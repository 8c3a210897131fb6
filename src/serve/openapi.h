#pragma once
// GET /openapi.json (OpenAPI 3.1) generated from the route table plus the schemas, and GET /docs,
// an HTML reference rendered from that same document on the server (no CDN, no script).
#include <string>

#include <nlohmann/json.hpp>

#include "serve/router.h"

namespace vv::serve {

nlohmann::json BuildOpenApi(const Router& router);
std::string RenderDocsHtml(const nlohmann::json& openapi);

}  // namespace vv::serve
