#pragma once
// The production ModelSource: the registry directory (src/registry) when it is built in.
#include <filesystem>
#include <memory>

#include "serve/model_set.h"

namespace vv::serve {

std::shared_ptr<ModelSource> MakeRegistrySource(const std::filesystem::path& registry_dir);

}  // namespace vv::serve
