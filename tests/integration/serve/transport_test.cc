// The HTTP layer: keep-alive, body limit, timeouts for slow and half-sent requests, malformed
// HTTP, graceful shutdown that finishes in-flight requests.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <future>
#include <thread>
#include <vector>

#include "serve_fixture.h"

namespace vv::serve::testing {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

TEST(Transport, KeepAliveServesManyRequestsOnOneConnection) {
  TestServer server;
  HttpConnection connection(server.port);
  ASSERT_TRUE(connection.connected());
  for (int i = 0; i < 50; ++i) {
    auto r = connection.Send("POST", "/v1/predict/viral", SampleVideo().dump());
    ASSERT_EQ(r.status, 200) << "request " << i;
    EXPECT_NE(r.Header("connection"), "close");
  }
  EXPECT_EQ(connection.Send("GET", "/healthz").status, 200);
}

TEST(Transport, PipelinedRequestsAnswerInOrder) {
  TestServer server;
  HttpConnection connection(server.port);
  std::string one = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: first\r\n\r\n";
  std::string two = "GET /v1/nope HTTP/1.1\r\nHost: x\r\nX-Request-Id: second\r\n\r\n";
  ASSERT_TRUE(connection.SendRaw(one + two));
  auto a = connection.ReadResponse();
  auto b = connection.ReadResponse();
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(a.Header("x-request-id"), "first");
  EXPECT_EQ(b.status, 404);
  EXPECT_EQ(b.Header("x-request-id"), "second");
}

TEST(Transport, ExpectContinueGetsAnInterimResponse) {
  TestServer server;
  HttpConnection connection(server.port);
  std::string body = SampleVideo().dump();
  ASSERT_TRUE(connection.SendRaw("POST /v1/predict/viral HTTP/1.1\r\nHost: x\r\n"
                                 "Content-Type: application/json\r\nExpect: 100-continue\r\n"
                                 "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n"));
  auto interim = connection.ReadResponse();
  EXPECT_EQ(interim.status, 100);
  ASSERT_TRUE(connection.SendRaw(body));
  auto r = connection.ReadResponse();
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["model"], "viral");
}

TEST(Transport, BodyOverTheLimitIs413) {
  ServeConfig config = TestServer::Defaults();
  config.max_body_bytes = 4096;
  TestServer server(config);
  json video = SampleVideo();
  video["description"] = std::string(5000, 'd');
  HttpConnection connection(server.port);
  auto r = connection.Send("POST", "/v1/predict/viral", video.dump());
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.Json()["error"]["code"], "payload_too_large");
  EXPECT_TRUE(connection.WaitClosed());
  // The server is still fine.
  EXPECT_EQ(server.Post("/v1/predict/viral", SampleVideo().dump()).status, 200);
}

TEST(Transport, HalfSentRequestGets408AndClose) {
  ServeConfig config = TestServer::Defaults();
  config.read_timeout = milliseconds(200);
  TestServer server(config);
  HttpConnection connection(server.port);
  std::string body = SampleVideo().dump();
  // Headers promise a body that never fully arrives.
  ASSERT_TRUE(connection.SendRaw("POST /v1/predict/viral HTTP/1.1\r\nHost: x\r\n"
                                 "Content-Type: application/json\r\nContent-Length: " +
                                 std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, 10)));
  auto start = std::chrono::steady_clock::now();
  auto r = connection.ReadResponse();
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.status, 408);
  EXPECT_EQ(r.Json()["error"]["code"], "request_timeout");
  EXPECT_LT(took, milliseconds(1500));
  EXPECT_TRUE(connection.WaitClosed());
}

TEST(Transport, SlowHeadersGet408) {
  ServeConfig config = TestServer::Defaults();
  config.read_timeout = milliseconds(200);
  TestServer server(config);
  HttpConnection connection(server.port);
  ASSERT_TRUE(connection.SendRaw("GET /healthz HTTP/1.1\r\nHo"));
  std::this_thread::sleep_for(milliseconds(150));
  connection.SendRaw("st: x\r\n");  // still trickling, never finishing
  auto r = connection.ReadResponse();
  EXPECT_EQ(r.status, 408);
  // Meanwhile other clients were served.
  EXPECT_EQ(server.Get("/healthz").status, 200);
}

TEST(Transport, IdleKeepAliveConnectionsClose) {
  ServeConfig config = TestServer::Defaults();
  config.read_timeout = milliseconds(100);
  config.idle_timeout = milliseconds(300);
  TestServer server(config);
  HttpConnection connection(server.port);
  ASSERT_EQ(connection.Send("GET", "/healthz").status, 200);
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(connection.WaitClosed());
  EXPECT_GE(std::chrono::steady_clock::now() - start, milliseconds(250));
}

TEST(Transport, MalformedHttpIs400) {
  TestServer server;
  HttpConnection connection(server.port);
  ASSERT_TRUE(connection.SendRaw("THIS IS NOT HTTP\r\n\r\n"));
  auto r = connection.ReadResponse();
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(r.Json().contains("error"));
}

TEST(Transport, ShutdownFinishesInFlightRequests) {
  TestServer server;
  json video = SampleVideo();
  video["title"] = "slow";  // the test model sleeps 150 ms
  auto in_flight = std::async(std::launch::async, [&] {
    return server.Post("/v1/predict/genre", video.dump());
  });
  std::this_thread::sleep_for(milliseconds(50));
  HttpConnection idle(server.port);  // an idle keep-alive connection is closed at once
  ASSERT_TRUE(idle.connected());
  std::this_thread::sleep_for(milliseconds(20));
  auto start = std::chrono::steady_clock::now();
  server.server->Shutdown();
  server.server->Wait();
  EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(2000));
  auto r = in_flight.get();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("connection"), "close");
  EXPECT_TRUE(idle.WaitClosed());
  EXPECT_FALSE(HttpConnection(server.port).connected());  // no longer accepting
}

}  // namespace
}  // namespace vv::serve::testing

namespace vv::serve::testing {
namespace {

// Connections to the test server, opened until `count` or the first failure.
std::vector<int> OpenConnections(int port, int count) {
  std::vector<int> fds;
  for (int i = 0; i < count; ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) break;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(fd);
      break;
    }
    fds.push_back(fd);
  }
  return fds;
}

double ProcessCpuSeconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Issue 14 item 2: more clients than the cap are closed at once, and the server still answers
// once they go.
TEST(ConnectionLimits, OverTheCapNewConnectionsAreClosedAndServiceResumes) {
  ServeConfig config = TestServer::Defaults();
  config.max_connections = 8;
  TestServer server(config, /*all_models=*/false);
  EXPECT_EQ(server.server->max_connections(), 8u);
  std::vector<int> fds = OpenConnections(server.port, 20);
  ASSERT_EQ(fds.size(), 20u);
  for (int i = 0; i < 100 && server.server->refused_connections() < 12; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(server.server->refused_connections(), 12u);
  for (int fd : fds) ::close(fd);
  HttpResult r;
  for (int i = 0; i < 100; ++i) {  // the held sessions notice their clients left
    r = server.Get("/healthz");
    if (r.status == 200) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(r.status, 200);
}

// Out of descriptors, the accept loop waits instead of spinning on EMFILE, and serves again once
// descriptors are free.
TEST(ConnectionLimits, DescriptorExhaustionDoesNotSpinTheAcceptLoop) {
  rlimit old{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &old), 0);
  TestServer server(TestServer::Defaults(), /*all_models=*/false);
  // Every io thread has served a connection, so each has its reactor (and its eventfd) before
  // descriptors run out, as in any server that has been up for more than a moment.
  for (int i = 0; i < 4; ++i) ASSERT_EQ(server.Get("/healthz").status, 200);
  // Client and server share this process's descriptors: each connection costs two. New
  // descriptors take the lowest free numbers, so 40 above the highest open one leaves 40 free.
  int highest = 0;
  for (int fd = 0; fd < 65536; ++fd) highest = ::fcntl(fd, F_GETFD) != -1 ? fd : highest;
  rlimit low = old;
  low.rlim_cur = static_cast<rlim_t>(highest + 1 + 40);
  ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &low), 0);
  std::vector<int> fds = OpenConnections(server.port, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const double cpu_before = ProcessCpuSeconds();
  std::this_thread::sleep_for(std::chrono::seconds(1));
  const double cpu_used = ProcessCpuSeconds() - cpu_before;
  EXPECT_GT(server.server->accept_errors(), 0u) << "the limit was never reached";
  EXPECT_LT(cpu_used, 0.3) << "the accept loop spun on EMFILE";
  for (int fd : fds) ::close(fd);
  ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &old), 0);
  HttpResult r;
  for (int i = 0; i < 100; ++i) {
    r = server.Get("/healthz");
    if (r.status == 200) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(r.status, 200);
}

}  // namespace
}  // namespace vv::serve::testing
