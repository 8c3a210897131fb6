// Hot reload under concurrent load: no failed request, answers move to the new version, the
// old model is freed once unused, and a failing reload keeps the old models.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "serve_fixture.h"

namespace vv::serve::testing {
namespace {

using nlohmann::json;

TEST(HotReload, NoFailedRequestWhileVersionsChange) {
  TestServer server;
  std::atomic<bool> stop{false};
  std::atomic<int> ok{0}, failed{0};
  std::mutex seen_mu;
  std::set<std::string> seen;
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&, t] {
      HttpConnection connection(server.port);
      json video = SampleVideo();
      video["title"] = "client " + std::to_string(t);  // distinct bodies, some cache misses
      while (!stop) {
        auto r = connection.Send("POST", t % 2 ? "/v1/predict" : "/v1/predict/viral", video.dump());
        if (r.status != 200) {
          ++failed;
          continue;
        }
        ++ok;
        json body = r.Json();
        std::string version = t % 2 ? body["predictions"]["viral"]["version"].get<std::string>()
                                    : body["version"].get<std::string>();
        std::lock_guard<std::mutex> lock(seen_mu);
        seen.insert(version);
      }
    });
  }
  const Headers admin = {{"Authorization", "Bearer sekret"}};
  for (int v = 2; v <= 6; ++v) {
    std::this_thread::sleep_for(std::chrono::milliseconds(60));
    server.source->SetAll("v" + std::to_string(v));
    auto r = server.Post("/v1/admin/reload", "", admin);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(r.Json()["changed"].get<bool>());
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(60));
  stop = true;
  for (auto& c : clients) c.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_GT(ok.load(), 100);
  EXPECT_GE(seen.size(), 3u);
  EXPECT_TRUE(seen.count("v6"));
  EXPECT_EQ(server.Post("/v1/predict/viral", SampleVideo().dump()).Json()["version"], "v6");
}

TEST(HotReload, OldModelIsFreedWhenItsLastRequestEnds) {
  TestServer server;
  json slow = SampleVideo();
  slow["title"] = "slow";
  int destroyed_before = EchoModel::destroyed.load();
  std::thread request([&] {
    auto r = server.Post("/v1/predict/clickbait", slow.dump());
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.Json()["version"], "v1");  // finished on the model it started with
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  server.source->SetAll("v2");
  ASSERT_TRUE(server.models->Reload().ok());
  // The in-flight request holds the whole v1 snapshot: nothing is freed under it.
  EXPECT_EQ(EchoModel::destroyed.load(), destroyed_before);
  request.join();
  EXPECT_EQ(EchoModel::destroyed.load(), destroyed_before + 6);
}

TEST(HotReload, FailedReloadKeepsTheOldModels) {
  TestServer server;
  server.source->SetAll("v2");
  server.source->fail_loads = true;
  auto r = server.Post("/v1/admin/reload", "", {{"Authorization", "Bearer sekret"}});
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.Json()["error"]["code"], "data_loss");
  auto answer = server.Post("/v1/predict/viral", SampleVideo().dump());
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(answer.Json()["version"], "v1");
  server.source->fail_loads = false;
  ASSERT_TRUE(server.models->Reload().ok());
  EXPECT_EQ(server.Post("/v1/predict/viral", SampleVideo().dump()).Json()["version"], "v2");
}

// Issue 14 item 4: one model that cannot load keeps its version; the other five reload.
TEST(HotReload, OneBadModelDoesNotTakeTheOthersDown) {
  TestServer server;
  server.source->SetAll("v2");
  server.source->FailModel("genre");
  auto r = server.Post("/v1/admin/reload", "", {{"Authorization", "Bearer sekret"}});
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.Json()["error"]["code"], "data_loss");
  EXPECT_NE(r.Json()["error"]["message"].get<std::string>().find("genre"), std::string::npos);
  EXPECT_EQ(server.Post("/v1/predict/viral", SampleVideo().dump()).Json()["version"], "v2");
  EXPECT_EQ(server.Post("/v1/predict/genre", SampleVideo().dump()).Json()["version"], "v1");
}

TEST(HotReload, AtStartupABadModelLeavesTheOthersLoaded) {
  auto source = std::make_shared<FakeSource>();
  source->SetAll("v1");
  source->FailModel("tags");
  source->FailModel("anomaly", /*by_throwing=*/true);
  ModelSet models(ModelNames(), source);
  auto report = models.Reload();
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->failed, (std::vector<std::string>{"tags", "anomaly"}));
  EXPECT_NE(report->models["anomaly"]["error"].get<std::string>().find("threw"), std::string::npos)
      << report->models["anomaly"].dump();
  EXPECT_TRUE(report->models["tags"]["version"].is_null());
  EXPECT_TRUE(report->models["tags"].contains("error"));
  EXPECT_EQ(report->models["viral"]["version"], "v1");
  auto snapshot = models.Current();
  EXPECT_EQ(snapshot->Find("tags"), nullptr);
  ASSERT_NE(snapshot->Find("viral"), nullptr);
  EXPECT_EQ(snapshot->Find("viral")->version, "v1");
}

TEST(HotReload, WatchPicksUpAnAliasChange) {
  ServeConfig config = TestServer::Defaults();
  TestServer server(config);
  server.models->StartWatch(std::chrono::milliseconds(20));
  server.source->SetChampion("anomaly", "v7");
  std::string version;
  for (int i = 0; i < 100 && version != "v7"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    version = server.Post("/v1/predict/anomaly", SampleVideo().dump()).Json()["version"];
  }
  server.models->StopWatch();
  EXPECT_EQ(version, "v7");
}

}  // namespace
}  // namespace vv::serve::testing
