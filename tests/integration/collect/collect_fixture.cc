#include "integration/collect/collect_fixture.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <pqxx/pqxx>
#include <set>

#include "core/time_util.h"

namespace vv::testing {

void CollectTest::SetUp() {
  char tmpl[] = "/tmp/vv-collect-XXXXXX";
  dir_ = mkdtemp(tmpl);
  db_url_ = MakeDbUrl();
  if (db_url_.empty()) {
    const char* required = std::getenv("VV_REQUIRE_PG");
    if (required && std::string(required) == "1") FAIL() << "VV_REQUIRE_PG=1 but VV_TEST_PG_URL is unset";
    GTEST_SKIP() << "VV_TEST_PG_URL is unset";
  }
  auto store = OpenStore(db_url_);
  ASSERT_TRUE(store.ok()) << store.error().ToString();
  store_ = std::move(store).value();
  server_ = std::make_unique<FakeYouTubeServer>();
  fetcher_ = MakeCurlFetcher({std::chrono::milliseconds(2000), std::chrono::milliseconds(5000)});
  clock_ = *ParseIso8601("2024-03-02T12:00:00Z");
}

void CollectTest::TearDown() {
  store_.reset();
  server_.reset();
  std::filesystem::remove_all(dir_);
  if (!pg_schema_.empty()) {
    pqxx::connection conn(std::getenv("VV_TEST_PG_URL"));
    pqxx::nontransaction(conn).exec("DROP SCHEMA IF EXISTS " + pg_schema_ + " CASCADE");
  }
}

std::string CollectTest::MakeDbUrl() { return "sqlite:" + dir_ + "/vv.db"; }

std::string PgCollectTest::MakeDbUrl() {
  const char* base = std::getenv("VV_TEST_PG_URL");
  if (!base || !*base) return "";
  pg_schema_ = "vv_collect_test_" + std::to_string(getpid()) + "_" +
               std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 1000000007);
  pqxx::connection conn(base);
  pqxx::nontransaction(conn).exec("CREATE SCHEMA " + pg_schema_);
  std::string url = base;
  url += (url.find('?') == std::string::npos ? "?" : "&");
  return url + "options=-csearch_path%3D" + pg_schema_;
}

CollectConfig CollectTest::Config() const {
  CollectConfig config;
  config.client.api_base = server_->base_url();
  config.client.api_key = server_->api_key();
  config.client.retry.max_attempts = 3;
  config.client.retry.base_delay = std::chrono::milliseconds(1);
  config.client.retry.max_delay = std::chrono::milliseconds(2);
  return config;
}

Collector CollectTest::MakeCollector(const CollectConfig& config) {
  SessionOptions hooks;
  hooks.clock = [this] { return clock_; };
  hooks.sleep = [](std::chrono::milliseconds) {};
  return Collector(*store_, *fetcher_, config, hooks);
}

std::vector<std::string> CollectTest::AddVideos(const std::string& prefix, int n, const std::string& channel_id) {
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i) {
    ids.push_back(prefix + std::to_string(i));
    server_->AddVideo(MakeVideoItem(ids.back(), channel_id, "Video &amp; " + ids.back(), 1000 * (i + 1),
                                    i % 7 == 0 ? std::nullopt : std::optional<int64_t>(10 * i), 3));
  }
  return ids;
}

void CollectTest::ExpectWholeStore(size_t videos, size_t snapshots) {
  auto all_videos = store_->LoadVideos(VideoFilter{.limit = 0});
  ASSERT_TRUE(all_videos.ok()) << all_videos.error().ToString();
  std::set<std::string> ids;
  for (const auto& v : *all_videos) {
    EXPECT_FALSE(v.title.empty()) << v.id;
    EXPECT_FALSE(v.channel_id.empty()) << v.id;
    EXPECT_TRUE(v.duration_s.has_value()) << v.id;
    EXPECT_EQ(v.title.find("&amp;"), std::string::npos) << "entities decoded: " << v.title;
    ids.insert(v.id);
  }
  EXPECT_EQ(ids.size(), all_videos->size());
  EXPECT_EQ(all_videos->size(), videos);
  auto all_snapshots = store_->LoadSnapshots();
  ASSERT_TRUE(all_snapshots.ok());
  std::set<std::pair<std::string, int64_t>> keys;
  for (const auto& s : *all_snapshots) {
    EXPECT_TRUE(ids.count(s.video_id)) << s.video_id;
    EXPECT_TRUE(s.views.has_value()) << s.video_id;
    EXPECT_FALSE(s.dislikes.has_value());  // hidden by the API: unknown, not 0
    keys.emplace(s.video_id, ToUnixSeconds(s.captured_at));
  }
  EXPECT_EQ(keys.size(), all_snapshots->size());
  EXPECT_EQ(all_snapshots->size(), snapshots);
}

CollectionRun CollectTest::LastRun() {
  auto runs = store_->LoadRuns(1);
  EXPECT_TRUE(runs.ok() && !runs->empty());
  return runs.ok() && !runs->empty() ? (*runs)[0] : CollectionRun{};
}

}  // namespace vv::testing
