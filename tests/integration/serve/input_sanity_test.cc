// Issue 12 item 1 through the real HTTP stack: impossible input is a 400 naming every field at
// fault at once; unusual input is answered with a `warnings` list, on every predict route and
// from the cache as well.
#include <gtest/gtest.h>

#include "serve_fixture.h"

namespace vv::serve::testing {
namespace {

using nlohmann::json;

class InputSanityTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new TestServer(); }
  static void TearDownTestSuite() { delete server_; }
  static TestServer* server_;
};
TestServer* InputSanityTest::server_ = nullptr;

std::vector<std::string> FieldPaths(const json& error) {
  std::vector<std::string> out;
  for (const auto& f : error["fields"]) out.push_back(f["path"]);
  return out;
}

std::vector<std::string> WarningPaths(const json& answer) {
  std::vector<std::string> out;
  for (const auto& w : answer["warnings"]) out.push_back(w["path"].get<std::string>() + " " +
                                                         w["code"].get<std::string>());
  return out;
}

TEST_F(InputSanityTest, SnapshotsBeforePublicationAreRefusedAllAtOnce) {
  json video = SampleVideo();
  video["published_at"] = "2024-05-03T00:00:00Z";
  video["as_of"] = "2024-05-01T00:00:00Z";
  for (const std::string route : {"/v1/predict", "/v1/predict/velocity"}) {
    auto r = server_->Post(route, video.dump());
    ASSERT_EQ(r.status, 400) << route << " " << r.body;
    json error = r.Json()["error"];
    EXPECT_EQ(error["code"], "invalid_argument");
    EXPECT_EQ(error["path"], "$.snapshots[0].captured_at");
    EXPECT_EQ(FieldPaths(error),
              (std::vector<std::string>{"$.snapshots[0].captured_at",
                                        "$.snapshots[1].captured_at", "$.as_of"}));
    EXPECT_NE(error["fields"][0]["message"].get<std::string>().find("before the publish date"),
              std::string::npos);
  }
  // In a batch the paths say which video.
  json batch = {{"videos", {SampleVideo(), video}}};
  auto r = server_->Post("/v1/predict/batch", batch.dump());
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.Json()["error"]["path"], "$.videos[1].snapshots[0].captured_at");
  EXPECT_EQ(r.Json()["error"]["fields"].size(), 3u);
}

TEST_F(InputSanityTest, AsOfBeforeTheLastSnapshotIsRefused) {
  json video = SampleVideo();
  video["as_of"] = "2024-05-01T20:00:00Z";  // between the two snapshots
  auto r = server_->Post("/v1/predict/viral", video.dump());
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.Json()["error"]["path"], "$.as_of");
  EXPECT_NE(r.Json()["error"]["message"].get<std::string>().find("before the last snapshot"),
            std::string::npos);
}

TEST_F(InputSanityTest, APlausibleVideoHasAnEmptyWarningsList) {
  for (const std::string route : {"/v1/predict", "/v1/predict/viral"}) {
    auto r = server_->Post(route, SampleVideo().dump());
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.Json()["warnings"], json::array()) << route;
  }
  auto r = server_->Post("/v1/predict/batch", json{{"videos", {SampleVideo()}}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["warnings"], json::array());
}

TEST_F(InputSanityTest, UnusualInputIsAnsweredWithWarnings) {
  json video = SampleVideo();
  video["published_at"] = "2099-05-01T12:00:00Z";
  video["snapshots"] = {{{"captured_at", "2099-05-01T18:00:00Z"}, {"views", 5000}, {"likes", 90}},
                        {{"captured_at", "2099-05-02T00:00:00Z"}, {"views", 4200}, {"likes", 4300}}};
  video["title"] = "";
  const std::vector<std::string> expected = {
      "$.published_at published_in_future", "$.snapshots[1].views views_fell",
      "$.snapshots[1].likes likes_above_views", "$.title required_missing"};
  // Twice: the second answer comes from the cache and must carry the warnings too.
  for (int round = 0; round < 2; ++round) {
    auto r = server_->Post("/v1/predict", video.dump());
    ASSERT_EQ(r.status, 200) << r.body;
    json answer = r.Json();
    EXPECT_EQ(WarningPaths(answer), expected) << round;
    EXPECT_EQ(answer["predictions"].size(), 6u);
    EXPECT_TRUE(answer["predictions"]["clickbait"].contains("error"));
    for (const auto& w : answer["warnings"]) EXPECT_TRUE(w["message"].is_string());
  }
  // One model: the fields it does not need are not warned about.
  auto r = server_->Post("/v1/predict/velocity", video.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(WarningPaths(r.Json()),
            (std::vector<std::string>{"$.published_at published_in_future",
                                      "$.snapshots[1].views views_fell",
                                      "$.snapshots[1].likes likes_above_views"}));
  // A batch: warnings at each video's path, for the models asked.
  r = server_->Post("/v1/predict/batch?models=viral",
                    json{{"videos", {SampleVideo(), video}}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(WarningPaths(r.Json()),
            (std::vector<std::string>{"$.videos[1].published_at published_in_future",
                                      "$.videos[1].snapshots[1].views views_fell",
                                      "$.videos[1].snapshots[1].likes likes_above_views"}));
}

}  // namespace
}  // namespace vv::serve::testing
