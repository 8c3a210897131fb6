// GET /v1/videos, /v1/videos/{id}, /v1/channels/{id} against a real SQLite store.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/time_util.h"
#include "serve_fixture.h"
#include "store/store.h"

namespace vv::serve::testing {
namespace {

using nlohmann::json;

std::unique_ptr<Store> MakeStore(const std::filesystem::path& dir) {
  auto store = OpenStore("sqlite:" + (dir / "vv.db").string());
  EXPECT_TRUE(store.ok()) << store.error().ToString();
  Channel channel{.id = "ch1", .title = "Coder", .country = "US", .subscribers = 5000};
  std::vector<Video> videos;
  const char* titles[] = {"Learn C++ fast", "Cooking pasta", "C++ templates explained"};
  for (int i = 0; i < 3; ++i) {
    Video v;
    v.id = "v" + std::to_string(i);
    v.channel_id = "ch1";
    v.title = titles[i];
    v.category_id = i == 1 ? 26 : 28;
    v.published_at = FromUnixSeconds(1'700'000'000 + i * 86400);
    v.tags = {"tag" + std::to_string(i)};
    videos.push_back(v);
  }
  std::vector<Snapshot> snapshots;
  for (int h = 0; h < 3; ++h) {
    snapshots.push_back({.video_id = "v0",
                         .captured_at = FromUnixSeconds(1'700'000'000 + 3600 * (h + 1)),
                         .views = 100 * (h + 1),
                         .likes = 10,
                         .comments = 1});
  }
  EXPECT_TRUE((*store)->UpsertChannels(std::span(&channel, 1)).ok());
  EXPECT_TRUE((*store)->UpsertVideos(videos).ok());
  EXPECT_TRUE((*store)->UpsertSnapshots(snapshots).ok());
  return std::move(store).value();
}

class StoreRoutesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::filesystem::temp_directory_path() /
           ("vv_serve_store_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    server_ = new TestServer(TestServer::Defaults(), true, MakeStore(dir_));
  }
  static void TearDownTestSuite() {
    delete server_;
    std::filesystem::remove_all(dir_);
  }
  static TestServer* server_;
  static std::filesystem::path dir_;
};
TestServer* StoreRoutesTest::server_ = nullptr;
std::filesystem::path StoreRoutesTest::dir_;

TEST_F(StoreRoutesTest, ReadyWhenModelsAndStoreAreThere) {
  auto r = server_->Get("/readyz");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["store"], "ok");
}

TEST_F(StoreRoutesTest, ListFiltersSortsAndPages) {
  auto all = server_->Get("/v1/videos");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.Json()["count"], 3);
  EXPECT_EQ(all.Json()["videos"][0]["id"], "v2");  // newest first by default
  auto query = server_->Get("/v1/videos?query=c%2B%2B&sort=title");
  ASSERT_EQ(query.status, 200);
  ASSERT_EQ(query.Json()["count"], 2);
  EXPECT_EQ(query.Json()["videos"][0]["title"], "C++ templates explained");
  auto category = server_->Get("/v1/videos?category=26");
  ASSERT_EQ(category.Json()["count"], 1);
  EXPECT_EQ(category.Json()["videos"][0]["id"], "v1");
  auto page = server_->Get("/v1/videos?sort=-published_at&limit=1&offset=1");
  ASSERT_EQ(page.Json()["count"], 1);
  EXPECT_EQ(page.Json()["videos"][0]["id"], "v1");
}

TEST_F(StoreRoutesTest, BadQueryParametersAre400) {
  EXPECT_EQ(server_->Get("/v1/videos?limit=0").Json()["error"]["path"], "?limit");
  EXPECT_EQ(server_->Get("/v1/videos?limit=abc").status, 400);
  EXPECT_EQ(server_->Get("/v1/videos?offset=-1").status, 400);
  EXPECT_EQ(server_->Get("/v1/videos?sort=likes").Json()["error"]["path"], "?sort");
}

TEST_F(StoreRoutesTest, VideoWithSnapshotsAndSixPredictions) {
  auto r = server_->Get("/v1/videos/v0");
  ASSERT_EQ(r.status, 200) << r.body;
  json body = r.Json();
  EXPECT_EQ(body["video"]["title"], "Learn C++ fast");
  EXPECT_EQ(body["channel"]["id"], "ch1");
  ASSERT_EQ(body["snapshots"].size(), 3u);
  EXPECT_EQ(body["snapshots"][2]["views"], 300);
  ASSERT_EQ(body["predictions"].size(), 6u);
  for (const auto& name : ModelNames()) {
    EXPECT_EQ(body["predictions"][name]["version"], "v1") << name;
  }
  EXPECT_EQ(body["predictions"]["velocity"]["prediction"]["last_views"], 300);
}

TEST_F(StoreRoutesTest, ChannelAndNotFound) {
  auto r = server_->Get("/v1/channels/ch1");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["channel"]["subscribers"], 5000);
  EXPECT_EQ(r.Json()["recent_videos"].size(), 3u);
  auto missing = server_->Get("/v1/videos/nope");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.Json()["error"]["code"], "not_found");
  EXPECT_EQ(server_->Get("/v1/channels/nope").status, 404);
}

TEST(StoreRoutesNoStore, StoreRoutesAre503WithoutAStore) {
  TestServer server;
  auto r = server.Get("/v1/videos");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.Json()["error"]["code"], "unavailable");
}

}  // namespace
}  // namespace vv::serve::testing
