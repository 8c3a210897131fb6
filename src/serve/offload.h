#pragma once
// A heavy route's trip through the worker pool, apart from the connection that read it: the
// job owns a copy of the request, the work runs on a worker, and the answer goes back through
// the connection's reply callback (which posts it to the connection's own thread). A full queue
// is answered at once: 503 overloaded, with Retry-After.
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "serve/api.h"
#include "serve/work_pool.h"

namespace vv::serve {

// A heavy request in flight: its own copy of the request and the response being built.
struct PendingAnswer {
  PendingAnswer(const Request& request, std::string body, Response r,
                std::chrono::steady_clock::time_point start)
      : owned(request, std::move(body)), response(std::move(r)), began(start) {}
  OwnedRequest owned;
  Response response;
  std::chrono::steady_clock::time_point began;
};

class Offloader {
 public:
  using Reply = std::function<void(std::shared_ptr<PendingAnswer>)>;

  Offloader(Api* api, int workers, size_t max_queued)
      : api_(api), pool_(workers, max_queued) {}

  // Queues the route's work with a copy of the request (body is the storage request.body views,
  // moved in) and the response begun on the network thread. When the work is done, reply(answer)
  // runs on the worker. Returns null when queued; when the queue is full, the answer with the
  // 503 already in it (reply is not called).
  std::shared_ptr<PendingAnswer> Submit(int route, Handler work, const Request& request,
                                        std::string body, Response& response,
                                        std::chrono::steady_clock::time_point began, Reply reply);
  // The shutdown grace ran out: work finished from now on is dropped with what its reply holds
  // (a stopped thread would keep it forever) instead of replied.
  void Abandon() { abandoned_ = true; }
  // After the network threads have ended: queued work is dropped, running work finishes.
  void Stop() { pool_.Stop(); }

 private:
  Api* api_;
  std::atomic<bool> abandoned_{false};
  WorkPool pool_;  // last: its workers, which read the members above, are joined first
};

}  // namespace vv::serve
