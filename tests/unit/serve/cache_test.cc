// The response cache: LRU bound, time to live, counters, thread safety.
#include <gtest/gtest.h>

#include <thread>

#include "serve/cache.h"

namespace vv::serve {
namespace {

std::shared_ptr<const std::string> Value(const std::string& text) {
  return std::make_shared<const std::string>(text);
}

TEST(ResponseCache, HitsMissesAndLruEviction) {
  ResponseCache cache(2, std::chrono::seconds(60), /*shards=*/1);
  EXPECT_EQ(cache.Get("a"), nullptr);
  cache.Put("a", Value("A"));
  cache.Put("b", Value("B"));
  ASSERT_NE(cache.Get("a"), nullptr);  // a is now the most recent
  cache.Put("c", Value("C"));          // evicts b
  EXPECT_EQ(cache.Get("b"), nullptr);
  EXPECT_EQ(*cache.Get("a"), "A");
  EXPECT_EQ(*cache.Get("c"), "C");
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(cache.hits(), 3u);
  EXPECT_EQ(cache.misses(), 2u);
  EXPECT_EQ(cache.evictions(), 1u);
}

TEST(ResponseCache, EntriesExpire) {
  ResponseCache cache(10, std::chrono::milliseconds(30), 1);
  cache.Put("k", Value("v"));
  EXPECT_NE(cache.Get("k"), nullptr);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(cache.Get("k"), nullptr);
  EXPECT_EQ(cache.size(), 0u);
}

TEST(ResponseCache, ZeroCapacityIsOff) {
  ResponseCache cache(0, std::chrono::seconds(1));
  EXPECT_FALSE(cache.enabled());
  cache.Put("k", Value("v"));
  EXPECT_EQ(cache.Get("k"), nullptr);
}

TEST(ResponseCache, ConcurrentUseStaysBounded) {
  ResponseCache cache(64, std::chrono::seconds(60), 4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        std::string key = std::to_string((i * 7 + t) % 200);
        if (auto hit = cache.Get(key)) {
          ASSERT_EQ(*hit, "value " + key);
        } else {
          cache.Put(key, Value("value " + key));
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_LE(cache.size(), 64u);
  EXPECT_EQ(cache.hits() + cache.misses(), 8000u);
}

}  // namespace
}  // namespace vv::serve
