// The vv binary: `vv serve` starts, answers, and exits 0 on SIGTERM.
#include <gtest/gtest.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "http_client.h"

namespace vv::serve::testing {
namespace {

int FreePort() {
  // Bind port 0, read the port, close: racy in theory, fine on a test machine.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

TEST(CliServe, StartsAnswersAndStopsOnSigterm) {
  const char* bin = std::getenv("VV_BIN");
  if (!bin || !std::filesystem::exists(bin)) GTEST_SKIP() << "VV_BIN not built";
  auto dir = std::filesystem::temp_directory_path() / ("vv_cli_serve_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  int port = FreePort();
  std::string db = "sqlite:" + (dir / "vv.db").string();
  std::string registry = (dir / "models").string();
  std::string port_text = std::to_string(port);
  pid_t pid = fork();
  if (pid == 0) {
    execl(bin, bin, "serve", "--port", port_text.c_str(), "--db", db.c_str(), "--registry",
          registry.c_str(), "--threads", "2", "--no-access-log", static_cast<char*>(nullptr));
    _exit(127);
  }
  HttpResult health;
  for (int i = 0; i < 100 && health.status != 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    health = Fetch(port, "GET", "/healthz");
  }
  EXPECT_EQ(health.status, 200);
  // No trained models in an empty registry: predictions are 503, readiness says so.
  EXPECT_EQ(Fetch(port, "POST", "/v1/predict/viral", "{\"published_at\":\"2024-01-01\"}").status, 503);
  EXPECT_EQ(Fetch(port, "GET", "/readyz").status, 503);
  EXPECT_EQ(Fetch(port, "GET", "/v1/models").Json()["models"].size(), 0u);
  EXPECT_EQ(Fetch(port, "GET", "/v1/videos").status, 200);
  auto stop_start = std::chrono::steady_clock::now();
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  // Nothing in flight: the drain ends at once, not after the grace period.
  EXPECT_LT(std::chrono::steady_clock::now() - stop_start, std::chrono::seconds(3));
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  std::filesystem::remove_all(dir);
}

// Issue 14 item 9: error answers name the model or resource, never the registry's path or the
// database's user, host and name; the server log has the whole error under the request id.
TEST(CliServe, ErrorBodiesKeepServerDetailsInTheLog) {
  const char* bin = std::getenv("VV_BIN");
  if (!bin || !std::filesystem::exists(bin)) GTEST_SKIP() << "VV_BIN not built";
  const auto dir = std::filesystem::temp_directory_path() / ("vv_cli_leak_" + std::to_string(getpid()));
  const auto registry = dir / "registry-dir-secret";
  // velocity: a corrupt alias file (the listing fails); viral: a corrupt manifest (described
  // with the version marked unreadable).
  std::filesystem::create_directories(registry / "velocity" / "v1");
  std::ofstream(registry / "velocity" / "v1" / "manifest.json") << "{}";
  std::ofstream(registry / "velocity" / "aliases.json") << "{not json";
  std::filesystem::create_directories(registry / "viral" / "v1");
  std::ofstream(registry / "viral" / "v1" / "manifest.json") << "{not json";
  const std::string log = (dir / "serve.log").string();
  const std::string db = "postgresql://leakuser:pw0rd@127.0.0.1:1/leakdb";
  const int port = FreePort();
  const std::string port_text = std::to_string(port);
  pid_t pid = fork();
  if (pid == 0) {
    if (!std::freopen(log.c_str(), "w", stderr)) _exit(126);
    execl(bin, bin, "serve", "--port", port_text.c_str(), "--db", db.c_str(), "--registry",
          registry.c_str(), "--threads", "2", "--no-access-log", static_cast<char*>(nullptr));
    _exit(127);
  }
  HttpResult health;
  for (int i = 0; i < 100 && health.status != 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    health = Fetch(port, "GET", "/healthz");
  }
  ASSERT_EQ(health.status, 200);
  auto expect_clean = [&](const HttpResult& r, int status) {
    EXPECT_EQ(r.status, status) << r.body;
    for (const std::string secret : {dir.string(), std::string("registry-dir-secret"),
                                     std::string("leakuser"), std::string("leakdb"),
                                     std::string("127.0.0.1"), std::string("pw0rd")}) {
      EXPECT_EQ(r.body.find(secret), std::string::npos) << secret << " in " << r.body;
    }
  };
  HttpResult missing = Fetch(port, "GET", "/v1/models/nosuch");
  expect_clean(missing, 404);
  EXPECT_NE(missing.body.find("nosuch"), std::string::npos) << missing.body;
  HttpResult corrupt = Fetch(port, "GET", "/v1/models");
  expect_clean(corrupt, 500);
  EXPECT_EQ(corrupt.Json()["error"]["code"], "data_loss");
  HttpResult unreadable = Fetch(port, "GET", "/v1/models/viral");
  expect_clean(unreadable, 200);
  EXPECT_NE(unreadable.body.find("unreadable"), std::string::npos) << unreadable.body;
  HttpResult videos = Fetch(port, "GET", "/v1/videos");
  expect_clean(videos, 503);
  expect_clean(Fetch(port, "GET", "/v1/videos/abc"), 503);
  expect_clean(Fetch(port, "GET", "/readyz"), 503);
  HttpResult drift = Fetch(port, "GET", "/v1/drift");
  expect_clean(drift, 503);
  EXPECT_NE(drift.body.find("reference"), std::string::npos) << drift.body;
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);
  std::ifstream in(log);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // The log has the detail, under the id the client got, and still no password.
  const std::string corrupt_id = corrupt.Header("x-request-id");
  ASSERT_FALSE(corrupt_id.empty());
  EXPECT_NE(text.find(corrupt_id), std::string::npos) << text;
  EXPECT_NE(text.find("registry-dir-secret/velocity/aliases.json"), std::string::npos) << text;
  EXPECT_NE(text.find("leakdb"), std::string::npos) << text;
  EXPECT_EQ(text.find("pw0rd"), std::string::npos) << text;
  std::filesystem::remove_all(dir);
}

TEST(CliServe, BadFlagsExit2) {
  const char* bin = std::getenv("VV_BIN");
  if (!bin || !std::filesystem::exists(bin)) GTEST_SKIP() << "VV_BIN not built";
  std::string cmd = std::string(bin) + " serve --threads 0 2>/dev/null";
  EXPECT_EQ(WEXITSTATUS(std::system(cmd.c_str())), 2);
  cmd = std::string(bin) + " serve --no-such-flag 2>/dev/null";
  EXPECT_EQ(WEXITSTATUS(std::system(cmd.c_str())), 2);
  cmd = std::string(bin) + " serve --workers -1 2>/dev/null";
  EXPECT_EQ(WEXITSTATUS(std::system(cmd.c_str())), 2);
  cmd = std::string(bin) + " serve --work-queue 0 2>/dev/null";
  EXPECT_EQ(WEXITSTATUS(std::system(cmd.c_str())), 2);
}

}  // namespace
}  // namespace vv::serve::testing
