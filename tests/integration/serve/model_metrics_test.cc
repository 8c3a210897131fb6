// GET /metrics per model version: prediction counts by outcome, the latency histogram, cache
// hits and misses, reload events; scraped over HTTP as Prometheus would.
#include <gtest/gtest.h>

#include "serve_fixture.h"

namespace vv::serve::testing {
namespace {

using nlohmann::json;

// The value of the series `name{labels}` in a Prometheus text, or -1 when absent.
double Series(const std::string& text, const std::string& series) {
  const size_t at = text.find("\n" + series + " ");
  if (at == std::string::npos) return -1;
  return std::stod(text.substr(at + series.size() + 2));
}

TEST(ModelMetrics, CountsLatencyAndCachePerModelVersion) {
  TestServer server;
  const std::string body = SampleVideo().dump();
  ASSERT_EQ(server.Post("/v1/predict/viral", body).status, 200);
  ASSERT_EQ(server.Post("/v1/predict/viral", body).status, 200);  // from the cache
  json failing = SampleVideo();
  failing["title"] = "fail";
  ASSERT_EQ(server.Post("/v1/predict/clickbait", failing.dump()).status, 400);
  ASSERT_EQ(server.Post("/v1/predict", body).status, 200);  // all six, a cache miss

  std::string text = server.Get("/metrics").body;
  const std::string viral = "model=\"viral\",version=\"v1\"";
  EXPECT_EQ(Series(text, "vv_predictions_total{" + viral + ",outcome=\"ok\"}"), 2) << text;
  EXPECT_EQ(Series(text, "vv_predictions_total{" + viral + ",outcome=\"error\"}"), 0);
  EXPECT_EQ(Series(text, "vv_predictions_total{model=\"clickbait\",version=\"v1\",outcome=\"error\"}"), 1);
  EXPECT_EQ(Series(text, "vv_prediction_duration_seconds_count{" + viral + "}"), 2);
  EXPECT_EQ(Series(text, "vv_prediction_duration_seconds_bucket{" + viral + ",le=\"+Inf\"}"), 2);
  EXPECT_GE(Series(text, "vv_prediction_duration_seconds_sum{" + viral + "}"), 0);
  // viral: a miss then a hit on its own route, then a miss of the all-six answer.
  EXPECT_EQ(Series(text, "vv_model_cache_requests_total{" + viral + ",result=\"hit\"}"), 1);
  EXPECT_EQ(Series(text, "vv_model_cache_requests_total{" + viral + ",result=\"miss\"}"), 2);
  EXPECT_NE(text.find("# TYPE vv_prediction_duration_seconds histogram"), std::string::npos);
  EXPECT_EQ(Series(text, "vv_model_reloads_total"), 1);  // the load at start
  EXPECT_EQ(Series(text, "vv_model_load_failures_total"), 0);

  // A promotion: a reload event and a v2 series beside v1's, which keeps its counts.
  server.source->SetChampion("viral", "v2");
  server.source->FailModel("genre");
  server.source->SetChampion("genre", "v2");
  ASSERT_TRUE(server.models->Reload().ok());
  ASSERT_EQ(server.Post("/v1/predict/viral", body).status, 200);
  text = server.Get("/metrics").body;
  EXPECT_EQ(Series(text, "vv_predictions_total{model=\"viral\",version=\"v2\",outcome=\"ok\"}"), 1);
  EXPECT_EQ(Series(text, "vv_predictions_total{" + viral + ",outcome=\"ok\"}"), 2);
  EXPECT_EQ(Series(text, "vv_model_reloads_total"), 2);
  EXPECT_EQ(Series(text, "vv_model_load_failures_total"), 1);
}

}  // namespace
}  // namespace vv::serve::testing
