// vv serve --web DIR: the built web app over real HTTP: files, content types, cache headers,
// the SPA fallback, 404 for missing assets, '..' refused, and the "not built" page.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "serve/static_files.h"
#include "serve_fixture.h"

namespace vv::serve::testing {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("vv_web_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "assets");
    std::ofstream(dir_ / "index.html") << "<!doctype html><title>vv app</title>";
    std::ofstream(dir_ / "assets" / "app-1a2b.js") << "console.log('vv');";
    std::ofstream(dir_ / "assets" / "app-1a2b.css") << "body{}";
    std::ofstream(dir_ / "favicon.svg") << "<svg/>";
    std::ofstream(dir_ / "secret.txt") << "x";
    ServeConfig config = TestServer::Defaults();
    config.web_dir = dir_.string();
    server_ = std::make_unique<TestServer>(config);
    ASSERT_NE(server_->port, 0);
  }
  void TearDown() override {
    server_.reset();
    fs::remove_all(dir_);
  }
  fs::path dir_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(StaticFilesTest, ServesFilesWithTypesAndCacheHeaders) {
  auto root = server_->Get("/");
  EXPECT_EQ(root.status, 200);
  EXPECT_NE(root.body.find("vv app"), std::string::npos);
  EXPECT_EQ(root.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(root.Header("cache-control"), "no-cache");
  auto js = server_->Get("/assets/app-1a2b.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "console.log('vv');");
  EXPECT_EQ(js.Header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.Header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(server_->Get("/assets/app-1a2b.css").Header("content-type"), "text/css; charset=utf-8");
  EXPECT_EQ(server_->Get("/favicon.svg").Header("content-type"), "image/svg+xml");
}

TEST_F(StaticFilesTest, SpaFallbackAndMissingAssets) {
  auto deep = server_->Get("/videos/abc?tab=1");
  EXPECT_EQ(deep.status, 200);
  EXPECT_NE(deep.body.find("vv app"), std::string::npos);
  EXPECT_EQ(deep.Header("content-type"), "text/html; charset=utf-8");
  auto asset = server_->Get("/assets/gone-123.js");
  EXPECT_EQ(asset.status, 404);
  EXPECT_EQ(asset.Json()["error"]["code"], "not_found");
  // API paths never fall through to the app.
  EXPECT_EQ(server_->Get("/v1/nothing").status, 404);
  EXPECT_EQ(server_->Get("/healthz").status, 200);
  EXPECT_EQ(server_->Get("/openapi.json").Header("content-type").rfind("application/json", 0), 0u);
}

// A path that starts with '/' once decoded ("//etc/passwd", "/%2fetc/passwd") used to make
// std::filesystem's operator/ drop the web root and serve any file on the machine.
TEST_F(StaticFilesTest, NeverServesAFileOutsideTheRoot) {
  std::ofstream(dir_.parent_path() / ("vv_outside_" + std::to_string(::getpid()))) << "OUTSIDE";
  std::string outside = (dir_.parent_path() / ("vv_outside_" + std::to_string(::getpid()))).string();
  fs::create_symlink(outside, dir_ / "link.txt");
  std::vector<std::string> targets = {"//etc/passwd",   "/%2fetc/passwd",    "///etc/passwd",
                                      "//proc/self/environ", "/%2F%2Fetc/passwd", "/assets//etc/passwd",
                                      "/" + outside,    "/%2f" + outside.substr(1), "/link.txt",
                                      "/.git/config",   "/./index.html"};
  for (const std::string& target : targets) {
    auto r = server_->Get(target);
    EXPECT_EQ(r.body.find("root:"), std::string::npos) << target;
    EXPECT_EQ(r.body.find("OUTSIDE"), std::string::npos) << target;
    EXPECT_EQ(r.body.find("PATH="), std::string::npos) << target;
    // Either refused, a missing asset, or the app's own index.html (SPA fallback).
    EXPECT_TRUE(r.status == 400 || r.status == 404 || r.body.find("vv app") != std::string::npos)
        << target << " -> " << r.status;
  }
  fs::remove(outside);
}

TEST(WebRelativePath, DropsEmptySegmentsAndRefusesDotSegments) {
  EXPECT_EQ(WebRelativePath("/"), "");
  EXPECT_EQ(WebRelativePath("//etc/passwd"), "etc/passwd");
  EXPECT_EQ(WebRelativePath("/assets/app.js"), "assets/app.js");
  EXPECT_EQ(WebRelativePath("/assets/"), "assets/");
  EXPECT_EQ(WebRelativePath("/a//b///c"), "a/b/c");
  EXPECT_FALSE(WebRelativePath("etc/passwd"));
  EXPECT_FALSE(WebRelativePath(""));
  EXPECT_FALSE(WebRelativePath("/../x"));
  EXPECT_FALSE(WebRelativePath("/a/./b"));
  EXPECT_FALSE(WebRelativePath("/.env"));
  EXPECT_FALSE(WebRelativePath("/a\\b"));
  EXPECT_FALSE(WebRelativePath("/c:/windows"));
  EXPECT_FALSE(WebRelativePath(std::string_view("/a\0b", 4)));
}

TEST_F(StaticFilesTest, RefusesParentSteps) {
  for (const char* target : {"/../secret.txt", "/assets/../../etc/passwd", "/%2e%2e/etc/passwd"}) {
    auto r = server_->Get(target);
    EXPECT_TRUE(r.status == 400 || r.status == 404) << target << " -> " << r.status;
    EXPECT_EQ(r.body.find("root:"), std::string::npos);
  }
}

// The test client always reads a body, so HEAD goes through curl (the browser-side client).
TEST_F(StaticFilesTest, HeadHasHeadersWithoutBody) {
  if (std::system("command -v curl >/dev/null 2>&1") != 0) GTEST_SKIP() << "no curl";
  std::string command = "curl -sS -m 5 -I http://127.0.0.1:" + std::to_string(server_->port) +
                        "/assets/app-1a2b.js";
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buffer[512];
  while (size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  EXPECT_EQ(::pclose(pipe), 0) << out;
  EXPECT_NE(out.find("HTTP/1.1 200"), std::string::npos) << out;
  EXPECT_NE(out.find("Content-Length: 18"), std::string::npos) << out;
  EXPECT_NE(out.find("text/javascript"), std::string::npos) << out;
}

TEST(StaticFilesMissing, NotBuiltPageSaysHowToBuild) {
  ServeConfig config = TestServer::Defaults();
  config.web_dir = "/nonexistent/vv-web-dist";
  TestServer server(config);
  auto r = server.Get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("scripts/build-web.sh"), std::string::npos);
  // The server's folder is for its log, not for anonymous clients (docs/SECURITY.md).
  EXPECT_EQ(r.body.find("/nonexistent/vv-web-dist"), std::string::npos);
}

}  // namespace
}  // namespace vv::serve::testing
