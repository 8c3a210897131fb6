#include "serve/model_source.h"

namespace vv::serve {

namespace {

// Used while the registry is not built in: no model has a champion, so the predict routes
// answer 503 and /readyz says which models are missing.
class NoRegistrySource : public ModelSource {
 public:
  explicit NoRegistrySource(std::filesystem::path dir) : dir_(std::move(dir)) {}
  std::string Describe() const override { return "no registry (" + dir_.string() + ")"; }
  Result<std::string> ChampionVersion(const std::string& name) override { return Missing(name); }
  Result<LoadedModel> LoadChampion(const std::string& name) override { return Missing(name); }
  Result<nlohmann::json> ListModels() override { return nlohmann::json::array(); }
  Result<nlohmann::json> DescribeModel(const std::string& name) override { return Missing(name); }
  Status Promote(const std::string& name, const std::string&) override { return Missing(name); }

 private:
  Error Missing(const std::string& name) const {
    return MakeError(ErrorCode::kNotFound, "no registry: model '" + name + "' has no champion",
                     dir_.string());
  }
  std::filesystem::path dir_;
};

}  // namespace

std::shared_ptr<ModelSource> MakeRegistrySource(const std::filesystem::path& registry_dir) {
  return std::make_shared<NoRegistrySource>(registry_dir);
}

}  // namespace vv::serve
