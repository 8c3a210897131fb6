// GET /v1/drift: the predict handlers feed the live window; the reference is the store's
// videos at start; no store -> 503 unavailable.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "core/time_util.h"
#include "monitor/base_drift.h"
#include "serve_fixture.h"
#include "store/store.h"

namespace vv::serve::testing {
namespace {

using nlohmann::json;

constexpr int kReferenceVideos = 60;

std::unique_ptr<Store> MakeStore(const std::filesystem::path& dir) {
  auto store = OpenStore("sqlite:" + (dir / "vv.db").string());
  EXPECT_TRUE(store.ok()) << store.error().ToString();
  Channel channel{.id = "ch1", .title = "Coder", .country = "US", .subscribers = 5000};
  std::vector<Video> videos;
  for (int i = 0; i < kReferenceVideos; ++i) {
    Video v;
    v.id = "v" + std::to_string(i);
    v.channel_id = "ch1";
    v.title = "Video number " + std::to_string(i);
    v.category_id = 28;
    v.duration_s = 60 + 10 * i;
    v.published_at = FromUnixSeconds(1'700'000'000 + i * 3600);
    videos.push_back(v);
  }
  EXPECT_TRUE((*store)->UpsertChannels(std::span(&channel, 1)).ok());
  EXPECT_TRUE((*store)->UpsertVideos(videos).ok());
  return std::move(store).value();
}

size_t MaxOf(const json& columns, const char* key) {
  size_t best = 0;
  for (const auto& c : columns) best = std::max(best, c[key].get<size_t>());
  return best;
}

TEST(DriftRoute, LiveWindowAgainstTheStoreReference) {
  auto dir = std::filesystem::temp_directory_path() / ("vv_serve_drift_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    TestServer server(TestServer::Defaults(), true, MakeStore(dir));
    auto empty = server.Get("/v1/drift");
    ASSERT_EQ(empty.status, 200) << empty.body;
    EXPECT_EQ(empty.Json()["window"]["current"]["rows"], 0);
    EXPECT_TRUE(empty.Json().contains("note"));
    EXPECT_EQ(empty.Json()["reference"]["videos"], kReferenceVideos);
    EXPECT_EQ(empty.Json()["features"].size(), monitor::BaseDriftFeatureNames().size());

    for (int i = 0; i < 25; ++i) {
      json video = SampleVideo();
      video["title"] = "live video " + std::to_string(i);
      ASSERT_EQ(server.Post("/v1/predict", video.dump()).status, 200);
    }
    auto r = server.Get("/v1/drift");
    ASSERT_EQ(r.status, 200) << r.body;
    json report = r.Json();
    EXPECT_EQ(report["format_version"], 1);
    EXPECT_EQ(report["window"]["current"]["rows"], 25);
    EXPECT_FALSE(report.contains("note"));
    EXPECT_EQ(MaxOf(report["features"], "n_current"), 25u);
    EXPECT_EQ(MaxOf(report["features"], "n_reference"), static_cast<size_t>(kReferenceVideos));
    EXPECT_TRUE(report["status"].is_string());
  }
  std::filesystem::remove_all(dir);
}

TEST(DriftRoute, NoStoreIsUnavailable) {
  TestServer server;
  auto r = server.Get("/v1/drift");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.Json()["error"]["code"], "unavailable");
  EXPECT_NE(r.Json()["error"]["message"].get<std::string>().find("reference"), std::string::npos);
}

TEST(DriftRoute, InTheOpenApiDocument) {
  TestServer server;
  auto doc = server.Get("/openapi.json").Json();
  EXPECT_TRUE(doc["paths"].contains("/v1/drift"));
}

}  // namespace
}  // namespace vv::serve::testing
