// Issue 14 items 6 and 8, the HTTP side: request framing (serve/request_framing.h), request
// targets, media types and the Bearer scheme (serve/http_types.h).
#include <gtest/gtest.h>

#include "serve/http_types.h"
#include "serve/request_framing.h"

namespace vv::serve {
namespace {

RequestFraming Plain() {
  return {.version = 11, .method = "POST", .target = "/v1/predict", .host_fields = 1};
}

TEST(Framing, APlainRequestPasses) {
  EXPECT_EQ(FramingProblem(Plain()), std::nullopt);
  RequestFraming length = Plain();
  length.content_length_fields = 1;
  length.content_length = "512";
  EXPECT_EQ(FramingProblem(length), std::nullopt);
  for (const char* te : {"chunked", "CHUNKED", "Chunked", " chunked\t"}) {
    RequestFraming chunked = Plain();
    chunked.transfer_encoding_fields = 1;
    chunked.transfer_encoding = te;
    EXPECT_EQ(FramingProblem(chunked), std::nullopt) << te;
  }
}

TEST(Framing, TransferEncodingOtherThanChunkedAloneIsRefused) {
  for (const char* te : {"chunked, identity", "xchunked", "chunked ,chunked", "identity",
                         "gzip, chunked", "chunked;q=1", ""}) {
    RequestFraming r = Plain();
    r.transfer_encoding_fields = 1;
    r.transfer_encoding = te;
    auto problem = FramingProblem(r);
    ASSERT_TRUE(problem.has_value()) << te;
    EXPECT_NE(problem->find("Transfer-Encoding"), std::string::npos) << *problem;
  }
  RequestFraming twice = Plain();
  twice.transfer_encoding_fields = 2;
  twice.transfer_encoding = "chunked";
  EXPECT_TRUE(FramingProblem(twice).has_value());
  RequestFraming old = Plain();
  old.version = 10;
  old.transfer_encoding_fields = 1;
  old.transfer_encoding = "chunked";
  EXPECT_NE(FramingProblem(old).value_or("").find("HTTP/1.0"), std::string::npos);
}

TEST(Framing, ContentLengthIsOneDecimalAndNeverWithTransferEncoding) {
  RequestFraming both = Plain();
  both.transfer_encoding_fields = 1;
  both.transfer_encoding = "chunked";
  both.content_length_fields = 1;
  both.content_length = "5";
  EXPECT_NE(FramingProblem(both).value_or("").find("both"), std::string::npos);
  RequestFraming twice = Plain();
  twice.content_length_fields = 2;
  twice.content_length = "5";
  EXPECT_NE(FramingProblem(twice).value_or("").find("more than one Content-Length"),
            std::string::npos);
  for (const char* cl : {"+5", "-5", "5, 5", "5 5", "0x5", ""}) {
    RequestFraming r = Plain();
    r.content_length_fields = 1;
    r.content_length = cl;
    EXPECT_TRUE(FramingProblem(r).has_value()) << cl;
  }
}

TEST(Framing, HostOnceInHttp11) {
  RequestFraming none = Plain();
  none.host_fields = 0;
  EXPECT_NE(FramingProblem(none).value_or("").find("Host"), std::string::npos);
  RequestFraming two = Plain();
  two.host_fields = 2;
  EXPECT_NE(FramingProblem(two).value_or("").find("more than one Host"), std::string::npos);
  RequestFraming old = Plain();
  old.version = 10;
  old.host_fields = 0;
  EXPECT_EQ(FramingProblem(old), std::nullopt);
}

TEST(Framing, TargetFormsAndObsFold) {
  for (const char* target : {"/", "/v1/videos?limit=5", "http://h/x", "HTTPS://h:8443"}) {
    RequestFraming r = Plain();
    r.target = target;
    EXPECT_EQ(FramingProblem(r), std::nullopt) << target;
  }
  for (const char* target : {"v1/videos", "ftp://h/x", "http:///x", "http://", "*", "h:80"}) {
    RequestFraming r = Plain();
    r.target = target;
    EXPECT_NE(FramingProblem(r).value_or("").find("request target"), std::string::npos)
        << target;
  }
  RequestFraming star = Plain();
  star.method = "OPTIONS";
  star.target = "*";
  EXPECT_EQ(FramingProblem(star), std::nullopt);
  RequestFraming folded = Plain();
  folded.folded = true;
  EXPECT_NE(FramingProblem(folded).value_or("").find("folding"), std::string::npos);
}

TEST(Framing, ObsFoldIsALineBreakThenSpaceOrTab) {
  EXPECT_FALSE(HasObsFold("GET / HTTP/1.1\r\nHost: x\r\nA: b c\r\n\r\n", false));
  EXPECT_TRUE(HasObsFold("GET / HTTP/1.1\r\nHost: x\r\nA: b\r\n c\r\n\r\n", false));
  EXPECT_TRUE(HasObsFold("A: b\r\n\tc\r\n\r\n", false));
  // Across two consumes: the first ended a line, the second starts with a space.
  EXPECT_TRUE(HasObsFold(" c\r\n\r\n", true));
  EXPECT_FALSE(HasObsFold(" c\r\n\r\n", false));
  EXPECT_FALSE(HasObsFold("", true));
}

TEST(RequestTarget, AbsoluteFormUsesItsPathAndQuery) {
  struct Case {
    const char* target;
    const char* path;
    const char* query;
  };
  for (const Case& c : {Case{"/v1/videos?limit=5", "/v1/videos", "limit=5"},
                        Case{"/healthz", "/healthz", ""},
                        Case{"http://example.test/v1/videos?limit=5", "/v1/videos", "limit=5"},
                        Case{"HTTP://example.test:8080/healthz", "/healthz", ""},
                        Case{"https://example.test", "/", ""},
                        Case{"http://example.test?x=1", "/", "x=1"}}) {
    Request request;
    SetTarget(c.target, &request);
    EXPECT_EQ(request.target, c.target);
    EXPECT_EQ(request.path, c.path) << c.target;
    EXPECT_EQ(request.query, c.query) << c.target;
  }
  EXPECT_EQ(OriginForm("ftp://h/x"), std::nullopt);
  EXPECT_EQ(OriginForm("http:///x"), std::nullopt);
  EXPECT_EQ(OriginForm("x"), std::nullopt);
}

TEST(MediaType, OnlyApplicationJsonInAnyCaseWithParameters) {
  for (const char* type : {"application/json", "APPLICATION/JSON", "Application/Json",
                           "application/json; charset=utf-8", "application/json;charset=UTF-8",
                           " application/json ", "application/json ; q=1"}) {
    EXPECT_TRUE(IsJsonMediaType(type)) << type;
  }
  for (const char* type : {"application/jsonp", "application/json-patch+json", "text/json",
                           "application/x-www-form-urlencoded", "application/ json",
                           "application/jsonx; charset=utf-8", "application", ""}) {
    EXPECT_FALSE(IsJsonMediaType(type)) << type;
  }
}

TEST(Bearer, TheSchemeIsCaseInsensitive) {
  const std::pair<const char*, const char*> kCases[] = {
      {"Bearer sekret", "sekret"}, {"bearer sekret", "sekret"}, {"BEARER   sekret", "sekret"},
      {"Bearer", ""}, {"Bearer ", ""}, {"Basic c2VrcmV0", ""}, {"Bearersekret", ""},
      {"sekret", ""}};
  for (const auto& [header, token] : kCases) EXPECT_EQ(BearerToken(header), token) << header;
}

}  // namespace
}  // namespace vv::serve
