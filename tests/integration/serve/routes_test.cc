// Routing, probes, request ids, CORS, models/admin routes, metrics and the OpenAPI document.
#include <gtest/gtest.h>

#include <set>

#include "serve_fixture.h"

namespace vv::serve::testing {
namespace {

using nlohmann::json;

class RoutesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ServeConfig config = TestServer::Defaults();
    config.cors_origins = "https://app.example, https://other.example";
    server_ = new TestServer(config);
  }
  static void TearDownTestSuite() { delete server_; }
  static TestServer* server_;
};
TestServer* RoutesTest::server_ = nullptr;

TEST_F(RoutesTest, Probes) {
  auto health = server_->Get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.Json()["status"], "ok");
  // No store in this server: not ready, and /readyz says why.
  auto ready = server_->Get("/readyz");
  EXPECT_EQ(ready.status, 503);
  EXPECT_EQ(ready.Json()["models"]["viral"], "v1");
  EXPECT_NE(ready.Json()["store"], "ok");
}

TEST_F(RoutesTest, UnknownRouteIs404InTheErrorShape) {
  auto r = server_->Get("/v1/nothing");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.Json()["error"]["code"], "not_found");
  EXPECT_EQ(r.Json()["error"]["path"], "/v1/nothing");
}

TEST_F(RoutesTest, WrongMethodIs405WithAllow) {
  auto r = server_->Get("/v1/predict/viral");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.Header("allow"), "POST");
  EXPECT_EQ(r.Json()["error"]["code"], "method_not_allowed");
  auto del = Fetch(server_->port, "DELETE", "/v1/models");
  EXPECT_EQ(del.status, 405);
  EXPECT_EQ(del.Header("allow"), "GET");
}

TEST_F(RoutesTest, RequestIdsAreEchoedOrMade) {
  auto given = server_->Get("/healthz", {{"X-Request-Id", "abc-123"}});
  EXPECT_EQ(given.Header("x-request-id"), "abc-123");
  auto bad = server_->Get("/healthz", {{"X-Request-Id", "has spaces\"and quotes"}});
  std::string made = bad.Header("x-request-id");
  EXPECT_FALSE(made.empty());
  EXPECT_EQ(made.find(' '), std::string::npos);
  EXPECT_NE(server_->Get("/healthz").Header("x-request-id"), made);
}

TEST_F(RoutesTest, CorsForListedOriginsOnly) {
  auto allowed = server_->Get("/healthz", {{"Origin", "https://other.example"}});
  EXPECT_EQ(allowed.Header("access-control-allow-origin"), "https://other.example");
  auto denied = server_->Get("/healthz", {{"Origin", "https://evil.example"}});
  EXPECT_EQ(denied.Header("access-control-allow-origin"), "");
  auto preflight = Fetch(server_->port, "OPTIONS", "/v1/predict/viral", "",
                         {{"Origin", "https://app.example"},
                          {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(preflight.status, 204);
  EXPECT_EQ(preflight.Header("access-control-allow-methods"), "POST");
  EXPECT_EQ(preflight.Header("access-control-allow-origin"), "https://app.example");
}

TEST_F(RoutesTest, ModelRoutes) {
  auto list = server_->Get("/v1/models");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.Json()["models"].size(), 6u);
  EXPECT_EQ(list.Json()["models"][0]["loaded_version"], "v1");
  auto one = server_->Get("/v1/models/viral");
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.Json()["loaded_version"], "v1");
  EXPECT_TRUE(one.Json().contains("metrics"));
  auto metrics = server_->Get("/v1/metrics/models");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_EQ(metrics.Json()["models"]["genre"]["metrics"]["auc"], 0.9);
  EXPECT_EQ(metrics.Json()["models"]["genre"]["version"], "v1");
}

// Issue 12 item 2: each metric's direction and target come from the model's descriptor, on
// both routes that show metrics, so the web app never guesses them from a name.
TEST_F(RoutesTest, MetricDirectionsAndTargetsComeFromTheDescriptor) {
  auto metrics = server_->Get("/v1/metrics/models");
  ASSERT_EQ(metrics.status, 200);
  const json velocity = metrics.Json()["models"]["velocity"]["metric_specs"];
  ASSERT_TRUE(velocity.is_array()) << metrics.body;
  EXPECT_EQ(velocity[0], json({{"name", "mrse"}, {"direction", "lower"}, {"judged", true}}));
  EXPECT_EQ(velocity[2]["name"], "coverage_80");
  EXPECT_EQ(velocity[2]["direction"], "nominal");
  EXPECT_EQ(velocity[2]["target"], 0.8);
  EXPECT_EQ(velocity[2]["acceptable"], json({0.75, 0.85}));
  auto anomaly = server_->Get("/v1/models/anomaly");
  ASSERT_EQ(anomaly.status, 200);
  bool k_found = false;
  const json specs = anomaly.Json()["metric_specs"];
  for (const auto& spec : specs) {
    if (spec["name"] != "k") continue;
    k_found = true;
    EXPECT_EQ(spec["direction"], "none") << "k is a parameter, not scored";
    EXPECT_EQ(spec["judged"], false);
  }
  EXPECT_TRUE(k_found) << anomaly.body;
}

TEST_F(RoutesTest, AdminNeedsTheBearerToken) {
  EXPECT_EQ(server_->Post("/v1/admin/reload", "").status, 401);
  auto wrong = server_->Post("/v1/admin/reload", "", {{"Authorization", "Bearer nope"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.Json()["error"]["code"], "unauthorized");
  auto ok = server_->Post("/v1/admin/reload", "", {{"Authorization", "Bearer sekret"}});
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.Json()["changed"], false);
}

// Issue 14 item 8: the scheme is case-insensitive (RFC 7235 2.1); the token is not.
TEST_F(RoutesTest, TheBearerSchemeIsCaseInsensitive) {
  for (const char* header : {"bearer sekret", "BEARER sekret", "Bearer   sekret"}) {
    EXPECT_EQ(server_->Post("/v1/admin/reload", "", {{"Authorization", header}}).status, 200)
        << header;
  }
  for (const char* header : {"Bearer SEKRET", "Basic sekret", "Bearersekret", "sekret"}) {
    EXPECT_EQ(server_->Post("/v1/admin/reload", "", {{"Authorization", header}}).status, 401)
        << header;
  }
}

TEST(AdminOff, WithoutTokenAdminRoutesAre403) {
  ServeConfig config = TestServer::Defaults();
  config.admin_token.clear();
  TestServer server(config);
  auto r = server.Post("/v1/admin/reload", "", {{"Authorization", "Bearer "}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.Json()["error"]["code"], "forbidden");
  EXPECT_EQ(server.Post("/v1/models/viral/promote", R"({"version":"v2"})").status, 403);
}

TEST_F(RoutesTest, PromoteMovesTheChampionAndLoadsIt) {
  const Headers admin = {{"Authorization", "Bearer sekret"}};
  auto bad = server_->Post("/v1/models/tags/promote", R"({"versoin":"v2"})", admin);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json()["error"]["path"], "$.versoin");
  auto missing = server_->Post("/v1/models/tags/promote", R"({"version":"x9"})", admin);
  EXPECT_EQ(missing.status, 404);
  auto ok = server_->Post("/v1/models/tags/promote", R"({"version":"v2"})", admin);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.Json()["loaded_version"], "v2");
  auto answer = server_->Post("/v1/predict/tags", SampleVideo().dump());
  EXPECT_EQ(answer.Json()["version"], "v2");
  EXPECT_EQ(answer.Json()["prediction"]["stamp"], "tags@v2");
}

TEST_F(RoutesTest, PrometheusText) {
  server_->Post("/v1/predict/viral", SampleVideo().dump());
  server_->Get("/v1/nowhere");
  auto r = server_->Get("/metrics");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-type").rfind("text/plain", 0), 0u);
  const std::string& text = r.body;
  EXPECT_NE(text.find("vv_http_requests_total{route=\"POST /v1/predict/{model}\",code=\"200\"}"),
            std::string::npos);
  EXPECT_NE(text.find("vv_http_requests_total{route=\"unmatched\",code=\"404\"}"),
            std::string::npos);
  EXPECT_NE(text.find("vv_http_request_duration_seconds_bucket{route=\"POST /v1/predict/{model}\",le=\"+Inf\"}"),
            std::string::npos);
  EXPECT_NE(text.find("vv_http_errors_total{code=\"not_found\"}"), std::string::npos);
  EXPECT_NE(text.find("vv_model_loaded{model=\"viral\",version=\"v1\"} 1"), std::string::npos);
  EXPECT_NE(text.find("vv_cache_hits_total"), std::string::npos);
}

TEST_F(RoutesTest, OpenApiListsEveryRouteOfTheTable) {
  auto r = server_->Get("/openapi.json");
  ASSERT_EQ(r.status, 200);
  json spec = r.Json();
  EXPECT_EQ(spec["openapi"], "3.1.0");
  std::set<std::string> refs;
  for (const auto& route : server_->api->router().routes()) {
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(c));
    ASSERT_TRUE(spec["paths"].contains(route.pattern)) << route.pattern;
    ASSERT_TRUE(spec["paths"][route.pattern].contains(method)) << route.method << " " << route.pattern;
    const json& op = spec["paths"][route.pattern][method];
    EXPECT_FALSE(op["operationId"].get<std::string>().empty());
    if (!route.doc.request_schema.empty()) refs.insert(route.doc.request_schema);
    if (!route.doc.response_schema.empty()) refs.insert(route.doc.response_schema);
  }
  size_t operations = 0;
  for (const auto& [path, methods] : spec["paths"].items()) operations += methods.size();
  EXPECT_EQ(operations, server_->api->router().routes().size());
  // Every schema a route names, and every $ref inside the schemas, resolves.
  std::string text = spec.dump();
  for (size_t at = text.find("#/components/schemas/"); at != std::string::npos;
       at = text.find("#/components/schemas/", at + 1)) {
    size_t start = at + 21;
    refs.insert(text.substr(start, text.find('"', start) - start));
  }
  for (const auto& name : refs) EXPECT_TRUE(spec["components"]["schemas"].contains(name)) << name;
}

TEST_F(RoutesTest, DocsPageIsRenderedFromTheSpec) {
  auto r = server_->Get("/docs");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-type").rfind("text/html", 0), 0u);
  for (const auto& route : server_->api->router().routes()) {
    std::string escaped = route.pattern;
    EXPECT_NE(r.body.find("<code>" + escaped + "</code>"), std::string::npos) << route.pattern;
  }
  EXPECT_EQ(r.body.find("http://"), std::string::npos);   // nothing fetched from elsewhere
  EXPECT_EQ(r.body.find("https://"), std::string::npos);
}

}  // namespace
}  // namespace vv::serve::testing
