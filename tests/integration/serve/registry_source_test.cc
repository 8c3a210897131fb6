// The production ModelSource over a real registry directory: champion lookup, load, describe,
// promote, and a ModelSet reload that follows an alias move.
#include <gtest/gtest.h>

#include <unistd.h>

#include "registry/registry.h"
#include "serve/api.h"
#include "serve/model_set.h"
#include "serve/model_source.h"
#include "testing/mean_model.h"

namespace vv::serve::testing {
namespace {

class RegistrySourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    vv::testing::RegisterTestModelKinds();
    dir_ = std::filesystem::temp_directory_path() /
           ("vv_serve_registry_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    registry::Registry registry(dir_);
    for (double mean : {1.5, 2.5}) {
      registry::PublishInfo info;
      info.report = {{"n", 10},
                     {"metrics", {{"mae_log", mean / 10}}},
                     {"baselines", {{"median", {{"mae_log", 0.3}}}}}};
      auto version = registry.Publish("test_mean", vv::testing::MeanModel(mean), info);
      ASSERT_TRUE(version.ok()) << version.error().ToString();
    }
    ASSERT_TRUE(registry.Promote("test_mean", "v1").ok());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(RegistrySourceTest, LoadsTheChampionAndFollowsPromotion) {
  auto source = MakeRegistrySource(dir_);
  auto version = source->ChampionVersion("test_mean");
  ASSERT_TRUE(version.ok()) << version.error().ToString();
  EXPECT_EQ(*version, "v1");
  EXPECT_EQ(source->ChampionVersion("viral").error().code, ErrorCode::kNotFound);

  ModelSet models({"test_mean", "viral"}, source);
  ASSERT_TRUE(models.Reload().ok());
  auto snapshot = models.Current();
  const LoadedModel* loaded = snapshot->Find("test_mean");
  ASSERT_NE(loaded, nullptr);
  EXPECT_EQ(loaded->version, "v1");
  EXPECT_EQ((*loaded->model->Predict(VideoInput{}))["mean"], 1.5);
  EXPECT_EQ(snapshot->Find("viral"), nullptr);  // no champion: absent, not an error

  ASSERT_TRUE(source->Promote("test_mean", "v2").ok());
  auto report = models.Reload();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->changed);
  EXPECT_EQ(models.Current()->Find("test_mean")->version, "v2");
  EXPECT_EQ((*models.Current()->Find("test_mean")->model->Predict(VideoInput{}))["mean"], 2.5);
  // The snapshot taken before the reload still holds v1.
  EXPECT_EQ(loaded->version, "v1");
}

TEST_F(RegistrySourceTest, ListsAndDescribes) {
  auto source = MakeRegistrySource(dir_);
  auto list = source->ListModels();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0]["name"], "test_mean");
  EXPECT_EQ((*list)[0]["versions"].size(), 2u);
  EXPECT_EQ((*list)[0]["aliases"]["champion"], "v1");
  auto described = source->DescribeModel("test_mean");
  ASSERT_TRUE(described.ok()) << described.error().ToString();
  EXPECT_EQ((*described)["described_version"], "v1");
  EXPECT_EQ((*described)["versions"].size(), 2u);
  EXPECT_TRUE((*described)["feature_schema"].is_object());
  EXPECT_FALSE(source->DescribeModel("nothing").ok());
  EXPECT_FALSE(source->Promote("test_mean", "v9").ok());
}

TEST_F(RegistrySourceTest, CorruptArtifactKeepsTheOldModel) {
  auto source = MakeRegistrySource(dir_);
  ModelSet models({"test_mean"}, source);
  ASSERT_TRUE(models.Reload().ok());
  // Damage v2's file, then point the champion at it: the checksum check refuses it.
  std::ofstream(dir_ / "test_mean" / "v2" / "mean.txt") << "999\n";
  ASSERT_TRUE(source->Promote("test_mean", "v2").ok());
  auto report = models.Reload();
  ASSERT_TRUE(report.ok());  // a failed model is reported, not a failed reload of all models
  EXPECT_EQ(report->failed, std::vector<std::string>{"test_mean"});
  ASSERT_TRUE(report->first_error.has_value());
  EXPECT_EQ(report->models["test_mean"]["version"], "v1");
  EXPECT_EQ(models.Current()->Find("test_mean")->version, "v1");
}

TEST(RegistrySourceEmpty, MissingDirectoryHoldsNoModels) {
  auto source = MakeRegistrySource("/nonexistent/vv-registry");
  auto list = source->ListModels();
  ASSERT_TRUE(list.ok()) << list.error().ToString();
  EXPECT_TRUE(list->empty());
  EXPECT_EQ(source->ChampionVersion("viral").error().code, ErrorCode::kNotFound);
}

// The registry keeps held-out results under the manifest's "report"; the API must show them.
TEST_F(RegistrySourceTest, ReportMetricsReachTheModelRoutes) {
  auto source = MakeRegistrySource(dir_);
  auto models = std::make_shared<ModelSet>(std::vector<std::string>{"test_mean"}, source);
  ASSERT_TRUE(models->Reload().ok());
  const LoadedModel* loaded = models->Current()->Find("test_mean");
  ASSERT_NE(loaded, nullptr);
  // /v1/metrics/models builds each entry from the loaded manifest with ManifestReport.
  auto report = ManifestReport(loaded->manifest);
  EXPECT_DOUBLE_EQ(report["metrics"]["mae_log"].get<double>(), 0.15);
  EXPECT_EQ(report["n"], 10);
  EXPECT_DOUBLE_EQ(report["baselines"]["median"]["mae_log"].get<double>(), 0.3);
  // /v1/models/{name} through the Api.
  ServeConfig config;
  Api api(config, models, nullptr);
  Request request;
  request.method = "GET";
  request.target = request.path = "/v1/models/test_mean";
  Response response;
  api.Handle(request, response);
  ASSERT_EQ(response.status, 200) << response.body;
  auto body = nlohmann::json::parse(response.body);
  EXPECT_DOUBLE_EQ(body["metrics"]["mae_log"].get<double>(), 0.15);
  EXPECT_EQ(body["report"]["n"], 10);
  EXPECT_TRUE(body["versions"][1]["metrics"].contains("mae_log"));
}

}  // namespace
}  // namespace vv::serve::testing
