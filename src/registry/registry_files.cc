// File helpers of the registry: atomic writes, whole-file reads, cached checksums.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/sha256.h"
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

Result<std::string> FileHashCache::Sha256(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return MakeError(ErrorCode::kNotFound, std::string("cannot stat: ") + std::strerror(errno),
                     path.string());
  }
  const int64_t mtime = st.st_mtim.tv_sec * 1'000'000'000LL + st.st_mtim.tv_nsec;
  const int64_t ctime = st.st_ctim.tv_sec * 1'000'000'000LL + st.st_ctim.tv_nsec;
  const Entry now{static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino),
                  static_cast<uint64_t>(st.st_size), mtime, ctime, ""};
  auto same = [&](const Entry& e) {
    return e.device == now.device && e.inode == now.inode && e.size == now.size &&
           e.mtime_ns == now.mtime_ns && e.ctime_ns == now.ctime_ns;
  };
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(path.string());
    if (it != entries_.end() && same(it->second)) return it->second.sha256;
  }
  VV_ASSIGN_OR_RETURN(std::string sha256, Sha256File(path));
  const int64_t wall = std::chrono::duration_cast<std::chrono::nanoseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
  constexpr int64_t kRacyNs = 2'000'000'000;
  std::lock_guard<std::mutex> lock(mu_);
  if (wall - std::max(mtime, ctime) > kRacyNs) {
    Entry entry = now;
    entry.sha256 = sha256;
    entries_[path.string()] = std::move(entry);
  } else {
    entries_.erase(path.string());
  }
  return sha256;
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
