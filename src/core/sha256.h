#pragma once
#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.h"

namespace vv {

std::string Sha256Hex(std::string_view data);
Result<std::string> Sha256File(const std::filesystem::path& path);

}  // namespace vv
