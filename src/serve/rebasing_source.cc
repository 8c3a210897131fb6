#include "serve/rebasing_source.h"

namespace vv::serve {

RebasingSource::RebasingSource(std::shared_ptr<ModelSource> inner, PopulationLoader load,
                               std::chrono::seconds max_age)
    : inner_(std::move(inner)), load_(std::move(load)), max_age_(max_age) {}

Result<std::shared_ptr<const Dataset>> RebasingSource::Population() {
  std::lock_guard lock(mu_);
  const auto now = std::chrono::steady_clock::now();
  if (!population_ || now - loaded_at_ > max_age_) {
    VV_ASSIGN_OR_RETURN(Dataset data, load_());
    population_ = std::make_shared<const Dataset>(std::move(data));
    loaded_at_ = now;
  }
  return population_;
}

Result<LoadedModel> RebasingSource::LoadChampion(const std::string& name) {
  VV_ASSIGN_OR_RETURN(LoadedModel loaded, inner_->LoadChampion(name));
  // Only a model with a population answers RebasedOn; ask with an empty one first, so the store
  // is read only for those.
  if (!loaded.model->RebasedOn(Dataset{}, nullptr)) return loaded;
  auto population = Population();
  if (!population.ok()) {
    // Served as trained rather than not at all; the manifest says why.
    loaded.manifest["population"] = {{"error", population.error().ToString()}};
    return loaded;
  }
  nlohmann::json report;
  std::unique_ptr<Model> rebased = loaded.model->RebasedOn(**population, &report);
  report["source"] = "the serving store";
  loaded.manifest["population"] = std::move(report);
  loaded.model = std::move(rebased);
  return loaded;
}

}  // namespace vv::serve
