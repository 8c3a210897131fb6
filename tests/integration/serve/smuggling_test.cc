// Issue 14 item 6: request smuggling. Each entry of the corpus is raw bytes sent on one
// connection to a real server over loopback; a request whose framing a proxy could read
// otherwise (RFC 9112 sections 3.2, 5.2, 6) gets 400 and a closed connection, and in every case
// exactly one response comes back: the bytes after a refused request (a smuggled
// "GET /v1/smuggled") are never answered.
#include <gtest/gtest.h>

#include "serve_fixture.h"

namespace vv::serve::testing {
namespace {

// What a front proxy that frames the request otherwise would forward as a second request.
const std::string kSmuggled = "GET /v1/smuggled HTTP/1.1\r\nHost: x\r\n\r\n";

std::string Chunked(const std::string& body) {
  char size[32];
  std::snprintf(size, sizeof(size), "%zx", body.size());
  return std::string(size) + "\r\n" + body + "\r\n0\r\n\r\n";
}

// A POST of a valid video with these framing header lines (each ending in CRLF) and these body
// bytes, followed by the smuggled request.
std::string Post(const std::string& framing, const std::string& body) {
  return "POST /v1/predict/viral HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
         framing + "\r\n" + body + kSmuggled;
}

struct Case {
  std::string name;
  std::string bytes;
  int status;
  bool closes;
  std::string message = "";  // a part of the error message, when refused
};

std::vector<Case> Corpus() {
  const std::string video = SampleVideo().dump();
  const std::string chunked = Chunked(video);
  const std::string length = "Content-Length: " + std::to_string(video.size()) + "\r\n";
  return {
      // Transfer-Encoding: only "chunked", alone, is a framing both sides agree on.
      {"te chunked, identity", Post("Transfer-Encoding: chunked, identity\r\n", chunked), 400, true,
       "Transfer-Encoding"},
      {"te xchunked", Post("Transfer-Encoding: xchunked\r\n", chunked), 400, true,
       "Transfer-Encoding"},
      {"te chunked ,chunked", Post("Transfer-Encoding: chunked ,chunked\r\n", chunked), 400, true,
       "Transfer-Encoding"},
      {"te identity", Post("Transfer-Encoding: identity\r\n", chunked), 400, true,
       "Transfer-Encoding"},
      {"te gzip, chunked", Post("Transfer-Encoding: gzip, chunked\r\n", chunked), 400, true,
       "Transfer-Encoding"},
      {"te identity then chunked",
       Post("Transfer-Encoding: identity\r\nTransfer-Encoding: chunked\r\n", chunked), 400, true},
      {"te chunked twice",
       Post("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", chunked), 400, true},
      {"te in http/1.0",
       "POST /v1/predict/viral HTTP/1.0\r\nContent-Type: application/json\r\n"
       "Transfer-Encoding: chunked\r\n\r\n" + chunked + kSmuggled,
       400, true, "HTTP/1.0"},
      // Transfer-Encoding with Content-Length, in both orders and with a coding Beast ignores.
      {"te chunked + cl", Post("Transfer-Encoding: chunked\r\n" + length, chunked), 400, true},
      {"cl + te chunked", Post(length + "Transfer-Encoding: chunked\r\n", chunked), 400, true},
      {"te identity + cl", Post("Transfer-Encoding: identity\r\n" + length, video), 400, true,
       "both"},
      // Content-Length: one field, one decimal number.
      {"cl twice, different", Post(length + "Content-Length: 5\r\n", video), 400, true},
      {"cl twice, same", Post(length + length, video), 400, true, "more than one Content-Length"},
      {"cl list", Post("Content-Length: 5, 5\r\n", video.substr(0, 5)), 400, true,
       "Content-Length"},
      {"cl with plus", Post("Content-Length: +" + std::to_string(video.size()) + "\r\n", video),
       400, true},
      {"cl negative", Post("Content-Length: -1\r\n", video), 400, true},
      {"cl with inner space", Post("Content-Length: 1 0\r\n", video), 400, true},
      // Obsolete line folding: Beast would join the lines, a proxy might not.
      {"obs-fold in te", Post("Transfer-Encoding:\r\n chunked\r\n", chunked), 400, true,
       "folding"},
      {"obs-fold in another field", Post("X-Note: a\r\n\tb\r\n" + length, video), 400, true,
       "folding"},
      // Bare LF line endings.
      {"bare lf", "GET /healthz HTTP/1.1\nHost: x\n\n" + kSmuggled, 400, true},
      {"bare lf in a field", "GET /healthz HTTP/1.1\r\nHost: x\nX-Note: y\r\n\r\n" + kSmuggled,
       400, true},
      // Host.
      {"http/1.1 without host", "GET /healthz HTTP/1.1\r\n\r\n" + kSmuggled, 400, true, "Host"},
      {"two hosts", "GET /healthz HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n" + kSmuggled, 400, true,
       "Host"},
      {"http/1.0 without host", "GET /healthz HTTP/1.0\r\n\r\n", 200, true},
      // Request targets.
      {"absolute-form", "GET http://x/healthz HTTP/1.1\r\nHost: x\r\n\r\n", 200, false},
      {"absolute-form, port, query, upper-case scheme",
       "GET HTTP://x:8080/healthz?probe=1 HTTP/1.1\r\nHost: x\r\n\r\n", 200, false},
      {"absolute-form post", "POST http://x/v1/predict/viral HTTP/1.1\r\nHost: x\r\n"
       "Content-Type: application/json\r\n" + length + "\r\n" + video, 200, false},
      {"absolute-form without host", "GET http:///healthz HTTP/1.1\r\nHost: x\r\n\r\n" + kSmuggled,
       400, true, "request target"},
      {"another scheme", "GET ftp://x/healthz HTTP/1.1\r\nHost: x\r\n\r\n" + kSmuggled, 400, true,
       "request target"},
      {"bare name", "GET healthz HTTP/1.1\r\nHost: x\r\n\r\n" + kSmuggled, 400, true,
       "request target"},
      // What stays accepted: chunked in any case and spacing, and a plain Content-Length.
      {"te CHUNKED", "POST /v1/predict/viral HTTP/1.1\r\nHost: x\r\n"
       "Content-Type: application/json\r\nTransfer-Encoding:  CHUNKED \r\n\r\n" + chunked,
       200, false},
      {"content-length", "POST /v1/predict/viral HTTP/1.1\r\nHost: x\r\n"
       "Content-Type: application/json\r\n" + length + "\r\n" + video, 200, false},
  };
}

TEST(Smuggling, EveryCorpusEntryGetsExactlyOneResponse) {
  TestServer server(TestServer::Defaults(), /*all_models=*/false);
  for (const Case& c : Corpus()) {
    SCOPED_TRACE(c.name);
    HttpConnection connection(server.port, 2000);
    ASSERT_TRUE(connection.connected());
    ASSERT_TRUE(connection.SendRaw(c.bytes));
    HttpResult r = connection.ReadResponse();
    EXPECT_EQ(r.status, c.status) << r.body;
    if (c.status == 400) {
      EXPECT_EQ(r.Header("connection"), "close");
      EXPECT_EQ(r.Json()["error"]["code"], "bad_request") << r.body;
      EXPECT_NE(r.Json()["error"]["message"].get<std::string>().find(c.message),
                std::string::npos) << r.body;
    }
    if (c.closes) {
      bool closed = false;
      EXPECT_EQ(connection.ReadRest(&closed), "") << "a second response";
      EXPECT_TRUE(closed);
      continue;
    }
    // Kept alive: the next response is the one to the next request, nothing in between.
    ASSERT_TRUE(
        connection.SendRaw("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: next\r\n\r\n"));
    HttpResult next = connection.ReadResponse();
    EXPECT_EQ(next.status, 200);
    EXPECT_EQ(next.Header("x-request-id"), "next") << "a response to a smuggled request came first";
  }
  // The server is fine afterwards.
  EXPECT_EQ(server.Get("/healthz").status, 200);
}

// Absolute-form serves what origin-form serves: the path and query after the authority.
TEST(Smuggling, AbsoluteFormUsesItsPathAndQuery) {
  TestServer server(TestServer::Defaults(), /*all_models=*/false);
  HttpConnection connection(server.port);
  ASSERT_TRUE(
      connection.SendRaw("GET http://example.test/v1/nope?x=1 HTTP/1.1\r\nHost: x\r\n\r\n"));
  HttpResult r = connection.ReadResponse();
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.Json()["error"]["path"], "/v1/nope");
}

}  // namespace
}  // namespace vv::serve::testing
