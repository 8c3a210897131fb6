#pragma once
// config/models.yaml: how the registry is kept (which directory, how many versions).
#include <filesystem>
#include <string>

#include "core/result.h"
#include "registry/registry.h"

namespace vv::registry {

struct RegistryPolicy {
  std::string root = "models";  // used when neither --registry nor VV_REGISTRY is given
  int keep_versions = 10;       // per model; 0 keeps everything
};

// Unknown keys and out-of-range values are refused naming the key and file:line.
Result<RegistryPolicy> LoadRegistryPolicy(const std::filesystem::path& path);
// config/models.yaml when it exists, else the defaults.
Result<RegistryPolicy> DefaultRegistryPolicy();

// Keeps the newest `keep` versions and every version an alias or the rollback history names;
// deletes the rest. Returns the versions removed.
Result<std::vector<std::string>> PruneVersions(const Registry& registry, const std::string& name,
                                               int keep);

}  // namespace vv::registry
