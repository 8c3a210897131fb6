// The worker pool's queue bound and stop, and the request copy a heavy route takes to it.
#include "serve/work_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <memory>
#include <thread>

#include "serve/http_types.h"

namespace vv::serve {
namespace {

// A job that holds its worker until released.
struct Blocker {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<bool> running{false};

  WorkPool::Job Job() {
    return [this] {
      running = true;
      released.wait();
    };
  }
  void WaitRunning() {
    while (!running) std::this_thread::yield();
  }
};

TEST(WorkPool, RefusesBeyondTheQueueBound) {
  WorkPool pool(1, 2);
  Blocker blocker;
  ASSERT_TRUE(pool.TrySubmit(blocker.Job()));
  blocker.WaitRunning();
  std::atomic<int> ran{0};
  EXPECT_TRUE(pool.TrySubmit([&] { ++ran; }));
  EXPECT_TRUE(pool.TrySubmit([&] { ++ran; }));
  EXPECT_FALSE(pool.TrySubmit([&] { ++ran; }));
  EXPECT_EQ(pool.queued(), 2u);
  EXPECT_EQ(pool.rejected(), 1u);
  blocker.release.set_value();
  while (ran < 2) std::this_thread::yield();
  pool.Stop();
  EXPECT_EQ(ran, 2);
}

TEST(WorkPool, StopDropsQueuedJobsAndWaitsForTheRunningOne) {
  WorkPool pool(1, 4);
  Blocker blocker;
  ASSERT_TRUE(pool.TrySubmit(blocker.Job()));
  blocker.WaitRunning();
  auto held = std::make_shared<int>(0);  // what a queued job holds (a connection, in the server)
  std::atomic<int> ran{0};
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(pool.TrySubmit([held, &ran] { ++ran; }));
  EXPECT_EQ(held.use_count(), 3);
  std::thread stopper([&] { pool.Stop(); });
  while (held.use_count() > 1) std::this_thread::yield();  // dropped, with what they held
  blocker.release.set_value();
  stopper.join();
  EXPECT_EQ(ran, 0);
  EXPECT_FALSE(pool.TrySubmit([&] { ++ran; }));
  pool.Stop();  // again: harmless
}

TEST(OwnedRequest, ViewsPointIntoItsOwnCopy) {
  std::string target = "/v1/videos/abc?limit=5";
  std::string headers = "GETBearer xapplication/jsonhttp://o";
  std::string body = "{\"x\":1}";
  Request original;
  original.method = std::string_view(headers).substr(0, 3);
  original.target = target;
  original.path = std::string_view(target).substr(0, 14);
  original.query = std::string_view(target).substr(15);
  original.authorization = std::string_view(headers).substr(3, 8);
  original.content_type = std::string_view(headers).substr(11, 16);
  original.origin = std::string_view(headers).substr(27);
  original.body = body;
  original.request_id = "id-1";
  original.params.emplace_back("id", std::string_view(target).substr(11, 3));

  OwnedRequest owned(original, body);
  target.assign(target.size(), '#');  // the connection's buffers are reused
  headers.assign(headers.size(), '#');
  body.assign(body.size(), '#');

  const Request& copy = owned.get();
  EXPECT_EQ(copy.method, "GET");
  EXPECT_EQ(copy.target, "/v1/videos/abc?limit=5");
  EXPECT_EQ(copy.path, "/v1/videos/abc");
  EXPECT_EQ(copy.query, "limit=5");
  EXPECT_EQ(copy.authorization, "Bearer x");
  EXPECT_EQ(copy.content_type, "application/json");
  EXPECT_EQ(copy.origin, "http://o");
  EXPECT_EQ(copy.body, "{\"x\":1}");
  EXPECT_EQ(copy.request_id, "id-1");
  EXPECT_EQ(copy.Param("id"), "abc");
}

}  // namespace
}  // namespace vv::serve
