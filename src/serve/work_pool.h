#pragma once
// The worker threads of vv serve's heavy routes (models, store queries, reloads), off the
// network threads, with a bounded queue: a request that finds the queue full is refused at once
// (503 with Retry-After) instead of waiting behind work nobody can see the end of.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace vv::serve {

// Names the calling thread (at most 15 characters show), so that top -H, a debugger and the
// tests can tell the io threads ("vv-io-N") from the workers ("vv-work-N").
void NameThisThread(const std::string& name);

class WorkPool {
 public:
  using Job = std::function<void()>;
  // Starts `workers` threads (at least one); at most max_queued jobs wait beyond those running.
  WorkPool(int workers, size_t max_queued);
  ~WorkPool();
  WorkPool(const WorkPool&) = delete;
  WorkPool& operator=(const WorkPool&) = delete;

  // Queues the job; false when max_queued jobs already wait or the pool has stopped (the job is
  // then destroyed unrun, on the calling thread).
  bool TrySubmit(Job job);
  // Starts no more jobs: the queued ones are destroyed unrun on the calling thread (with what
  // they hold), the running ones finish, then the workers are joined. Safe more than once.
  void Stop();

  size_t queued() const;
  size_t max_queued() const { return max_queued_; }
  uint64_t rejected() const;

 private:
  void Work();

  const size_t max_queued_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  uint64_t rejected_ = 0;
  std::vector<std::thread> threads_;
};

}  // namespace vv::serve
