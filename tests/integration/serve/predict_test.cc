// POST /v1/predict/{model}, /v1/predict, /v1/predict/batch through the real HTTP stack.
#include <gtest/gtest.h>

#include "serve_fixture.h"

namespace vv::serve::testing {
namespace {

using nlohmann::json;

class PredictTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new TestServer(); }
  static void TearDownTestSuite() { delete server_; }
  static TestServer* server_;
};
TestServer* PredictTest::server_ = nullptr;

TEST_F(PredictTest, EachModelAnswersWithItsVersion) {
  for (const auto& name : ModelNames()) {
    auto r = server_->Post("/v1/predict/" + name, SampleVideo().dump());
    ASSERT_EQ(r.status, 200) << name << " " << r.body;
    json body = r.Json();
    EXPECT_EQ(body["model"], name);
    EXPECT_EQ(body["version"], "v1");
    EXPECT_EQ(body["prediction"]["stamp"], name + "@v1");
    EXPECT_EQ(body["prediction"]["snapshots"], 2);
    EXPECT_EQ(body["prediction"]["last_views"], 4200);
    EXPECT_EQ(body["prediction"]["tags"], 2);
    EXPECT_EQ(r.Header("content-type"), "application/json");
    EXPECT_FALSE(r.Header("x-request-id").empty());
  }
}

TEST_F(PredictTest, UnknownModelIs404) {
  auto r = server_->Post("/v1/predict/horoscope", SampleVideo().dump());
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.Json()["error"]["code"], "not_found");
}

TEST_F(PredictTest, AllSixInOneAnswer) {
  auto r = server_->Post("/v1/predict", SampleVideo().dump());
  ASSERT_EQ(r.status, 200) << r.body;
  json predictions = r.Json()["predictions"];
  ASSERT_EQ(predictions.size(), 6u);
  for (const auto& name : ModelNames()) {
    EXPECT_EQ(predictions[name]["version"], "v1") << name;
    EXPECT_EQ(predictions[name]["prediction"]["stamp"], name + "@v1");
  }
}

TEST_F(PredictTest, AllSixReportsMissingFieldsPerModel) {
  json video = SampleVideo();
  video.erase("title");
  auto r = server_->Post("/v1/predict", video.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  json predictions = r.Json()["predictions"];
  EXPECT_EQ(predictions["clickbait"]["error"]["path"], "$.title");
  EXPECT_EQ(predictions["genre"]["error"]["code"], "invalid_argument");
  EXPECT_EQ(predictions["velocity"]["version"], "v1");
}

TEST_F(PredictTest, ModelErrorsKeepTheErrorShape) {
  json video = SampleVideo();
  video["title"] = "fail";
  auto r = server_->Post("/v1/predict/clickbait", video.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.Json()["error"]["path"], "$.title");
}

TEST_F(PredictTest, BatchPredictsEveryVideo) {
  json videos = json::array();
  for (int i = 0; i < 5; ++i) {
    json v = SampleVideo();
    v["title"] = std::string(static_cast<size_t>(i + 1), 'x');
    videos.push_back(v);
  }
  auto r = server_->Post("/v1/predict/batch?models=viral,clickbait", json{{"videos", videos}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  json body = r.Json();
  ASSERT_EQ(body["count"], 5);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(body["results"][i]["clickbait"]["prediction"]["title_chars"], i + 1);
    EXPECT_EQ(body["results"][i].size(), 2u);
  }
}

TEST_F(PredictTest, BatchErrorsNameTheVideo) {
  json videos = {SampleVideo(), SampleVideo()};
  videos[1]["snapshots"][1]["views"] = -3;
  auto r = server_->Post("/v1/predict/batch", json{{"videos", videos}}.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.Json()["error"]["path"], "$.videos[1].snapshots[1].views");
  auto unknown = server_->Post("/v1/predict/batch?models=nope", json{{"videos", videos}}.dump());
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.Json()["error"]["path"], "?models");
}

TEST(PredictLimits, BatchOverTheLimitIs413) {
  ServeConfig config = TestServer::Defaults();
  config.max_batch = 3;
  TestServer server(config);
  json videos = {SampleVideo(), SampleVideo(), SampleVideo(), SampleVideo()};
  auto r = server.Post("/v1/predict/batch", json{{"videos", videos}}.dump());
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.Json()["error"]["path"], "$.videos");
  videos.erase(videos.begin());
  EXPECT_EQ(server.Post("/v1/predict/batch", json{{"videos", videos}}.dump()).status, 200);
}

TEST(PredictLimits, ModelWithoutChampionIs503) {
  TestServer server(TestServer::Defaults(), /*all_models=*/false);
  EXPECT_EQ(server.Post("/v1/predict/viral", SampleVideo().dump()).status, 200);
  auto r = server.Post("/v1/predict/velocity", SampleVideo().dump());
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.Json()["error"]["code"], "unavailable");
  auto all = server.Post("/v1/predict", SampleVideo().dump());
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(all.Json()["predictions"]["velocity"]["error"]["code"], "unavailable");
  EXPECT_EQ(all.Json()["predictions"]["viral"]["version"], "v1");
  // Models never promoted do not block readiness (readiness_test.cc); this server has no store.
  auto ready = server.Get("/readyz").Json();
  EXPECT_EQ(ready["states"]["velocity"]["state"], "no_champion");
  EXPECT_EQ(ready["required"], json({"viral"}));
}

TEST_F(PredictTest, CacheServesRepeatsAndCountsThem) {
  auto metric = [&](const std::string& name) {
    std::string text = server_->Get("/metrics").body;
    size_t at = text.find("\n" + name + " ");
    return at == std::string::npos ? -1L : std::stol(text.substr(at + name.size() + 2));
  };
  json video = SampleVideo();
  video["title"] = "cache me";
  long hits = metric("vv_cache_hits_total");
  long misses = metric("vv_cache_misses_total");
  auto first = server_->Post("/v1/predict/genre", video.dump());
  // Same body with keys in another order and other spacing: the canonical key is equal.
  auto second = server_->Post("/v1/predict/genre", video.dump(2));
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.body, second.body);
  EXPECT_EQ(metric("vv_cache_misses_total"), misses + 1);
  EXPECT_EQ(metric("vv_cache_hits_total"), hits + 1);
}

}  // namespace
}  // namespace vv::serve::testing
