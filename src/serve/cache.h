#pragma once
// Response cache: LRU with a time to live, keyed by model version + canonical request body, so a
// reload never serves an answer of the old model. Sharded so that request threads rarely meet
// on one mutex.
#include <atomic>
#include <chrono>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vv::serve {

class ResponseCache {
 public:
  using Clock = std::chrono::steady_clock;
  // capacity 0 turns the cache off (every Get misses, Put does nothing).
  ResponseCache(size_t capacity, std::chrono::milliseconds ttl, size_t shards = 8);

  std::shared_ptr<const std::string> Get(const std::string& key);
  void Put(const std::string& key, std::shared_ptr<const std::string> value);

  bool enabled() const { return capacity_ > 0; }
  uint64_t hits() const { return hits_.load(std::memory_order_relaxed); }
  uint64_t misses() const { return misses_.load(std::memory_order_relaxed); }
  uint64_t evictions() const { return evictions_.load(std::memory_order_relaxed); }
  size_t size() const;

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const std::string> value;
    Clock::time_point expires;
  };
  struct Shard {
    mutable std::mutex mu;
    std::list<Entry> lru;  // front = most recent
    std::unordered_map<std::string_view, std::list<Entry>::iterator> index;
  };
  Shard& ShardFor(const std::string& key);

  size_t capacity_;
  size_t per_shard_;
  std::chrono::milliseconds ttl_;
  std::vector<std::unique_ptr<Shard>> shards_;
  std::atomic<uint64_t> hits_{0}, misses_{0}, evictions_{0};
};

}  // namespace vv::serve
