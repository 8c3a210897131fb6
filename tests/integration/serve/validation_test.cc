// Every kind of bad body gets a 400 (or 413/415) in the one error shape, with the JSON path.
#include <gtest/gtest.h>

#include <functional>

#include "serve_fixture.h"

namespace vv::serve::testing {
namespace {

using nlohmann::json;

class ValidationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new TestServer(); }
  static void TearDownTestSuite() { delete server_; }
  static TestServer* server_;

  // Posts to viral and checks status, code and path of the error.
  void ExpectError(const std::string& body, int status, const std::string& path,
                   const std::string& model = "viral") {
    auto r = server_->Post("/v1/predict/" + model, body);
    EXPECT_EQ(r.status, status) << body.substr(0, 200) << " -> " << r.body;
    json error = r.Json();
    ASSERT_TRUE(error.contains("error")) << r.body;
    EXPECT_EQ(error["error"]["path"], path) << r.body;
    EXPECT_TRUE(error["error"]["message"].is_string());
    EXPECT_TRUE(error["error"]["code"].is_string());
  }
  void ExpectFieldError(const std::function<void(json&)>& edit, const std::string& path) {
    json video = SampleVideo();
    edit(video);
    ExpectError(video.dump(), 400, path);
  }
};
TestServer* ValidationTest::server_ = nullptr;

TEST_F(ValidationTest, MalformedJson) {
  ExpectError("{\"title\": ", 400, "$");
  ExpectError("[1, 2]", 400, "$");
  ExpectError("", 400, "$");
  ExpectError("{\"title\": \"a\"} trailing", 400, "$");
}

TEST_F(ValidationTest, NanAndInfinityAreRefused) {
  ExpectError(R"({"published_at": "2024-01-01T00:00:00Z", "duration_s": NaN})", 400, "$");
  ExpectError(R"({"published_at": "2024-01-01T00:00:00Z", "duration_s": Infinity})", 400, "$");
  // 1e400 would overflow to infinity: refused by the parser, before any field is known.
  ExpectError(R"({"published_at": "2024-01-01T00:00:00Z", "duration_s": 1e400})", 400, "$");
}

TEST_F(ValidationTest, WrongTypes) {
  ExpectFieldError([](json& v) { v["title"] = 42; }, "$.title");
  ExpectFieldError([](json& v) { v["tags"] = "a,b"; }, "$.tags");
  ExpectFieldError([](json& v) { v["tags"][1] = true; }, "$.tags[1]");
  ExpectFieldError([](json& v) { v["category_id"] = "28"; }, "$.category_id");
  ExpectFieldError([](json& v) { v["channel"] = json::array(); }, "$.channel");
  ExpectFieldError([](json& v) { v["channel"]["subscribers"] = "many"; }, "$.channel.subscribers");
  ExpectFieldError([](json& v) { v["snapshots"] = json::object(); }, "$.snapshots");
  ExpectFieldError([](json& v) { v["snapshots"][0] = 5; }, "$.snapshots[0]");
  ExpectFieldError([](json& v) { v["snapshots"][1]["likes"] = 2.5; }, "$.snapshots[1].likes");
}

TEST_F(ValidationTest, NegativeCounts) {
  ExpectFieldError([](json& v) { v["snapshots"][1]["views"] = -1; }, "$.snapshots[1].views");
  ExpectFieldError([](json& v) { v["channel"]["views"] = -5; }, "$.channel.views");
  ExpectFieldError([](json& v) { v["duration_s"] = -10; }, "$.duration_s");
  ExpectFieldError([](json& v) { v["category_id"] = 0; }, "$.category_id");
}

TEST_F(ValidationTest, DatesMustBeIso8601) {
  ExpectFieldError([](json& v) { v["published_at"] = "yesterday"; }, "$.published_at");
  ExpectFieldError([](json& v) { v["published_at"] = "01/05/2024"; }, "$.published_at");
  ExpectFieldError([](json& v) { v["snapshots"][0]["captured_at"] = "2024-13-01T00:00:00Z"; },
                   "$.snapshots[0].captured_at");
  ExpectFieldError([](json& v) { v["snapshots"][1].erase("captured_at"); },
                   "$.snapshots[1].captured_at");
}

TEST_F(ValidationTest, SnapshotsMustBeInOrder) {
  ExpectFieldError(
      [](json& v) {
        v["snapshots"].push_back({{"captured_at", "2024-05-01T20:00:00Z"}, {"views", 5000}});
      },
      "$.snapshots[2].captured_at");
  ExpectFieldError([](json& v) { v["snapshots"][1]["captured_at"] = v["snapshots"][0]["captured_at"]; },
                   "$.snapshots[1].captured_at");
}

TEST_F(ValidationTest, StringsOverTheirLimits) {
  ExpectFieldError([](json& v) { v["title"] = std::string(201, 'a'); }, "$.title");
  ExpectFieldError([](json& v) { v["description"] = std::string(10001, 'a'); }, "$.description");
  ExpectFieldError([](json& v) { v["tags"] = json::array(); for (int i = 0; i < 101; ++i) v["tags"].push_back("t"); },
                   "$.tags");
  ExpectFieldError([](json& v) { v["tags"][0] = std::string(101, 't'); }, "$.tags[0]");
  // Limits count characters, not bytes: 200 two-byte characters are fine.
  json video = SampleVideo();
  std::string title;
  for (int i = 0; i < 200; ++i) title += "\xC3\xA9";
  video["title"] = title;
  EXPECT_EQ(server_->Post("/v1/predict/viral", video.dump()).status, 200);
}

TEST_F(ValidationTest, UnknownFieldsAreNamed) {
  ExpectFieldError([](json& v) { v["publishedAt"] = "2024-01-01"; }, "$.publishedAt");
  ExpectFieldError([](json& v) { v["snapshots"][0]["view"] = 3; }, "$.snapshots[0].view");
}

TEST_F(ValidationTest, DuplicateKeysAreRefused) {
  ExpectError(R"({"published_at": "2024-01-01", "title": "a", "title": "b"})", 400, "$.title");
  ExpectError(R"({"published_at": "2024-01-01", "channel": {"views": 1, "views": 2}})", 400,
              "$.channel.views");
}

TEST_F(ValidationTest, BatchShape) {
  auto expect = [&](const std::string& body, const std::string& path) {
    auto r = server_->Post("/v1/predict/batch", body);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_EQ(r.Json()["error"]["path"], path) << body << " -> " << r.body;
  };
  expect("{}", "$.videos");
  expect(R"({"videos": []})", "$.videos");
  expect(R"({"videos": {}})", "$.videos");
  expect(R"({"videos": [{"title": 1}]})", "$.videos[0].title");
  expect(R"({"videos": [{}, 7]})", "$.videos[1]");
  expect(R"({"video": []})", "$.video");
}

TEST_F(ValidationTest, RequiredFieldPerModel) {
  json video = SampleVideo();
  video.erase("title");
  ExpectError(video.dump(), 400, "$.title", "clickbait");
  video = SampleVideo();
  video.erase("snapshots");
  ExpectError(video.dump(), 400, "$.snapshots", "anomaly");
  video = SampleVideo();
  video.erase("published_at");
  ExpectError(video.dump(), 400, "$.published_at", "velocity");
}

TEST_F(ValidationTest, NonJsonContentTypeIs415) {
  auto r = server_->Post("/v1/predict/viral", SampleVideo().dump(),
                         {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(r.status, 415);
  EXPECT_EQ(r.Json()["error"]["code"], "unsupported_media_type");
}

TEST_F(ValidationTest, ServerSurvivesGarbage) {
  // Bytes that are not UTF-8 inside a JSON string, deep nesting, and a huge number.
  ExpectError("{\"title\": \"\xff\xfe\"}", 400, "$");
  ExpectError(std::string(5000, '[') + std::string(5000, ']'), 400, "$");
  ExpectFieldError([](json& v) { v["channel"]["views"] = 1e30; }, "$.channel.views");
  EXPECT_EQ(server_->Get("/healthz").status, 200);
}

// Issue 14 item 8: the edges of each kind of input, over real HTTP.
TEST_F(ValidationTest, DateFieldsOutOfRangeAreNamed) {
  for (const char* offset : {"+25:00", "+99:99", "+00:60", "-24:00"}) {
    json video = SampleVideo();
    video["published_at"] = std::string("2024-05-01T12:00:00") + offset;
    auto r = server_->Post("/v1/predict/viral", video.dump());
    EXPECT_EQ(r.status, 400) << offset;
    EXPECT_EQ(r.Json()["error"]["path"], "$.published_at");
    EXPECT_NE(r.Json()["error"]["message"].get<std::string>().find(
                  std::string("time-zone offset ") + offset + " is outside"),
              std::string::npos) << r.body;
  }
  json video = SampleVideo();
  video["snapshots"][0]["captured_at"] = "0000-01-01T00:00:00Z";
  auto r = server_->Post("/v1/predict/viral", video.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.Json()["error"]["path"], "$.snapshots[0].captured_at");
  EXPECT_NE(r.Json()["error"]["message"].get<std::string>().find("year 0000"), std::string::npos);
  video = SampleVideo();
  video["published_at"] = "2024-05-01T12:00:00+23:59";
  EXPECT_EQ(server_->Post("/v1/predict/viral", video.dump()).status, 200);
}

TEST_F(ValidationTest, ANulByteInTheBodyIs400WithItsOffset) {
  const std::string body = SampleVideo().dump();
  for (const std::string& cut : {body + std::string(1, '\0') + "{\"title\": 1}",
                                 body.substr(0, 10) + std::string(1, '\0') + body.substr(10)}) {
    auto r = server_->Post("/v1/predict/viral", cut);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.Json()["error"]["path"], "$");
    EXPECT_NE(r.Json()["error"]["message"].get<std::string>().find("NUL byte at byte offset"),
              std::string::npos) << r.body;
  }
  // The admin body parser too.
  auto r = server_->Post("/v1/models/viral/promote", std::string("{\"version\": \"v1\"}\0x", 19),
                         {{"Authorization", "Bearer sekret"}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.body.find("NUL byte at byte offset 17"), std::string::npos) << r.body;
}

TEST_F(ValidationTest, CountsMustBeExactIntegers) {
  std::string body = SampleVideo().dump();
  const std::string views = "\"views\":4200";
  ASSERT_NE(body.find(views), std::string::npos);
  for (const char* number : {"1e-400", "4200.000000000001", "0.5"}) {
    std::string edited = body;
    edited.replace(edited.find(views), views.size(), std::string("\"views\":") + number);
    auto r = server_->Post("/v1/predict/viral", edited);
    EXPECT_EQ(r.status, 400) << number << " -> " << r.body;
    EXPECT_EQ(r.Json()["error"]["path"], "$.snapshots[1].views") << r.body;
  }
  // An integer spelled with a fraction or an exponent is still that integer.
  std::string exact = body;
  exact.replace(exact.find(views), views.size(), "\"views\":4.2e3");
  EXPECT_EQ(server_->Post("/v1/predict/viral", exact).status, 200);
}

TEST_F(ValidationTest, ContentTypeIsAParsedMediaType) {
  const std::string body = SampleVideo().dump();
  for (const char* type : {"APPLICATION/JSON", "application/json; charset=utf-8",
                           "Application/Json;charset=UTF-8"}) {
    EXPECT_EQ(server_->Post("/v1/predict/viral", body, {{"Content-Type", type}}).status, 200)
        << type;
  }
  for (const char* type : {"application/jsonp", "application/json-seq", "text/json",
                           "application/x-json"}) {
    auto r = server_->Post("/v1/predict/viral", body, {{"Content-Type", type}});
    EXPECT_EQ(r.status, 415) << type;
    EXPECT_EQ(r.Json()["error"]["code"], "unsupported_media_type");
  }
}

TEST_F(ValidationTest, TheNanHintOnlyWhereThereIsNaN) {
  const std::string hint = "NaN and Infinity are not JSON numbers";
  auto nan = server_->Post("/v1/predict/viral", R"({"duration_s": NaN})");
  EXPECT_EQ(nan.status, 400);
  EXPECT_NE(nan.body.find(hint), std::string::npos) << nan.body;
  for (const std::string& body :
       {std::string("{\"title\": \"\xff\"}"), std::string("{\"title\": ")}) {
    auto r = server_->Post("/v1/predict/viral", body);
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("malformed JSON at byte offset"), std::string::npos) << r.body;
    EXPECT_EQ(r.body.find(hint), std::string::npos) << r.body;
  }
}

}  // namespace
}  // namespace vv::serve::testing
