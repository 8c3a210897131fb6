#include "serve/work_pool.h"

#include <pthread.h>

#include <algorithm>

namespace vv::serve {

void NameThisThread(const std::string& name) {
  pthread_setname_np(pthread_self(), name.substr(0, 15).c_str());
}

WorkPool::WorkPool(int workers, size_t max_queued) : max_queued_(max_queued) {
  for (int i = 0; i < std::max(workers, 1); ++i) {
    threads_.emplace_back([this, i] {
      NameThisThread("vv-work-" + std::to_string(i));
      Work();
    });
  }
}

WorkPool::~WorkPool() { Stop(); }

bool WorkPool::TrySubmit(Job job) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_ || queue_.size() >= max_queued_) {
      ++rejected_;
      return false;
    }
    queue_.push_back(std::move(job));
  }
  wake_.notify_one();
  return true;
}

void WorkPool::Work() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    Job job = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    job();
    job = nullptr;  // what it holds goes now, not when the next job arrives
    lock.lock();
  }
}

void WorkPool::Stop() {
  std::deque<Job> abandoned;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
    abandoned.swap(queue_);
  }
  wake_.notify_all();
  abandoned.clear();
  for (auto& t : threads_) {
    if (t.joinable() && t.get_id() != std::this_thread::get_id()) t.join();
  }
}

size_t WorkPool::queued() const {
  std::lock_guard<std::mutex> lock(mu_);
  return queue_.size();
}

uint64_t WorkPool::rejected() const {
  std::lock_guard<std::mutex> lock(mu_);
  return rejected_;
}

}  // namespace vv::serve
