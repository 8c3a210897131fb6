#pragma once
// The production ModelSource: the registry directory (src/registry) when it is built in.
#include <filesystem>
#include <memory>

#include <nlohmann/json.hpp>

#include "serve/model_set.h"

namespace vv::serve {

// The held-out results of a version's manifest, as the API shows them: the registry keeps them
// under "report" ({"metrics", "baselines", "n"}); a top-level "metrics" (older manifests, test
// sources) is used when there is no report. Always returns {"metrics", "baselines", "n"}.
nlohmann::json ManifestReport(const nlohmann::json& manifest);

std::shared_ptr<ModelSource> MakeRegistrySource(const std::filesystem::path& registry_dir);

}  // namespace vv::serve
