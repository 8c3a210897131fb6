#pragma once
// The versioned model registry (DESIGN.md "Registry").
//
//   <root>/<name>/<version>/   the model's native files + manifest.json
//   <root>/<name>/aliases.json {"champion": "v3", "challenger": "v4", "history": ["v1", "v2"]}
//
// Versions are v1, v2, ... (monotonic per model). A version directory is written under a
// temporary name and renamed into place, and aliases.json is written to a temporary file and
// renamed, so a reader never sees half a version or half an alias file. Loading verifies the
// manifest's format_version and the sha256 of every file; a failed load leaves whatever model
// the caller already holds in service (see ChampionHolder).
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "models/model.h"

namespace vv::registry {

// sha256 of files, remembered with each file's identity, size and times: a file whose stat is
// unchanged is not read again. A write changes the ctime (which no user call can set back); a
// file changed within a clock tick of being hashed could keep its times, so a file modified in
// the last two seconds is never remembered (git's "racy" rule) and is hashed again next time.
class FileHashCache {
 public:
  Result<std::string> Sha256(const std::filesystem::path& path);

 private:
  struct Entry {
    uint64_t device, inode, size;
    int64_t mtime_ns, ctime_ns;
    std::string sha256;
  };
  std::mutex mu_;
  std::map<std::string, Entry> entries_;
};

// Manifest format this program writes and the newest it reads.
inline constexpr int kFormatVersion = 1;

// What the trainer knows about a version besides the model itself.
struct PublishInfo {
  nlohmann::json training_config = nlohmann::json::object();  // the model's config section
  std::string dataset_fingerprint;
  nlohmann::json report = nlohmann::json::object();  // {"n", "metrics", "baselines", ...}
};

struct VersionInfo {
  std::string name;
  std::string version;
  std::string created_at;
  std::vector<std::string> aliases;  // "champion", "challenger"
  nlohmann::json manifest;
};

// A publish, alias write or prune that never finished (its process was killed).
struct Leftover {
  std::filesystem::path path;
  std::string reason;  // why it counts as stale
  bool removed = false;
};

// How long a leftover whose owner cannot be checked (another host, or an older name without
// one) must sit untouched before it is removed; a publish takes seconds.
inline constexpr std::chrono::seconds kLeftoverGrace = std::chrono::hours(1);

struct LoadedModel {
  std::string name;
  std::string version;
  nlohmann::json manifest;
  std::shared_ptr<const Model> model;
};

class Registry {
 public:
  explicit Registry(std::filesystem::path root) : root_(std::move(root)) {}
  const std::filesystem::path& root() const { return root_; }

  // Saves the model as the next version of `name` and returns that version ("v4"). Aliases are
  // untouched: promotion is a separate, explicit step.
  Result<std::string> Publish(const std::string& name, const Model& model,
                              const PublishInfo& info) const;

  Result<std::vector<std::string>> Names() const;           // models with at least one version
  Result<std::vector<VersionInfo>> Versions(const std::string& name) const;  // oldest first
  Result<nlohmann::json> ReadManifest(const std::string& name, const std::string& version) const;

  // {"champion": ..., "challenger": ..., "history": [...]}; {} when none was written yet.
  Result<nlohmann::json> Aliases(const std::string& name) const;
  Result<std::optional<std::string>> Champion(const std::string& name) const;
  // Makes `version` the champion; the former champion goes onto the history for Rollback.
  Status Promote(const std::string& name, const std::string& version) const;
  Status SetChallenger(const std::string& name, const std::string& version) const;
  // Makes the previous champion the champion again; the rolled-back version stops being one.
  Result<std::string> Rollback(const std::string& name) const;

  // Compares each file the manifest lists with its sha256 as now on disk (through the cache when
  // one is given): ok, or kDataLoss naming the first file that differs or is missing.
  Status VerifyFiles(const std::string& name, const std::string& version,
                     const nlohmann::json& manifest, FileHashCache* cache = nullptr) const;
  // Verifies format_version and each file's sha256, then loads through the model's loader.
  Result<LoadedModel> Load(const std::string& name, const std::string& version) const;
  Result<LoadedModel> LoadChampion(const std::string& name) const;
  // "velocity@champion", "velocity@challenger" or "velocity@v3".
  Result<LoadedModel> LoadRef(const std::string& ref) const;

  // Removes the leftovers of killed writers: those whose owner pid on this host is gone, and
  // any untouched for longer than `grace`. A concurrent publisher's folder is left alone.
  // Returns what it found (registry_leftovers.cc); the caller logs it.
  Result<std::vector<Leftover>> RemoveLeftovers(std::chrono::seconds grace = kLeftoverGrace) const;

 private:
  std::filesystem::path ModelDir(const std::string& name) const { return root_ / name; }
  Status WriteAliases(const std::string& name, const nlohmann::json& aliases) const;
  Result<std::string> ResolveAlias(const std::string& name, const std::string& alias) const;

  std::filesystem::path root_;
};

// Holds the model in service for one name. Refresh() loads the current champion and swaps it in
// only when the load succeeds; on any error the model already held stays in service.
class ChampionHolder {
 public:
  ChampionHolder(const Registry& registry, std::string name)
      : registry_(registry), name_(std::move(name)) {}
  Status Refresh();
  // The model in service (nullptr before the first successful Refresh).
  std::shared_ptr<const LoadedModel> Current() const;

 private:
  const Registry& registry_;
  std::string name_;
  mutable std::mutex mu_;
  std::shared_ptr<const LoadedModel> current_;
};

// The registry directory from --registry, else VV_REGISTRY, else `fallback` (the policy's).
std::string ResolveRegistryDir(const std::string& flag_value,
                               const std::string& fallback = "models");

// "<host>-<pid>-<random>": names a temporary file or folder after its writer, so that
// RemoveLeftovers can tell a dead writer from a live one.
std::string OwnerTag();
std::string StagingDirName();  // ".staging-<owner tag>": a version being published
std::string TrashDirName();    // ".trash-<owner tag>": a version being deleted

// Writes `content` to `path` atomically: a temporary file in the same directory, then rename.
Status WriteFileAtomic(const std::filesystem::path& path, const std::string& content);
Result<std::string> ReadWholeFile(const std::filesystem::path& path);
// The version number of "v12" (12), or nullopt for anything else.
std::optional<int> VersionNumber(const std::string& version);

}  // namespace vv::registry
