#include "registry/policy.h"

#include <yaml-cpp/yaml.h>

#include <set>

namespace vv::registry {

namespace fs = std::filesystem;

Result<RegistryPolicy> LoadRegistryPolicy(const fs::path& path) {
  RegistryPolicy policy;
  YAML::Node doc;
  try {
    doc = YAML::LoadFile(path.string());
  } catch (const YAML::Exception& e) {
    return MakeError(ErrorCode::kInvalidArgument, "invalid YAML: " + e.msg,
                     path.string() + ":" + std::to_string(e.mark.line + 1));
  }
  if (doc.IsNull()) return policy;
  if (!doc.IsMap()) {
    return MakeError(ErrorCode::kInvalidArgument, "expected a mapping", path.string());
  }
  for (const auto& item : doc) {
    const std::string key = item.first.as<std::string>();
    const std::string where = path.string() + ":" + std::to_string(item.first.Mark().line + 1);
    try {
      if (key == "registry") {
        policy.root = item.second.as<std::string>();
        if (policy.root.empty()) throw YAML::Exception(item.second.Mark(), "empty");
      } else if (key == "keep_versions") {
        policy.keep_versions = item.second.as<int>();
        if (policy.keep_versions < 0 || policy.keep_versions > 100000) {
          return MakeError(ErrorCode::kInvalidArgument,
                           "keep_versions: " + item.second.Scalar() + " is out of range [0, 100000]",
                           where);
        }
      } else {
        return MakeError(ErrorCode::kInvalidArgument,
                         key + ": unknown key (known: registry, keep_versions)", where);
      }
    } catch (const YAML::Exception&) {
      return MakeError(ErrorCode::kInvalidArgument, key + ": invalid value", where);
    }
  }
  return policy;
}

Result<RegistryPolicy> DefaultRegistryPolicy() {
  const fs::path path = "config/models.yaml";
  if (!fs::exists(path)) return RegistryPolicy{};
  return LoadRegistryPolicy(path);
}

Result<std::vector<std::string>> PruneVersions(const Registry& registry, const std::string& name,
                                               int keep) {
  std::vector<std::string> removed;
  if (keep <= 0) return removed;
  VV_ASSIGN_OR_RETURN(std::vector<VersionInfo> versions, registry.Versions(name));
  VV_ASSIGN_OR_RETURN(nlohmann::json aliases, registry.Aliases(name));
  std::set<std::string> pinned;
  for (const char* alias : {"champion", "challenger"}) {
    if (aliases.contains(alias) && aliases[alias].is_string()) pinned.insert(aliases[alias]);
  }
  for (const auto& h : aliases.value("history", nlohmann::json::array())) {
    if (h.is_string()) pinned.insert(h.get<std::string>());
  }
  // The newest `keep` versions stay; of the older ones, only pinned versions stay.
  const size_t older = versions.size() > static_cast<size_t>(keep) ? versions.size() - keep : 0;
  for (size_t i = 0; i < older; ++i) {
    const std::string& version = versions[i].version;
    if (pinned.count(version)) continue;
    const fs::path dir = registry.root() / name / version;
    // Renamed away first, so a prune killed mid-way leaves a whole version or a .trash-*
    // folder (removed by the next run), never half a version.
    const fs::path trash = registry.root() / name / TrashDirName();
    std::error_code ec;
    fs::rename(dir, trash, ec);
    if (!ec) fs::remove_all(trash, ec);
    if (ec) return MakeError(ErrorCode::kUnavailable, ec.message(), dir.string());
    removed.push_back(version);
  }
  return removed;
}

}  // namespace vv::registry
