// Aliases (promote, rollback) and verified loading.
#include <algorithm>

#include "core/json_read.h"
#include "core/sha256.h"
#include "registry/registry.h"

namespace vv::registry {

namespace fs = std::filesystem;
using nlohmann::json;

Result<json> Registry::Aliases(const std::string& name) const {
  const fs::path path = ModelDir(name) / "aliases.json";
  if (!fs::exists(path)) return json::object();
  VV_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path));
  VV_ASSIGN_OR_RETURN(json aliases, ParseJsonFile(text, path.string()));
  const JsonField root(aliases, path.string());
  if (!aliases.is_object()) return root.Fail("aliases file is not a JSON object");
  // Checked once here, so that promote, rollback and listing never meet another type.
  for (const char* alias : {"champion", "challenger"}) {
    if (aliases.contains(alias) && aliases[alias].is_null()) aliases.erase(alias);
    if (!aliases.contains(alias)) continue;
    VV_ASSIGN_OR_RETURN(JsonField field, root.Get(alias));
    if (!field.value().is_string() || !VersionNumber(field.value().get<std::string>())) {
      return field.Fail("must be a version such as \"v3\"");
    }
  }
  if (aliases.contains("history")) {
    VV_ASSIGN_OR_RETURN(JsonField history, root.Get("history"));
    VV_ASSIGN_OR_RETURN(size_t n, history.ArraySize());
    for (size_t i = 0; i < n; ++i) {
      const json& v = history.value()[i];
      if (!v.is_string() || !VersionNumber(v.get<std::string>())) {
        return history.FailAt(i, "must be a version such as \"v3\"");
      }
    }
  }
  return aliases;
}

Status Registry::WriteAliases(const std::string& name, const json& aliases) const {
  return WriteFileAtomic(ModelDir(name) / "aliases.json", aliases.dump(2) + "\n");
}

Result<std::optional<std::string>> Registry::Champion(const std::string& name) const {
  VV_ASSIGN_OR_RETURN(json aliases, Aliases(name));
  if (!aliases.contains("champion") || !aliases["champion"].is_string()) {
    return std::optional<std::string>();
  }
  return std::optional<std::string>(aliases["champion"].get<std::string>());
}

Status Registry::Promote(const std::string& name, const std::string& version) const {
  VV_RETURN_IF_ERROR(ReadManifest(name, version));  // the version must exist and be readable
  VV_ASSIGN_OR_RETURN(json aliases, Aliases(name));
  const std::string previous = aliases.value("champion", "");
  if (previous == version) return {};
  json history = aliases.value("history", json::array());
  if (!previous.empty()) history.push_back(previous);
  aliases["history"] = history;
  aliases["champion"] = version;
  if (aliases.value("challenger", "") == version) aliases.erase("challenger");
  return WriteAliases(name, aliases);
}

Status Registry::SetChallenger(const std::string& name, const std::string& version) const {
  VV_RETURN_IF_ERROR(ReadManifest(name, version));
  VV_ASSIGN_OR_RETURN(json aliases, Aliases(name));
  aliases["challenger"] = version;
  return WriteAliases(name, aliases);
}

Result<std::string> Registry::Rollback(const std::string& name) const {
  VV_ASSIGN_OR_RETURN(json aliases, Aliases(name));
  json history = aliases.value("history", json::array());
  // Skip history entries whose directory has gone (pruned by hand).
  while (!history.empty()) {
    const std::string candidate = history.back().get<std::string>();
    history.erase(history.size() - 1);
    if (ReadManifest(name, candidate).ok()) {
      aliases["champion"] = candidate;
      aliases["history"] = history;
      VV_RETURN_IF_ERROR(WriteAliases(name, aliases));
      return candidate;
    }
  }
  return MakeError(ErrorCode::kFailedPrecondition,
                   "model " + name + " has no previous champion to roll back to");
}

Result<std::string> Registry::ResolveAlias(const std::string& name,
                                           const std::string& alias) const {
  if (VersionNumber(alias)) return alias;
  if (alias != "champion" && alias != "challenger") {
    return MakeError(ErrorCode::kInvalidArgument,
                     "unknown alias '" + alias + "' (champion, challenger or vN)", name);
  }
  VV_ASSIGN_OR_RETURN(json aliases, Aliases(name));
  if (!aliases.contains(alias) || !aliases[alias].is_string()) {
    return MakeError(ErrorCode::kNotFound, "model " + name + " has no " + alias,
                     (ModelDir(name) / "aliases.json").string());
  }
  return aliases[alias].get<std::string>();
}

Status Registry::VerifyFiles(const std::string& name, const std::string& version,
                             const json& manifest, FileHashCache* cache) const {
  const fs::path dir = ModelDir(name) / version;
  const json files = manifest.value("files", json::object());
  if (!files.is_object() || files.empty()) {
    return MakeError(ErrorCode::kDataLoss, "manifest lists no model files",
                     (dir / "manifest.json").string());
  }
  for (const auto& [file, expected] : files.items()) {
    const fs::path path = dir / file;
    auto actual = cache ? cache->Sha256(path) : Sha256File(path);
    if (!actual.ok()) {
      return MakeError(ErrorCode::kDataLoss, "model file missing or unreadable", path.string());
    }
    if (!expected.is_string() || *actual != expected.get<std::string>()) {
      return MakeError(ErrorCode::kDataLoss,
                       "sha256 mismatch: model file is corrupt or truncated (expected " +
                           expected.dump() + ", found \"" + *actual + "\")",
                       path.string());
    }
  }
  return {};
}

Result<LoadedModel> Registry::Load(const std::string& name, const std::string& version) const {
  VV_ASSIGN_OR_RETURN(json manifest, ReadManifest(name, version));
  VV_RETURN_IF_ERROR(VerifyFiles(name, version, manifest));
  auto model = LoadModelFiles(name, ModelDir(name) / version);
  if (!model.ok()) {
    return std::move(model.take_error()).WithContext("loading " + name + "@" + version);
  }
  return LoadedModel{name, version, std::move(manifest),
                     std::shared_ptr<const Model>(std::move(*model))};
}

Result<LoadedModel> Registry::LoadChampion(const std::string& name) const {
  return LoadRef(name + "@champion");
}

Result<LoadedModel> Registry::LoadRef(const std::string& ref) const {
  const size_t at = ref.find('@');
  const std::string name = ref.substr(0, at);
  const std::string alias = at == std::string::npos ? "champion" : ref.substr(at + 1);
  VV_ASSIGN_OR_RETURN(std::string version, ResolveAlias(name, alias));
  return Load(name, version);
}

Status ChampionHolder::Refresh() {
  auto loaded = registry_.LoadChampion(name_);
  if (!loaded.ok()) return loaded.take_error();  // keep serving what we have
  auto fresh = std::make_shared<const LoadedModel>(std::move(*loaded));
  std::lock_guard<std::mutex> lock(mu_);
  current_ = std::move(fresh);
  return {};
}

std::shared_ptr<const LoadedModel> ChampionHolder::Current() const {
  std::lock_guard<std::mutex> lock(mu_);
  return current_;
}

}  // namespace vv::registry
