#include "serve/server.h"

#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>
#include <unordered_map>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "serve/access_log.h"
#include "serve/errors.h"
#include "serve/request_framing.h"
#include "serve/offload.h"
#include "serve/response_head.h"

namespace vv::serve {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
// One io_context per thread, each run by its one thread: a connection's handlers are serialized
// by the thread itself (no strand) and the threads share no scheduler lock nor wake each other.
// GET /healthz cost 8.5 us of CPU a request with one io_context run by 2 threads, 3.5 us so.
// Concrete executor types: the type-erased any_io_executor costs a shared_ptr copy per operation.
using Executor = asio::io_context::executor_type;
using Socket = asio::basic_stream_socket<tcp, Executor>;
using WorkGuard = asio::executor_work_guard<Executor>;

// The first request's bytes arrive in one recv: Beast reads min(capacity, 64 KiB) at a time, and
// an empty flat_buffer's 512 bytes took two recv calls for the benchmark's ~700-byte request.
constexpr size_t kReadBufferBytes = 16 * 1024;
// A connection keeps its last response body's buffer for the next one up to this size.
constexpr size_t kReusedBodyBytes = 64 * 1024;

namespace {
std::vector<std::unique_ptr<asio::io_context>> MakeContexts(int n) {
  std::vector<std::unique_ptr<asio::io_context>> out;
  for (int i = 0; i < std::max(n, 1); ++i) out.push_back(std::make_unique<asio::io_context>(1));
  return out;
}
}  // namespace

class Session;

struct Server::Impl : std::enable_shared_from_this<Server::Impl> {
  Impl(const ServeConfig& c, Api* a)
      : config(c), api(a), iocs(MakeContexts(c.threads)), acceptor(Main()), signals(Main()),
        grace(Main()), sweeper(Main()), accept_pause(Main()) {
    // The other contexts have no work until a connection arrives: keep their run() going.
    for (size_t i = 1; i < iocs.size(); ++i) guards.emplace_back(iocs[i]->get_executor());
  }
  // The acceptor, the sweeper, the signals and the grace timer live on the first context.
  asio::io_context& Main() { return *iocs.front(); }
  void StopAll() {
    for (auto& ioc : iocs) ioc->stop();
  }
  void Accept();
  // After a failed accept (EMFILE, ENFILE, ENOBUFS...): accepting again at once fails the same
  // way and spins a core; wait, so that closing connections can free descriptors.
  void PauseAccepting();
  void Register(Session* s, std::weak_ptr<Session> w);
  void Unregister(Session* s);
  void BeginShutdown();
  void ArmSweeper();

  ServeConfig config;
  Api* api;
  std::vector<std::unique_ptr<asio::io_context>> iocs;  // first: destroyed after the I/O objects
  std::vector<WorkGuard> guards;
  size_t next_ioc = 0;  // round robin of new connections over iocs (the acceptor's thread only)
  asio::basic_socket_acceptor<tcp, Executor> acceptor;
  asio::signal_set signals;
  asio::steady_timer grace;
  asio::steady_timer sweeper;
  asio::steady_timer accept_pause;
  size_t max_connections = 0;              // config.max_connections capped by RLIMIT_NOFILE
  std::atomic<size_t> open_connections{0};
  std::atomic<uint64_t> accept_errors{0}, refused_connections{0};
  std::vector<std::thread> threads;
  std::unique_ptr<Offloader> offload;  // the heavy routes' workers; none with --workers 0
  std::atomic<bool> stopping{false};
  std::mutex sessions_mu;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
  int port = 0;
};

// One connection. Every handler runs on the thread of the connection's io_context.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Socket socket, std::shared_ptr<Server::Impl> server)
      : socket_(std::move(socket)), server_(std::move(server)) {
    buffer_.reserve(kReadBufferBytes);
  }
  ~Session() { server_->Unregister(this); }

  void Start() {
    server_->Register(this, weak_from_this());
    DoRead();
  }

  // Called at shutdown on the session's thread: idle connections close now, busy ones after
  // their response.
  void CloseIfIdle() {
    if (reading_ && buffer_.size() == 0 && !(parser_ && parser_->got_some())) Close();
  }

  Executor executor() { return socket_.get_executor(); }

 private:
  void DoRead() {
    const ServeConfig& c = server_->config;
    parser_.emplace();
    parser_->body_limit(c.max_body_bytes);
    parser_->header_limit(static_cast<std::uint32_t>(c.max_header_bytes));
    timed_out_ = false;
    reading_ = true;
    seen_started_ = false;
    phase_began_ = std::chrono::steady_clock::now();
    http::async_read_header(socket_, header_buffer_, *parser_,
                            beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  // curl and others send "Expect: 100-continue" before bodies over 1 KiB and wait a second for
  // the interim response unless they get it.
  void OnHeader(beast::error_code ec, std::size_t) {
    if (!ec) {  // framing a proxy could read otherwise: refused before the body
      auto problem = FramingProblem(parser_->get().base(), header_buffer_.TakeFolded());
      if (problem) return SendRaw(400, "bad_request", "malformed HTTP request: " + *problem);
    }
    if (ec || parser_->is_done()) return OnRead(ec, 0);
    auto expect = parser_->get()[http::field::expect];
    if (beast::iequals(expect, "100-continue")) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      asio::async_write(socket_, asio::buffer(kContinue.data(), kContinue.size()),
                        [self = shared_from_this()](beast::error_code ec, std::size_t) {
                          if (ec) return self->OnRead(ec, 0);
                          self->ReadBody();
                        });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    http::async_read(socket_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  bool RequestStarted() const { return buffer_.size() > 0 || (parser_ && parser_->got_some()); }

  // (public: the server's sweeper calls it)
 public:
  // Timeouts without a timer per request: the server's sweeper calls this on the connection's
  // thread every sweep interval. An idle keep-alive connection may wait idle_timeout; a request
  // seen started at one sweep and still incomplete read_timeout later gets 408; a response the
  // client does not read within read_timeout closes the connection.
  void Sweep(std::chrono::steady_clock::time_point now) {
    const ServeConfig& c = server_->config;
    if (closed_) return;
    if (!reading_) {
      if (writing_ && now - phase_began_ >= c.read_timeout) Close();
      return;
    }
    if (RequestStarted()) {
      if (!seen_started_) {
        seen_started_ = true;
        phase_began_ = now;
      } else if (now - phase_began_ >= c.read_timeout) {
        timed_out_ = true;
        beast::error_code ignored;
        socket_.cancel(ignored);
      }
    } else if (now - phase_began_ >= c.idle_timeout) {
      timed_out_ = true;
      beast::error_code ignored;
      socket_.cancel(ignored);
    }
  }


 private:
  void OnRead(beast::error_code ec, std::size_t) {
    reading_ = false;
    if (ec == http::error::end_of_stream || ec == asio::error::eof) return Close();
    if (timed_out_) {
      if (!RequestStarted()) return Close();
      return SendError(HttpError::kRequestTimeout,
                       "the request did not arrive completely within " +
                           std::to_string(server_->config.read_timeout.count()) + " ms");
    }
    if (ec == http::error::body_limit) {
      return SendError(HttpError::kPayloadTooLarge,
                       "the body exceeds the limit of " +
                           std::to_string(server_->config.max_body_bytes) + " bytes");
    }
    if (ec == http::error::header_limit) {
      return SendRaw(431, "request_header_fields_too_large", "the headers are too large");
    }
    if (ec == asio::error::operation_aborted) return Close();
    if (ec) {
      if (ec.category() == http::make_error_code(http::error::bad_method).category()) {
        return SendRaw(400, "bad_request",
                       "malformed HTTP request: " + DescribeHttpError(ec.value(), ec.message()));
      }
      return Close();
    }
    Dispatch();
  }

  void Dispatch() {
    auto start = std::chrono::steady_clock::now();
    auto& req = parser_->get();
    Request request;
    request.method = req.method_string();
    SetTarget(req.target(), &request);
    request.body = req.body();
    request.authorization = req[http::field::authorization];
    request.content_type = req[http::field::content_type];
    request.origin = req[http::field::origin];
    request.request_id = SanitizeRequestId(req["X-Request-Id"]);
    Response response;
    // The handler writes into the previous response's buffer: no allocation per request while
    // the answers stay small.
    if (body_.capacity() <= kReusedBodyBytes) response.body.swap(body_);
    response.body.clear();
    int route = -1;
    Handler rest = server_->api->Begin(request, response, &route);
    if (rest && server_->offload) {
      return Offload(route, std::move(rest), request, response, start);
    }
    if (rest) server_->api->Finish(route, rest, request, response, start);
    Respond(request, response, start);
  }

  void Respond(const Request& request, Response& response,
               std::chrono::steady_clock::time_point start) {
    auto& req = parser_->get();
    keep_alive_ = req.keep_alive() && !server_->stopping.load(std::memory_order_relaxed);
    // HEAD: the headers of the GET, Content-Length included, and no body.
    BuildResponse(req.version(), request.request_id, response,
                  req.method() != http::verb::head);
    if (server_->config.access_log) {
      WriteAccessLog(request, response.status, write_body_ ? body_.size() : 0,
                     std::chrono::steady_clock::now() - start);
    }
    DoWrite();
  }

  // The work of a heavy route runs on the pool. Meanwhile the connection neither reads nor
  // writes (the sweeper and a shutdown leave it be); the answer comes back to its thread, whose
  // run() the tracking executor keeps going even while the server drains.
  void Offload(int route, Handler work, const Request& request, Response& response,
               std::chrono::steady_clock::time_point start) {
    auto back = asio::require(executor(), asio::execution::outstanding_work.tracked);
    auto refused = server_->offload->Submit(
        route, std::move(work), request, std::move(parser_->get().body()), response, start,
        [self = shared_from_this(), back](std::shared_ptr<PendingAnswer> answer) {
          asio::post(back, [self, answer] {
            self->Respond(answer->owned.get(), answer->response, answer->began);
          });
        });
    if (refused) Respond(refused->owned.get(), refused->response, start);
  }

  void BuildResponse(unsigned version, std::string_view request_id, Response& response,
                     bool with_body = true) {
    body_.swap(response.body);
    write_body_ = with_body;
    WriteResponseHead({.version = version, .keep_alive = keep_alive_, .request_id = request_id,
                       .content_length = body_.size()},
                      response, &head_);
  }

  void SendError(HttpError kind, std::string message) {
    Response response;
    WriteHttpError(kind, std::move(message), "", &response);
    SendFinal(response);
  }

  void SendRaw(int status, std::string_view code, std::string message) {
    Response response;
    response.status = status;
    response.error_code = code;
    response.body = ErrorBody(code, message, "");
    SendFinal(response);
  }

  // An error answered by the connection itself; the request may be half-read, so the
  // connection closes after it.
  void SendFinal(Response& response) {
    server_->api->metrics().Record(-1, response.status, response.error_code, 0.0);
    keep_alive_ = false;
    BuildResponse(11, SanitizeRequestId({}), response);
    DoWrite();
  }

  void DoWrite() {
    writing_ = true;
    phase_began_ = std::chrono::steady_clock::now();
    std::array<asio::const_buffer, 2> buffers = {
        asio::buffer(head_), asio::buffer(body_.data(), write_body_ ? body_.size() : 0)};
    asio::async_write(socket_, buffers,
                      beast::bind_front_handler(&Session::OnWrite, shared_from_this()));
  }

  void OnWrite(beast::error_code ec, std::size_t) {
    writing_ = false;
    if (ec || !keep_alive_ || server_->stopping.load(std::memory_order_relaxed)) return Close();
    DoRead();
  }

  void Close() {
    beast::error_code ignored;
    closed_ = true;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    socket_.close(ignored);
  }

  Socket socket_;
  std::shared_ptr<Server::Impl> server_;
  beast::flat_buffer buffer_;
  FoldWatchingBuffer<beast::flat_buffer> header_buffer_{buffer_};  // buffer_ for header reads
  std::optional<http::request_parser<http::string_body>> parser_;
  std::string head_;  // the response's status line and headers
  std::string body_;
  bool write_body_ = true;  // false for HEAD
  bool keep_alive_ = false;
  bool reading_ = false;
  bool timed_out_ = false;
  bool seen_started_ = false;
  bool writing_ = false;
  bool closed_ = false;
  std::chrono::steady_clock::time_point phase_began_;  // start of the read or write in progress
};

void Server::Impl::Register(Session* s, std::weak_ptr<Session> w) {
  std::lock_guard<std::mutex> lock(sessions_mu);
  sessions.emplace(s, std::move(w));
}

void Server::Impl::Unregister(Session* s) {
  std::lock_guard<std::mutex> lock(sessions_mu);
  sessions.erase(s);
  --open_connections;
  if (stopping && sessions.empty()) grace.cancel();  // drained: no need to wait longer
}

void Server::Impl::ArmSweeper() {
  // Half the shortest timeout, so a deadline is overshot by at most that much.
  auto interval = std::min(config.read_timeout, config.idle_timeout) / 2;
  interval = std::clamp(interval, std::chrono::milliseconds(10), std::chrono::milliseconds(1000));
  sweeper.expires_after(interval);
  sweeper.async_wait([self = shared_from_this()](beast::error_code ec) {
    if (ec || self->stopping) return;
    auto now = std::chrono::steady_clock::now();
    std::vector<std::shared_ptr<Session>> live;
    {
      std::lock_guard<std::mutex> lock(self->sessions_mu);
      live.reserve(self->sessions.size());
      for (auto& [ptr, weak] : self->sessions) {
        if (auto s = weak.lock()) live.push_back(std::move(s));
      }
    }
    for (auto& s : live) asio::post(s->executor(), [s, now] { s->Sweep(now); });
    self->ArmSweeper();
  });
}

void Server::Impl::Accept() {
  asio::io_context& target = *iocs[next_ioc++ % iocs.size()];
  acceptor.async_accept(target.get_executor(),
                        [self = shared_from_this()](beast::error_code ec, Socket socket) {
    if (ec) {
      if (ec == asio::error::operation_aborted || !self->acceptor.is_open()) return;
      ++self->accept_errors;
      return self->PauseAccepting();
    }
    if (self->open_connections >= self->max_connections) {
      // Over the cap: closed at once, before it can hold a descriptor (and a session) idle.
      ++self->refused_connections;
      beast::error_code ignored;
      socket.close(ignored);
    } else {
      ++self->open_connections;
      beast::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      // Started on its own thread: from here on only that thread touches the session.
      auto session = std::make_shared<Session>(std::move(socket), self);
      asio::post(session->executor(), [session] { session->Start(); });
    }
    if (!self->stopping) self->Accept();
  });
}

void Server::Impl::PauseAccepting() {
  accept_pause.expires_after(std::chrono::milliseconds(50));
  accept_pause.async_wait([self = shared_from_this()](beast::error_code ec) {
    if (!ec && !self->stopping) self->Accept();
  });
}

void Server::Impl::BeginShutdown() {
  if (stopping.exchange(true)) return;
  asio::post(acceptor.get_executor(), [self = shared_from_this()] {
    beast::error_code ignored;
    self->acceptor.close(ignored);
    self->signals.cancel(ignored);
    self->sweeper.cancel();
    // After the acceptor closed: every accepted connection already holds work on its context.
    self->guards.clear();
  });
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard<std::mutex> lock(sessions_mu);
    for (auto& [ptr, weak] : sessions) {
      if (auto s = weak.lock()) live.push_back(std::move(s));
    }
  }
  for (auto& s : live) asio::post(s->executor(), [s] { s->CloseIfIdle(); });
  // The timer is armed and cancelled under sessions_mu, the lock Unregister holds when the last
  // session leaves, so "drained" is never missed.
  std::lock_guard<std::mutex> lock(sessions_mu);
  grace.expires_after(config.shutdown_grace);
  grace.async_wait([self = shared_from_this()](beast::error_code ec) {
    if (ec) return;  // drained before the grace ran out
    std::lock_guard<std::mutex> lock(self->sessions_mu);
    if (self->sessions.empty()) return;
    // Grace over: abandon the stragglers.
    if (self->offload) self->offload->Abandon();
    self->StopAll();
  });
  if (sessions.empty()) grace.cancel();
}

Server::Server(const ServeConfig& config, Api* api) : impl_(std::make_shared<Impl>(config, api)) {}

Server::~Server() {
  Shutdown();
  Wait();
}

Status Server::Listen() {
  beast::error_code ec;
  auto address = asio::ip::make_address(impl_->config.host, ec);
  if (ec) {
    return MakeError(ErrorCode::kInvalidArgument, "not an IP address: " + impl_->config.host,
                     "--host");
  }
  tcp::endpoint endpoint(address, static_cast<unsigned short>(impl_->config.port));
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return MakeError(ErrorCode::kUnavailable,
                     "cannot listen on " + impl_->config.host + ":" +
                         std::to_string(impl_->config.port) + ": " + ec.message(),
                     "--port");
  }
  impl_->port = acceptor.local_endpoint().port();
  return {};
}

int Server::port() const { return impl_->port; }

size_t Server::max_connections() const { return impl_->max_connections; }
uint64_t Server::accept_errors() const { return impl_->accept_errors; }
uint64_t Server::refused_connections() const { return impl_->refused_connections; }

namespace {

// Descriptors kept free of connections: the store, the registry's files, logs, reloads.
constexpr rlim_t kReservedDescriptors = 64;

// Raises the soft descriptor limit to the hard one (1024 by default on Linux, far below what a
// server with keep-alive clients needs) and returns the connection cap that leaves the reserve.
size_t ConnectionCap(size_t configured) {
  struct rlimit lim {};
  if (::getrlimit(RLIMIT_NOFILE, &lim) != 0) return configured;
  if (lim.rlim_cur < lim.rlim_max) {
    struct rlimit raised = lim;
    raised.rlim_cur = lim.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) lim = raised;
  }
  if (lim.rlim_cur == RLIM_INFINITY) return configured;
  const rlim_t usable = lim.rlim_cur > 2 * kReservedDescriptors ? lim.rlim_cur - kReservedDescriptors
                                                                 : lim.rlim_cur / 2;
  return std::max<size_t>(1, std::min<size_t>(configured, usable));
}

}  // namespace

void Server::Start() {
  impl_->max_connections = ConnectionCap(impl_->config.max_connections);
  if (impl_->config.workers > 0) {
    impl_->offload = std::make_unique<Offloader>(impl_->api, impl_->config.workers,
                                                 impl_->config.work_queue);
  }
  impl_->Accept();
  impl_->ArmSweeper();
  for (auto& ioc : impl_->iocs) {
    impl_->threads.emplace_back([impl = impl_, ioc = ioc.get(), i = impl_->threads.size()] {
      NameThisThread("vv-io-" + std::to_string(i));
      ioc->run();
    });
  }
}

void Server::ShutdownOnSignals() {
  impl_->signals.add(SIGINT);
  impl_->signals.add(SIGTERM);
  impl_->signals.async_wait([weak = std::weak_ptr<Impl>(impl_)](beast::error_code ec, int sig) {
    if (ec) return;
    if (auto impl = weak.lock()) {
      std::fprintf(stderr, "{\"level\":\"info\",\"msg\":\"signal %d: draining\"}\n", sig);
      impl->BeginShutdown();
    }
  });
}

void Server::Shutdown() { impl_->BeginShutdown(); }

void Server::Wait() {
  for (auto& t : impl_->threads) {
    if (t.joinable() && t.get_id() != std::this_thread::get_id()) t.join();
  }
  impl_->threads.clear();
  // After the io threads: work still queued is abandoned (its connections were given up when
  // the grace ran out); running work finishes, so that nothing uses the Api after Wait.
  if (impl_->offload) impl_->offload->Stop();
}

}  // namespace vv::serve
