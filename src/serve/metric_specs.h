#pragma once
// What a model's quality figures mean, from its descriptor (models/descriptor.h), for the
// routes that show them (GET /v1/metrics/models, GET /v1/models/{name}): the web app reads the
// direction and target of each metric here instead of guessing them from its name.
#include <string_view>

#include <nlohmann/json.hpp>

namespace vv::serve {

// [{"name", "direction": "higher"|"lower"|"nominal"|"none", "judged": bool,
//   "target"?, "acceptable"?: [lo, hi]}], the verdict metrics first; [] for an unknown model.
nlohmann::json MetricSpecsJson(std::string_view model);

}  // namespace vv::serve
