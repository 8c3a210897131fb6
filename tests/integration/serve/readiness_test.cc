// GET /readyz over a real registry: which models must be loaded is configuration (default: every
// model with a champion alias), each model's state is reported, failures in their public form.
#include <gtest/gtest.h>

#include <unistd.h>

#include "serve/config_file.h"
#include "serve_fixture.h"
#include "store/store.h"

namespace vv::serve::testing {
namespace {

using nlohmann::json;

// Every model but anomaly has a champion; anomaly never passed its gate (no labels on real
// data). The fake source answers "no champion" exactly as the registry source does (NotFound
// from ChampionVersion); a real store answers the store probe.
class ReadinessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("vv_readiness_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<TestServer> Serve(ServeConfig config = TestServer::Defaults()) {
    auto store = OpenStore("sqlite:" + (dir_ / "vv.db").string());
    EXPECT_TRUE(store.ok()) << store.error().ToString();
    auto server = std::make_unique<TestServer>(config, true, std::move(store).value());
    server->source->ClearChampion("anomaly");
    EXPECT_TRUE(server->models->Reload().ok());
    return server;
  }

  std::filesystem::path dir_;
};

TEST_F(ReadinessTest, AModelNeverPromotedDoesNotBlock) {
  auto server = Serve();
  auto r = server->Get("/readyz");
  ASSERT_EQ(r.status, 200) << r.body;
  json body = r.Json();
  EXPECT_EQ(body["ready"], true);
  EXPECT_EQ(body["required_by"], "champions");
  EXPECT_EQ(body["required"].size(), 5u);
  EXPECT_EQ(body["states"]["anomaly"]["state"], "no_champion");
  EXPECT_EQ(body["states"]["anomaly"]["required"], false);
  EXPECT_EQ(body["states"]["viral"]["state"], "loaded");
  EXPECT_EQ(body["states"]["viral"]["version"], "v1");
  EXPECT_EQ(body["states"]["viral"]["required"], true);
  EXPECT_TRUE(body["models"]["anomaly"].is_null());
  EXPECT_EQ(body["models"]["viral"], "v1");
  EXPECT_EQ(body["store"], "ok");
  EXPECT_EQ(server->Get("/healthz").status, 200);
}

TEST_F(ReadinessTest, AConfiguredListCanRequireIt) {
  ServeConfig config = TestServer::Defaults();
  ASSERT_TRUE(ApplyServeConfigText("readiness:\n  models: velocity, anomaly\n", "serve.yaml",
                                   &config)
                  .ok());
  auto server = Serve(config);
  auto r = server->Get("/readyz");
  EXPECT_EQ(r.status, 503) << r.body;
  json body = r.Json();
  EXPECT_EQ(body["required_by"], "config");
  EXPECT_EQ(body["required"], json({"velocity", "anomaly"}));
  EXPECT_EQ(body["states"]["anomaly"]["required"], true);
  EXPECT_EQ(body["states"]["viral"]["required"], false);
  // Liveness does not depend on models.
  EXPECT_EQ(server->Get("/healthz").status, 200);

  // Once anomaly is promoted and reloaded, the same server is ready.
  server->source->SetChampion("anomaly", "v1");
  ASSERT_TRUE(server->models->Reload().ok());
  EXPECT_EQ(server->Get("/readyz").status, 200);
}

TEST_F(ReadinessTest, AChampionThatFailsToLoadBlocksWithoutServerPaths) {
  auto server = Serve();
  server->source->SetChampion("anomaly", "v2");
  server->source->FailModel("anomaly");
  ASSERT_TRUE(server->models->Reload().ok());
  auto r = server->Get("/readyz");
  EXPECT_EQ(r.status, 503) << r.body;
  json anomaly = r.Json()["states"]["anomaly"];
  EXPECT_EQ(anomaly["state"], "failed");
  EXPECT_EQ(anomaly["required"], true);
  EXPECT_EQ(anomaly["error"]["code"], "data_loss");
  // The loader's own words ("corrupt artifact (test)", standing for a file path) stay in the log.
  EXPECT_EQ(r.body.find("corrupt artifact"), std::string::npos) << r.body;

  // A model that keeps an older version while its new champion fails still serves: loaded, with
  // the error shown.
  server->source->FailModel("genre");
  server->source->SetChampion("genre", "v2");
  ASSERT_TRUE(server->models->Reload().ok());
  json genre = server->Get("/readyz").Json()["states"]["genre"];
  EXPECT_EQ(genre["state"], "loaded");
  EXPECT_EQ(genre["version"], "v1");
  EXPECT_EQ(genre["error"]["code"], "data_loss");
}

TEST_F(ReadinessTest, NoChampionAtAllIsNotReady) {
  auto server = Serve();
  for (const auto& name : ModelNames()) server->source->ClearChampion(name);
  ASSERT_TRUE(server->models->Reload().ok());
  auto r = server->Get("/readyz");
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_EQ(r.Json()["required"].size(), 0u);
}

TEST(ServeConfigFile, UnknownModelsAndKeysAreRefusedWithTheirPlace) {
  ServeConfig config;
  auto bad_model = ApplyServeConfigText("readiness:\n  models: velocity,horoscope\n", "s.yaml",
                                        &config);
  ASSERT_FALSE(bad_model.ok());
  EXPECT_NE(bad_model.error().message.find("horoscope"), std::string::npos);
  auto bad_key = ApplyServeConfigText("drift:\n  psi_wran: 0.2\n", "s.yaml", &config);
  ASSERT_FALSE(bad_key.ok());
  EXPECT_EQ(bad_key.error().path, "s.yaml:2");
  auto bad_order = ApplyServeConfigText("drift:\n  psi_warn: 0.5\n  psi_drift: 0.2\n", "s.yaml",
                                        &config);
  ASSERT_FALSE(bad_order.ok());
  EXPECT_NE(bad_order.error().message.find("psi_warn"), std::string::npos);
  ASSERT_TRUE(ApplyServeConfigText("drift:\n  psi_drift: 0.5\n  record_interval_s: 0\n",
                                   "s.yaml", &config)
                  .ok());
  EXPECT_EQ(config.drift_thresholds.psi_drift, 0.5);
  EXPECT_EQ(config.drift_thresholds.psi_warn, 0.10);
  EXPECT_EQ(config.drift_record_interval.count(), 0);
  EXPECT_FALSE(config.ready_models.has_value());
}

TEST(ServeConfigFile, TheShippedFileIsValid) {
  ServeConfig config;
  auto applied = ApplyServeConfigFile(std::string(VV_SOURCE_DIR) + "/config/serve.yaml", &config);
  EXPECT_TRUE(applied.ok()) << applied.error().ToString();
}

}  // namespace
}  // namespace vv::serve::testing
