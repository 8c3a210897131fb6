#pragma once
// A ModelSource whose models are re-based on a population as they load (Model::RebasedOn):
// `vv serve` hands it its store, so viral's probability is relative to the videos this
// deployment tracks, as `vv evaluate --db` judges it on the store it scores
// (models/viral_population.h). Models without a population pass through unchanged.
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include "serve/model_set.h"

namespace vv::serve {

class RebasingSource : public ModelSource {
 public:
  using PopulationLoader = std::function<Result<Dataset>()>;
  // The population is loaded at the first model load that needs it and again when older than
  // max_age (the store grows; a reload of the model set re-bases on what it holds then).
  RebasingSource(std::shared_ptr<ModelSource> inner, PopulationLoader load,
                 std::chrono::seconds max_age = std::chrono::hours(1));

  std::string Describe() const override { return inner_->Describe(); }
  Result<std::string> ChampionVersion(const std::string& name) override {
    return inner_->ChampionVersion(name);
  }
  Result<LoadedModel> LoadChampion(const std::string& name) override;
  bool ContentChanged(const LoadedModel& loaded, ContentCheck check) override {
    return inner_->ContentChanged(loaded, check);
  }
  Result<nlohmann::json> ListModels() override { return inner_->ListModels(); }
  Result<nlohmann::json> DescribeModel(const std::string& name) override {
    return inner_->DescribeModel(name);
  }
  Status Promote(const std::string& name, const std::string& version) override {
    return inner_->Promote(name, version);
  }

 private:
  Result<std::shared_ptr<const Dataset>> Population();

  std::shared_ptr<ModelSource> inner_;
  PopulationLoader load_;
  std::chrono::seconds max_age_;
  std::mutex mu_;  // guards the cached population
  std::shared_ptr<const Dataset> population_;
  std::chrono::steady_clock::time_point loaded_at_;
};

}  // namespace vv::serve
