#include "serve/rebasing_source.h"

#include "serve/errors.h"

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
    // Served as trained rather than not at all; GET /v1/models/viral says why.
    // The public form: the store's error names its host, user and database (serve/errors.h).
    loaded.population = {{"error", PublicError(population.error()).message}};
    return loaded;
  }
  nlohmann::json report;
  std::unique_ptr<Model> rebased = loaded.model->RebasedOn(**population, &report);
  report["source"] = "the serving store";
  loaded.population = std::move(report);
  loaded.model = std::move(rebased);
  return loaded;
}

}  // namespace vv::serve
