// Leftovers of registry writes that never finished: a publisher killed mid-way leaves its
// .staging-* folder, a killed alias write its *.tmp-* file, a killed prune its .trash-* folder.
// Their names carry the owner (host and pid), so the next run can tell a dead owner from a
// live concurrent one.
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <random>

#include <fmt/format.h>

#include "registry/registry.h"

namespace vv::registry {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kStagingPrefix = ".staging-";
constexpr std::string_view kTrashPrefix = ".trash-";
constexpr std::string_view kTmpMarker = ".tmp-";

// The host name as it can appear in a file name: [A-Za-z0-9.] and '_' for anything else.
const std::string& HostTag() {
  static const std::string tag = [] {
    char name[256] = {0};
    if (::gethostname(name, sizeof(name) - 1) != 0 || !name[0]) return std::string("unknown");
    std::string out;
    for (const char* c = name; *c && out.size() < 64; ++c) {
      const bool plain = std::isalnum(static_cast<unsigned char>(*c)) || *c == '.';
      out += plain ? *c : '_';
    }
    return out;
  }();
  return tag;
}

struct Owner {
  std::string host;  // "" for names written before the host was recorded
  long pid = 0;
};

// "<host>-<pid>-<random>" or the older "<pid>-<random>".
std::optional<Owner> ParseOwnerTag(std::string_view tag) {
  const size_t last = tag.rfind('-');
  if (last == std::string_view::npos || last == 0) return std::nullopt;
  const size_t before = tag.rfind('-', last - 1);
  const size_t pid_start = before == std::string_view::npos ? 0 : before + 1;
  Owner owner;
  auto [end, ec] = std::from_chars(tag.data() + pid_start, tag.data() + last, owner.pid);
  if (ec != std::errc() || end != tag.data() + last || owner.pid <= 0) return std::nullopt;
  if (before != std::string_view::npos) owner.host = std::string(tag.substr(0, before));
  return owner;
}

// The owner tag of a leftover's file name, or "" when the name is not one of ours.
std::string_view LeftoverTag(std::string_view name) {
  for (std::string_view prefix : {kStagingPrefix, kTrashPrefix}) {
    if (name.substr(0, prefix.size()) == prefix) return name.substr(prefix.size());
  }
  const size_t tmp = name.rfind(kTmpMarker);
  return tmp == std::string_view::npos ? std::string_view() : name.substr(tmp + kTmpMarker.size());
}

bool ProcessGone(long pid) { return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH; }

// The newest modification time of the entry and of what it directly holds: a folder a live
// publisher is still writing into stays young.
fs::file_time_type NewestWrite(const fs::path& path) {
  std::error_code ec;
  fs::file_time_type newest = fs::last_write_time(path, ec);
  if (!fs::is_directory(path, ec)) return newest;
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code inner;
    newest = std::max(newest, fs::last_write_time(it->path(), inner));
  }
  return newest;
}

// Why the leftover may go, or "" while its owner may still be writing it.
std::string StaleReason(const fs::path& path, const Owner& owner, std::chrono::seconds grace) {
  if (owner.host == HostTag() && ProcessGone(owner.pid)) {
    return fmt::format("its writer (pid {} on this host) is gone", owner.pid);
  }
  const auto age = fs::file_time_type::clock::now() - NewestWrite(path);
  if (age > grace) {
    return fmt::format("untouched for {} min (grace {} min)",
                       std::chrono::duration_cast<std::chrono::minutes>(age).count(),
                       std::chrono::duration_cast<std::chrono::minutes>(grace).count());
  }
  return "";
}

}  // namespace

std::string OwnerTag() {
  static std::random_device rd;
  return fmt::format("{}-{}-{}", HostTag(), ::getpid(), rd());
}

std::string StagingDirName() { return std::string(kStagingPrefix) + OwnerTag(); }
std::string TrashDirName() { return std::string(kTrashPrefix) + OwnerTag(); }

Result<std::vector<Leftover>> Registry::RemoveLeftovers(std::chrono::seconds grace) const {
  std::vector<Leftover> found;
  std::error_code ec;
  if (!fs::exists(root_, ec)) return found;
  for (fs::directory_iterator model(root_, ec), end; !ec && model != end; model.increment(ec)) {
    if (!model->is_directory()) continue;
    std::error_code inner;
    for (fs::directory_iterator it(model->path(), inner), last; !inner && it != last;
         it.increment(inner)) {
      const std::string name = it->path().filename().string();
      std::optional<Owner> owner = ParseOwnerTag(LeftoverTag(name));
      if (!owner) continue;
      Leftover leftover{it->path(), StaleReason(it->path(), *owner, grace), false};
      if (leftover.reason.empty()) continue;
      std::error_code removing;
      fs::remove_all(it->path(), removing);
      leftover.removed = !removing;
      if (removing) leftover.reason += "; removing it failed: " + removing.message();
      found.push_back(std::move(leftover));
    }
    if (inner) return MakeError(ErrorCode::kUnavailable, inner.message(), model->path().string());
  }
  if (ec) return MakeError(ErrorCode::kUnavailable, ec.message(), root_.string());
  return found;
}

}  // namespace vv::registry
