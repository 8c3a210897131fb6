#include "serve/config_file.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/config_schema.h"
#include "monitor/drift_config.h"
#include "serve/api.h"

namespace vv::serve {

namespace {

const std::vector<KeySpec>& ServeConfigSchema() {
  static const std::vector<KeySpec> schema = [] {
    std::vector<KeySpec> s;
    s.push_back(StrKey("readiness.models", "champions", {}));
    monitor::AddDriftKeys(&s);
    return s;
  }();
  return schema;
}

}  // namespace

Result<std::optional<std::vector<std::string>>> ParseReadyModels(const std::string& text) {
  if (text == "champions") return std::optional<std::vector<std::string>>();
  std::vector<std::string> names;
  std::stringstream in(text);
  for (std::string name; std::getline(in, name, ',');) {
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    if (name.empty()) continue;
    const auto& known = ModelNames();
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      return MakeError(ErrorCode::kInvalidArgument,
                       "unknown model '" + name + "' (known: " + list + ", or 'champions')");
    }
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  if (names.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "name at least one model, or 'champions' (every model with a champion)");
  }
  return std::optional<std::vector<std::string>>(std::move(names));
}

Status ApplyServeConfigText(const std::string& yaml_text, const std::string& origin,
                            ServeConfig* config) {
  VV_ASSIGN_OR_RETURN(nlohmann::json root, ParseWithSchema(yaml_text, origin, ServeConfigSchema()));
  auto ready = ParseReadyModels(root["readiness"]["models"].get<std::string>());
  if (!ready.ok()) {
    return MakeError(ErrorCode::kInvalidArgument, "readiness.models: " + ready.error().message,
                     origin);
  }
  config->ready_models = std::move(ready).value();
  VV_ASSIGN_OR_RETURN(monitor::DriftConfig drift, monitor::DriftConfigFrom(root, origin));
  config->drift_thresholds = drift.thresholds;
  config->drift_record_interval = drift.record_interval;
  return {};
}

Status ApplyServeConfigFile(const std::string& flag_path, ServeConfig* config) {
  const std::string path = flag_path.empty() ? kDefaultServeConfig : flag_path;
  if (flag_path.empty() && !std::filesystem::exists(path)) return {};
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, "cannot read the serve config", path);
  std::stringstream text;
  text << in.rdbuf();
  return ApplyServeConfigText(text.str(), path, config);
}

}  // namespace vv::serve
