#include "serve/model_source.h"

#include "registry/registry.h"

namespace vv::serve {

namespace {

// Reads <name>@champion from the registry directory (src/registry). Each call reads the alias
// file afresh, so an alias moved by `vv models promote` in another process is picked up by the
// reload watch; a loaded version's files are compared with their manifest's sha256 as now on
// disk, so one rewritten in place is noticed too.
class RegistrySource : public ModelSource {
 public:
  explicit RegistrySource(std::filesystem::path dir) : registry_(std::move(dir)) {}

  std::string Describe() const override { return registry_.root().string(); }

  Result<std::string> ChampionVersion(const std::string& name) override {
    VV_ASSIGN_OR_RETURN(auto champion, registry_.Champion(name));
    if (!champion) {
      return MakeError(ErrorCode::kNotFound, "model '" + name + "' has no champion",
                       (registry_.root() / name).string());
    }
    return *champion;
  }

  Result<LoadedModel> LoadChampion(const std::string& name) override {
    VV_ASSIGN_OR_RETURN(auto loaded, registry_.LoadChampion(name));
    return LoadedModel{std::move(loaded.model), loaded.name, loaded.version,
                       std::move(loaded.manifest)};
  }

  bool ContentChanged(const LoadedModel& loaded, ContentCheck check) override {
    auto manifest = registry_.ReadManifest(loaded.name, loaded.version);
    if (!manifest.ok() || *manifest != loaded.manifest) return true;
    registry::FileHashCache* cache = check == ContentCheck::kHashChanged ? &hashes_ : nullptr;
    return !registry_.VerifyFiles(loaded.name, loaded.version, *manifest, cache).ok();
  }

  Result<nlohmann::json> ListModels() override {
    auto names = registry_.Names();
    if (!names.ok()) {
      // A registry directory that does not exist yet simply holds no models.
      if (!std::filesystem::exists(registry_.root())) return nlohmann::json::array();
      return names.take_error();
    }
    nlohmann::json out = nlohmann::json::array();
    for (const auto& name : *names) {
      VV_ASSIGN_OR_RETURN(auto versions, registry_.Versions(name));
      VV_ASSIGN_OR_RETURN(auto aliases, registry_.Aliases(name));
      nlohmann::json list = nlohmann::json::array();
      for (const auto& v : versions) list.push_back(v.version);
      out.push_back({{"name", name}, {"versions", list}, {"aliases", Plain(aliases)}});
    }
    return out;
  }

  Result<nlohmann::json> DescribeModel(const std::string& name) override {
    VV_ASSIGN_OR_RETURN(auto versions, registry_.Versions(name));
    if (versions.empty()) {
      return MakeError(ErrorCode::kNotFound, "no model '" + name + "' in the registry",
                       (registry_.root() / name).string());
    }
    VV_ASSIGN_OR_RETURN(auto aliases, registry_.Aliases(name));
    nlohmann::json list = nlohmann::json::array();
    const VersionInfo* champion = nullptr;
    for (auto& v : versions) {
      // The registry's error names the manifest's path on this server: clients get the fact.
      if (v.manifest.contains("error")) {
        v.manifest = {{"error", "unreadable manifest (corrupt, truncated or a newer format)"}};
      }
      const nlohmann::json& m = v.manifest;
      list.push_back({{"version", v.version},
                      {"created_at", v.created_at},
                      {"aliases", v.aliases},
                      {"metrics", ManifestReport(m)["metrics"]}});
      for (const auto& a : v.aliases) {
        if (a == "champion") champion = &v;
      }
    }
    const VersionInfo& shown = champion ? *champion : versions.back();
    const nlohmann::json& m = shown.manifest;
    return nlohmann::json{{"name", name},
                          {"versions", list},
                          {"aliases", aliases},
                          {"described_version", shown.version},
                          {"metrics", ManifestReport(m)["metrics"]},
                          {"report", ManifestReport(m)},
                          {"feature_schema", m.value("feature_schema", nlohmann::json::object())},
                          {"config", m.value("training_config", nlohmann::json::object())},
                          {"manifest", m}};
  }

  Status Promote(const std::string& name, const std::string& version) override {
    return registry_.Promote(name, version);
  }

 private:
  using VersionInfo = registry::VersionInfo;
  // The alias names only (champion, challenger), without the rollback history.
  static nlohmann::json Plain(const nlohmann::json& aliases) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [k, v] : aliases.items()) {
      if (v.is_string()) out[k] = v;
    }
    return out;
  }

  registry::Registry registry_;
  registry::FileHashCache hashes_;  // the watch's: a poll reads only files whose stat changed
};

}  // namespace

nlohmann::json ManifestReport(const nlohmann::json& manifest) {
  using nlohmann::json;
  json out = {{"metrics", json::object()}, {"baselines", json::object()}, {"n", nullptr}};
  if (!manifest.is_object()) return out;
  auto report = manifest.find("report");
  if (report != manifest.end() && report->is_object()) {
    for (const char* key : {"metrics", "baselines", "n"}) {
      auto it = report->find(key);
      if (it != report->end() && !it->is_null()) out[key] = *it;
    }
  } else if (auto it = manifest.find("metrics"); it != manifest.end() && it->is_object()) {
    out["metrics"] = *it;
  }
  return out;
}

std::shared_ptr<ModelSource> MakeRegistrySource(const std::filesystem::path& registry_dir) {
  return std::make_shared<RegistrySource>(registry_dir);
}

}  // namespace vv::serve
