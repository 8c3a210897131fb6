#pragma once
// The HTTP/1.1 server on Boost.Beast: one io_context per thread (connections are spread over them
// round robin and stay on theirs), keep-alive, read timeouts (408 for a request that starts but
// does not finish in time), a body limit (413), the heavy routes on a bounded worker pool (503
// when its queue is full; offload.h) and graceful shutdown that lets in-flight requests finish.
#include <memory>

#include "core/result.h"
#include "serve/api.h"

namespace vv::serve {

class Server {
 public:
  Server(const ServeConfig& config, Api* api);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; port() is valid afterwards (config.port 0 picks a free one).
  Status Listen();
  int port() const;
  // Starts config.threads io threads and config.workers workers; returns at once. First raises
  // the soft RLIMIT_NOFILE to the hard limit and caps max_connections below it.
  void Start();
  // The connection cap in force (config.max_connections, capped by RLIMIT_NOFILE).
  size_t max_connections() const;
  // Failed accepts (descriptor exhaustion...) and connections closed over the cap, so far.
  uint64_t accept_errors() const;
  uint64_t refused_connections() const;
  // SIGINT and SIGTERM start a graceful shutdown.
  void ShutdownOnSignals();
  // Stops accepting, closes idle connections, lets in-flight requests finish, those queued for
  // the workers included (at most config.shutdown_grace), then stops the threads. Safe from any
  // thread, more than once.
  void Shutdown();
  // Blocks until the io threads have ended, then drops the work still queued and waits for the
  // workers: afterwards nothing uses the Api.
  void Wait();

  struct Impl;  // public only so that server.cc's connection class can name it

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace vv::serve
