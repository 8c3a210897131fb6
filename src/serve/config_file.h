#pragma once
// config/serve.yaml: which models readiness requires and the drift thresholds (the schema:
// config_file.cc; read by core/config_schema.h like config/training.yaml). File < VV_* env <
// flags: the caller applies the file to a ServeConfig before the flags that override it.
#include <filesystem>
#include <string>

#include "core/result.h"
#include "serve/config.h"

namespace vv::serve {

inline constexpr const char* kDefaultServeConfig = "config/serve.yaml";

// "champions" (every model with a champion alias) or a comma-separated list of model names.
Result<std::optional<std::vector<std::string>>> ParseReadyModels(const std::string& text);

// Parses the YAML text into *config (readiness and drift); `origin` names the file in messages.
Status ApplyServeConfigText(const std::string& yaml_text, const std::string& origin,
                            ServeConfig* config);
// An explicit path must exist; the default config/serve.yaml is optional (built-in defaults).
Status ApplyServeConfigFile(const std::string& flag_path, ServeConfig* config);

}  // namespace vv::serve
