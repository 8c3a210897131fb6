#include "serve/rebasing_source.h"

#include <atomic>

#include <gtest/gtest.h>

namespace vv::serve {
namespace {

// A model relative to a population: its re-based copy answers the population's size.
class PopulationModel : public Model {
 public:
  explicit PopulationModel(double seen = -1) : seen_(seen) {}
  std::string Name() const override { return "viral"; }
  Result<nlohmann::json> Predict(const VideoInput&) const override {
    return nlohmann::json{{"probability", seen_}};
  }
  Result<std::vector<std::string>> Save(const std::filesystem::path&) const override {
    return std::vector<std::string>{};
  }
  nlohmann::json FeatureSchema() const override { return nlohmann::json::object(); }
  std::unique_ptr<Model> RebasedOn(const Dataset& population, nlohmann::json* report) const override {
    if (report) *report = {{"videos", population.videos.size()}};
    return std::make_unique<PopulationModel>(static_cast<double>(population.videos.size()));
  }

 private:
  double seen_;
};

class PlainModel : public PopulationModel {
 public:
  std::unique_ptr<Model> RebasedOn(const Dataset&, nlohmann::json*) const override { return nullptr; }
};

class TwoModels : public ModelSource {
 public:
  std::string Describe() const override { return "two"; }
  Result<std::string> ChampionVersion(const std::string&) override { return std::string("v1"); }
  Result<LoadedModel> LoadChampion(const std::string& name) override {
    LoadedModel m;
    m.name = name;
    m.version = "v1";
    if (name == "viral") m.model = std::make_shared<PopulationModel>();
    else m.model = std::make_shared<PlainModel>();
    return m;
  }
  Result<nlohmann::json> ListModels() override { return nlohmann::json::array(); }
  Result<nlohmann::json> DescribeModel(const std::string&) override { return nlohmann::json{}; }
  Status Promote(const std::string&, const std::string&) override { return {}; }
};

double Probability(const LoadedModel& m) {
  return (*m.model->Predict(VideoInput{}))["probability"].get<double>();
}

TEST(RebasingSource, ReBasesOnlyModelsWithAPopulationAndReadsTheStoreOnce) {
  std::atomic<int> loads{0};
  RebasingSource source(std::make_shared<TwoModels>(), [&]() -> Result<Dataset> {
    ++loads;
    Dataset d;
    d.videos.resize(7);
    return d;
  });
  auto plain = source.LoadChampion("genre");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(loads, 0);  // no model asked for the population yet
  EXPECT_TRUE(plain->population.is_null());
  auto viral = source.LoadChampion("viral");
  ASSERT_TRUE(viral.ok());
  EXPECT_EQ(Probability(*viral), 7.0);
  EXPECT_EQ(viral->population["videos"], 7);
  EXPECT_EQ(viral->population["source"], "the serving store");
  ASSERT_TRUE(source.LoadChampion("viral").ok());
  EXPECT_EQ(loads, 1);  // cached until max_age
}

TEST(RebasingSource, AStoreThatCannotBeReadLeavesTheModelAsTrainedAndSaysWhy) {
  RebasingSource source(std::make_shared<TwoModels>(), []() -> Result<Dataset> {
    return MakeError(ErrorCode::kUnavailable, "store down");
  });
  auto viral = source.LoadChampion("viral");
  ASSERT_TRUE(viral.ok());
  EXPECT_EQ(Probability(*viral), -1.0);
  EXPECT_FALSE(viral->population["error"].get<std::string>().empty());
}

}  // namespace
}  // namespace vv::serve
