// Issue 14 item 5: model work, store queries and reloads run on the worker pool, off the io
// threads; cheap routes keep answering meanwhile; a full queue answers 503 with Retry-After;
// shutdown drains the queue, or abandons it when the grace runs out, without crashing.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <future>
#include <thread>
#include <vector>

#include "serve_fixture.h"

namespace vv::serve::testing {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

// A batch of `slow` videos for the viral model: 150 ms of (sleeping) model work per video.
std::string SlowBatch(int slow) {
  json video = SampleVideo();
  video["title"] = "slow";
  json body = {{"videos", json::array()}};
  for (int i = 0; i < slow; ++i) body["videos"].push_back(video);
  return body.dump();
}

constexpr const char* kSlowBatchTarget = "/v1/predict/batch?models=viral";

ServeConfig PoolConfig(int workers, size_t queue) {
  ServeConfig config = TestServer::Defaults();
  config.workers = workers;
  config.work_queue = queue;
  return config;
}

// Blocks until `n` slow predictions have begun (the batches are on a worker), or 5 s.
bool WaitSlowStarted(int n) {
  auto deadline = Clock::now() + std::chrono::seconds(5);
  while (EchoModel::slow_started < n) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(milliseconds(2));
  }
  return true;
}

bool AllStartWith(const std::vector<std::string>& names, const std::string& prefix) {
  return !names.empty() && std::all_of(names.begin(), names.end(), [&](const std::string& n) {
           return n.rfind(prefix, 0) == 0;
         });
}

TEST(WorkPool, HealthzAnswersWhileClientsHammerBatches) {
  EchoModel::ClearThreads();
  TestServer server(PoolConfig(2, 64));
  std::atomic<bool> stop{false};
  std::atomic<int> batches_ok{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; ++c) {
    clients.emplace_back([&] {
      HttpConnection connection(server.port, 10'000);
      while (!stop) {
        auto r = connection.Send("POST", kSlowBatchTarget, SlowBatch(4));  // 600 ms each
        if (r.status != 200) return;
        ++batches_ok;
      }
    });
  }
  ASSERT_TRUE(WaitSlowStarted(2));  // both workers busy
  std::vector<double> ms;
  for (int i = 0; i < 20; ++i) {
    auto start = Clock::now();
    auto r = server.Get("/healthz");
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    EXPECT_EQ(r.status, 200);
    std::this_thread::sleep_for(milliseconds(10));
  }
  stop = true;
  for (auto& t : clients) t.join();
  std::sort(ms.begin(), ms.end());
  // On the io threads (--workers 0) an answer waits for the batch ahead of it, up to 600 ms.
  EXPECT_LT(ms[ms.size() / 2], 100.0) << "median GET /healthz while batches run";
  EXPECT_LT(ms.back(), 600.0) << "slowest GET /healthz while batches run";
  EXPECT_GE(batches_ok.load(), 4);
  auto threads = EchoModel::Threads();
  EXPECT_TRUE(AllStartWith(threads, "vv-work-")) << json(threads).dump();
}

TEST(WorkPool, WithoutWorkersTheIoThreadsPredict) {
  EchoModel::ClearThreads();
  TestServer server(PoolConfig(0, 1));
  json body = {{"videos", {SampleVideo(), SampleVideo()}}};
  EXPECT_EQ(server.Post("/v1/predict/batch", body.dump()).status, 200);
  auto threads = EchoModel::Threads();
  EXPECT_TRUE(AllStartWith(threads, "vv-io-")) << json(threads).dump();
}

TEST(WorkPool, SinglePredictionsRunWhereTheyAreUntilMeasuredSlow) {
  ServeConfig config = PoolConfig(2, 64);
  config.cache_entries = 0;
  TestServer server(config);
  json slow = SampleVideo();
  slow["title"] = "slow";
  EchoModel::ClearThreads();
  ASSERT_EQ(server.Post("/v1/predict/genre", SampleVideo().dump()).status, 200);
  ASSERT_EQ(server.Post("/v1/predict/genre", slow.dump()).status, 200);  // not yet known slow
  ASSERT_EQ(server.Post("/v1/predict/genre", slow.dump()).status, 200);
  auto threads = EchoModel::Threads();
  ASSERT_EQ(threads.size(), 3u);
  EXPECT_EQ(threads[0].rfind("vv-io-", 0), 0u) << threads[0];
  EXPECT_EQ(threads[1].rfind("vv-io-", 0), 0u) << threads[1];
  EXPECT_EQ(threads[2].rfind("vv-work-", 0), 0u) << threads[2];
}

TEST(WorkPool, ReloadRunsOnAWorker) {
  TestServer server(PoolConfig(1, 4));
  server.source->SetChampion("viral", "v2");
  auto r = server.Post("/v1/admin/reload", "", {{"Authorization", "Bearer sekret"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(server.source->LastLoadThread(), "vv-work-0");
}

TEST(WorkPool, FullQueueAnswers503WithRetryAfter) {
  EchoModel::ClearThreads();
  TestServer server(PoolConfig(1, 1));
  auto running = std::async(std::launch::async, [&] {
    return server.Post(kSlowBatchTarget, SlowBatch(8));  // 1.2 s on the only worker
  });
  ASSERT_TRUE(WaitSlowStarted(1));
  // One of these two waits in the queue of one; the other finds it full.
  auto post_one = [&] { return server.Post(kSlowBatchTarget, SlowBatch(1)); };
  auto a = std::async(std::launch::async, post_one);
  auto b = std::async(std::launch::async, post_one);
  std::vector<HttpResult> answers = {a.get(), b.get()};
  EXPECT_EQ(running.get().status, 200);
  int refused = 0;
  for (const auto& r : answers) {
    if (r.status == 200) continue;
    ++refused;
    EXPECT_EQ(r.status, 503);
    EXPECT_EQ(r.Header("retry-after"), "1");
    EXPECT_EQ(r.Json()["error"]["code"], "overloaded") << r.body;
  }
  EXPECT_EQ(refused, 1);
  EXPECT_NE(server.Get("/metrics").body.find("vv_http_errors_total{code=\"overloaded\"} 1"),
            std::string::npos);
}

TEST(WorkPool, ShutdownDrainsQueuedWork) {
  EchoModel::ClearThreads();
  TestServer server(PoolConfig(1, 8));
  std::vector<std::future<HttpResult>> answers;
  for (int i = 0; i < 3; ++i) {
    answers.push_back(std::async(std::launch::async, [&] {
      return server.Post(kSlowBatchTarget, SlowBatch(2));  // 300 ms each, one at a time
    }));
  }
  ASSERT_TRUE(WaitSlowStarted(1));
  std::this_thread::sleep_for(milliseconds(50));  // the other two reach the queue
  server.server->Shutdown();
  server.server->Wait();
  for (auto& answer : answers) {
    auto r = answer.get();
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.Header("connection"), "close");
  }
}

TEST(WorkPool, ShutdownPastTheGraceAbandonsQueuedWork) {
  EchoModel::ClearThreads();
  ServeConfig config = PoolConfig(1, 8);
  config.shutdown_grace = milliseconds(100);
  TestServer server(config);
  std::vector<std::future<HttpResult>> answers;
  for (int i = 0; i < 3; ++i) {
    answers.push_back(std::async(std::launch::async, [&] {
      HttpConnection connection(server.port, 4000);
      return connection.Send("POST", kSlowBatchTarget, SlowBatch(4));  // 600 ms each
    }));
  }
  ASSERT_TRUE(WaitSlowStarted(1));
  std::this_thread::sleep_for(milliseconds(50));
  auto start = Clock::now();
  server.server->Shutdown();
  server.server->Wait();  // the io threads at the grace, then the running batch
  EXPECT_LT(Clock::now() - start, milliseconds(3000));
  for (auto& answer : answers) {
    // Dropped, connection closed: no answer, and no wait for the client's own timeout.
    auto before = Clock::now();
    EXPECT_EQ(answer.get().status, 0);
    EXPECT_LT(Clock::now() - before, milliseconds(3000));
  }
  EXPECT_EQ(EchoModel::slow_started, 4) << "the queued batches must not have run";
}

}  // namespace
}  // namespace vv::serve::testing
