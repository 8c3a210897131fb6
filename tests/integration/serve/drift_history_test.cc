// GET /v1/drift/history: vv serve stores its live window's drift report (on shutdown here; the
// periodic thread calls the same RecordNow), the reports outlive a restart, and every replica
// writes to the one store. On SQLite and on PostgreSQL (VV_TEST_PG_URL, a fresh schema).
#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <pqxx/pqxx>

#include "core/time_util.h"
#include "serve/drift_recorder.h"
#include "serve_fixture.h"
#include "store/store.h"

namespace vv::serve::testing {
namespace {

using nlohmann::json;

class DriftHistoryTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    const std::string unique = std::to_string(::getpid()) + "_" + std::to_string(counter++);
    if (GetParam() == "postgres") {
      const char* base = std::getenv("VV_TEST_PG_URL");
      if (!base || !*base) {
        const char* required = std::getenv("VV_REQUIRE_PG");
        if (required && std::string(required) == "1") FAIL() << "VV_TEST_PG_URL is not set";
        GTEST_SKIP() << "VV_TEST_PG_URL not set";
      }
      base_ = base;
      schema_ = "vv_serve_drift_" + unique;
      pqxx::connection conn(base_);
      pqxx::nontransaction(conn).exec("CREATE SCHEMA " + schema_);
      url_ = base_ + (base_.find('?') == std::string::npos ? "?" : "&") +
             "options=-csearch_path%3D" + schema_;
    } else {
      dir_ = std::filesystem::temp_directory_path() / ("vv_serve_drift_history_" + unique);
      std::filesystem::create_directories(dir_);
      url_ = "sqlite:" + (dir_ / "vv.db").string();
    }
    auto store = Open();
    Channel channel{.id = "ch1", .title = "Coder", .country = "US", .subscribers = 5000};
    std::vector<Video> videos;
    for (int i = 0; i < 60; ++i) {
      Video v{.id = "v" + std::to_string(i), .channel_id = "ch1",
              .title = "Video number " + std::to_string(i)};
      v.duration_s = 60 + 10 * i;
      v.published_at = FromUnixSeconds(1'700'000'000 + i * 3600);
      videos.push_back(v);
    }
    ASSERT_TRUE(store->UpsertChannels(std::span(&channel, 1)).ok());
    ASSERT_TRUE(store->UpsertVideos(videos).ok());
  }
  void TearDown() override {
    if (!schema_.empty()) {
      pqxx::connection conn(base_);
      pqxx::nontransaction(conn).exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    }
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  std::unique_ptr<Store> Open() {
    auto store = OpenStore(url_);
    EXPECT_TRUE(store.ok()) << store.error().ToString();
    return store.ok() ? std::move(store).value() : nullptr;
  }
  static void Predict(TestServer& server, int n) {
    for (int i = 0; i < n; ++i) {
      json video = SampleVideo();
      video["title"] = "live video " + std::to_string(i);
      ASSERT_EQ(server.Post("/v1/predict", video.dump()).status, 200);
    }
  }

  std::string url_, base_, schema_;
  std::filesystem::path dir_;
};

TEST_P(DriftHistoryTest, StoredOnShutdownAndKeptAcrossARestart) {
  {
    TestServer first(TestServer::Defaults(), true, Open());
    Predict(first, 25);
    EXPECT_EQ(first.Get("/v1/drift/history").Json()["count"], 0);
  }  // shutdown: the last report is stored
  TestServer second(TestServer::Defaults(), true, Open());
  auto r = second.Get("/v1/drift/history");
  ASSERT_EQ(r.status, 200) << r.body;
  json history = r.Json();
  ASSERT_EQ(history["count"], 1) << r.body;
  json report = history["reports"][0];
  EXPECT_EQ(report["source"], "serve");
  EXPECT_NE(report["instance"].get<std::string>().find(':'), std::string::npos);
  EXPECT_EQ(report["window"]["current"]["rows"], 25);
  size_t features = 0;
  for (const auto& c : report["columns"]) {
    if (c["kind"] != "feature") continue;
    ++features;
    if (c["name"] != "title_length") continue;
    EXPECT_EQ(c["n_current"], 25) << c.dump();
    EXPECT_EQ(c["n_reference"], 60) << c.dump();
    EXPECT_NE(c["status"], "insufficient") << c.dump();
  }
  EXPECT_GT(features, 5u);
  // Each model's headline prediction against that version's predictions on the store's videos.
  bool clickbait_compared = false;
  for (const auto& c : report["columns"]) {
    if (c["name"] != "clickbait.score") continue;
    clickbait_compared = true;
    EXPECT_EQ(c["kind"], "prediction");
    EXPECT_EQ(c["model"], "clickbait");
    EXPECT_EQ(c["version"], "v1");
    EXPECT_EQ(c["n_reference"], 60) << c.dump();
    EXPECT_EQ(c["n_current"], 25) << c.dump();
  }
  EXPECT_TRUE(clickbait_compared) << report["columns"].dump();

  // New predictions, then a periodic tick: a second report; a tick with nothing new stores none.
  Predict(second, 5);
  auto stored = second.api->drift_recorder().RecordNow();
  ASSERT_TRUE(stored.ok()) << stored.error().ToString();
  EXPECT_TRUE(*stored);
  EXPECT_FALSE(*second.api->drift_recorder().RecordNow());
  history = second.Get("/v1/drift/history").Json();
  ASSERT_EQ(history["count"], 2);
  EXPECT_EQ(history["reports"][0]["window"]["current"]["rows"], 5);  // the new server's window

  auto series = second.Get("/v1/drift/history?column=title_length&limit=1").Json();
  ASSERT_EQ(series["count"], 1);
  ASSERT_EQ(series["reports"][0]["columns"].size(), 1u);
  EXPECT_EQ(series["reports"][0]["columns"][0]["name"], "title_length");
  EXPECT_EQ(second.Get("/v1/drift/history?source=cli").Json()["count"], 0);
}

TEST_P(DriftHistoryTest, BadQueriesAre400) {
  TestServer server(TestServer::Defaults(), true, Open());
  for (const char* q : {"limit=0", "limit=x", "source=robot", "since=yesterday"}) {
    auto r = server.Get(std::string("/v1/drift/history?") + q);
    EXPECT_EQ(r.status, 400) << q << " " << r.body;
    EXPECT_EQ(r.Json()["error"]["code"], "invalid_argument") << q;
  }
}

TEST_P(DriftHistoryTest, ThresholdsComeFromTheConfig) {
  ServeConfig config = TestServer::Defaults();
  config.drift_thresholds.psi_warn = 0.33;
  config.drift_thresholds.min_samples = 5;
  TestServer server(config, true, Open());
  Predict(server, 6);
  auto report = server.Get("/v1/drift").Json();
  EXPECT_EQ(report["thresholds"]["psi_warn"], 0.33);
  EXPECT_FALSE(report.contains("note"));  // 6 rows reach min_samples 5
}

INSTANTIATE_TEST_SUITE_P(Backends, DriftHistoryTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace vv::serve::testing
