// Issue 14 item 8, the JSON side (serve/validate.h): NUL bytes, the NaN/Infinity hint only where
// it applies, and counts judged by their text rather than the double they round to.
#include <gtest/gtest.h>

#include "serve/request_parser.h"
#include "serve/validate.h"
#include "serve/video_sax.h"

namespace vv::serve {
namespace {

TEST(JsonBody, ANulByteAnywhereIsRefusedWithItsOffset) {
  EXPECT_TRUE(CheckJsonBody("{}").ok());
  EXPECT_FALSE(CheckJsonBody("").ok());
  const std::string body("{\"title\":\"x\"}\0{\"title\":\"y\"}", 27);
  Status status = CheckJsonBody(body);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().path, "$");
  EXPECT_NE(status.error().message.find("NUL byte at byte offset 13"), std::string::npos)
      << status.error().message;
  // Every parser of bodies refuses it, on either path.
  Limits limits;
  for (bool fast : {true, false}) {
    auto video = RunVideoSax(body, false, 1, limits, fast);
    ASSERT_FALSE(video.ok());
    EXPECT_NE(video.error().message.find("offset 13"), std::string::npos);
  }
  auto any = ParseJsonBody(std::string("{}\0", 3));
  ASSERT_FALSE(any.ok());
  EXPECT_NE(any.error().message.find("offset 2"), std::string::npos);
}

std::string VideoError(const std::string& body) {
  Limits limits;
  auto r = RunVideoSax(body, false, 1, limits);
  return r.ok() ? "ok" : r.error().path + ": " + r.error().message;
}

TEST(JsonBody, TheNanHintOnlyAtNanOrInfinity) {
  const std::string hint = "(NaN and Infinity are not JSON numbers)";
  for (const char* body : {R"({"duration_s": NaN})", R"({"duration_s": Infinity})",
                           R"({"duration_s": -Infinity})", R"({"duration_s": nan})",
                           R"({"duration_s": +Inf})"}) {
    EXPECT_NE(VideoError(body).find(hint), std::string::npos) << body << " -> " << VideoError(body);
    auto any = ParseJsonBody(body);
    ASSERT_FALSE(any.ok());
    EXPECT_NE(any.error().message.find(hint), std::string::npos) << any.error().message;
  }
  for (const char* body : {"{\"title\": \"\xff\"}", R"({"title": tru})", R"({"title": )",
                           R"({"title": info})", R"({"title": nano})",
                           R"({"title" "x"})", "{\"title\": \"a\nb\"}"}) {
    std::string error = VideoError(body);
    EXPECT_NE(error.find("malformed JSON at byte offset"), std::string::npos) << error;
    EXPECT_EQ(error.find(hint), std::string::npos) << body << " -> " << error;
    auto any = ParseJsonBody(body);
    ASSERT_FALSE(any.ok());
    EXPECT_EQ(any.error().message.find(hint), std::string::npos) << any.error().message;
  }
  // The UTF-8 error says what it is, at the offset of the bad byte.
  EXPECT_NE(VideoError("{\"title\": \"\xff\"}").find("offset 11"), std::string::npos)
      << VideoError("{\"title\": \"\xff\"}");
  EXPECT_NE(VideoError("{\"title\": \"\xff\"}").find("UTF-8"), std::string::npos);
}

TEST(IntegerText, ExactIntegersOnly) {
  EXPECT_EQ(IntegerValue("12"), 12);
  EXPECT_EQ(IntegerValue("12.0"), 12);
  EXPECT_EQ(IntegerValue("1.2e1"), 12);
  EXPECT_EQ(IntegerValue("1E3"), 1000);
  EXPECT_EQ(IntegerValue("1e+3"), 1000);
  EXPECT_EQ(IntegerValue("1200e-2"), 12);
  EXPECT_EQ(IntegerValue("-0"), 0);
  EXPECT_EQ(IntegerValue("-0.0"), 0);
  EXPECT_EQ(IntegerValue("0e-400"), 0);
  EXPECT_EQ(IntegerValue("-2.0"), -2);
  EXPECT_EQ(IntegerValue("9223372036854775807.0"), INT64_MAX);
  EXPECT_EQ(IntegerValue("1e30"), INT64_MAX);
  EXPECT_EQ(IntegerValue("-1e30"), -INT64_MAX);
  EXPECT_EQ(IntegerValue("1e999999999999"), INT64_MAX);
  for (const char* fraction : {"1e-400", "1.5", "0.1", "1.0000000000000001", "12e-1", "-1e-400",
                               "1e-999999999999"}) {
    EXPECT_EQ(IntegerValue(fraction), std::nullopt) << fraction;
  }
  for (const char* junk : {"", "-", ".5", "1x", "e5"}) {
    EXPECT_EQ(IntegerValue(junk), std::nullopt) << junk;
  }
}

TEST(IntegerText, CountsWithAFractionHiddenByRoundingAreRefused) {
  const std::string base =
      R"({"title":"t","snapshots":[{"captured_at":"2024-01-01T00:00:00Z","views":)";
  for (bool fast : {true, false}) {
    Limits limits;
    auto tiny = RunVideoSax(base + "1e-400}]}", false, 1, limits, fast);
    ASSERT_FALSE(tiny.ok());
    EXPECT_EQ(tiny.error().path, "$.snapshots[0].views");
    EXPECT_NE(tiny.error().message.find("must be an integer"), std::string::npos);
    auto near = RunVideoSax(base + "1.0000000000000001}]}", false, 1, limits, fast);
    ASSERT_FALSE(near.ok());
    EXPECT_EQ(near.error().path, "$.snapshots[0].views");
    auto exact = RunVideoSax(base + "1.5e3}]}", false, 1, limits, fast);
    ASSERT_TRUE(exact.ok()) << exact.error().ToString();
    EXPECT_EQ(exact->front().snapshots[0].views, 1500);
    auto negative = RunVideoSax(base + "-2.0}]}", false, 1, limits, fast);
    ASSERT_FALSE(negative.ok());
    EXPECT_NE(negative.error().message.find("must not be negative"), std::string::npos);
  }
}

}  // namespace
}  // namespace vv::serve
