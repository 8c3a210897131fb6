// File helpers of the registry: atomic writes and whole-file reads.
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "registry/registry.h"

namespace vv::registry {

namespace fs = std::filesystem;

std::string ResolveRegistryDir(const std::string& flag_value, const std::string& fallback) {
  if (!flag_value.empty()) return flag_value;
  if (const char* env = std::getenv("VV_REGISTRY"); env && *env) return env;
  return fallback;
}

Status WriteFileAtomic(const fs::path& path, const std::string& content) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) {
    return MakeError(ErrorCode::kUnavailable, "cannot create directory: " + ec.message(),
                     path.parent_path().string());
  }
  const fs::path tmp = path.string() + ".tmp-" + OwnerTag();
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) {
      const std::string why = std::strerror(errno);
      fs::remove(tmp, ec);
      return MakeError(ErrorCode::kUnavailable, "cannot write file: " + why, tmp.string());
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return MakeError(ErrorCode::kUnavailable, "cannot rename into place: " + ec.message(),
                     path.string());
  }
  return {};
}

Result<std::string> ReadWholeFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, "cannot open file", path.string());
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return MakeError(ErrorCode::kUnavailable, "cannot read file", path.string());
  return buf.str();
}

std::optional<int> VersionNumber(const std::string& version) {
  if (version.size() < 2 || version[0] != 'v' || version.size() > 10) return std::nullopt;
  int n = 0;
  for (size_t i = 1; i < version.size(); ++i) {
    if (version[i] < '0' || version[i] > '9') return std::nullopt;
    n = n * 10 + (version[i] - '0');
  }
  return n > 0 ? std::optional<int>(n) : std::nullopt;
}

}  // namespace vv::registry
