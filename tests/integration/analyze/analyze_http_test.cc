// POST /v1/analyze through the whole HTTP stack: an in-process vv serve (test models that echo
// their input) whose analysis talks to the fake Data API v3 on loopback and writes a SQLite
// store through its own connection. Every answer: the six predictions of a video, a channel,
// and each failure with its own status, code and message, nothing half-stored, no key shown.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "collect/analyze.h"
#include "core/time_util.h"
#include "integration/collect/fake_youtube.h"
#include "integration/serve/serve_fixture.h"
#include "serve/analyze_service.h"

namespace vv::serve::testing {
namespace {

using nlohmann::json;
using vv::testing::FakeYouTubeServer;

constexpr const char* kChannel = "UChttp000000000000000001";

class AnalyzeHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("vv_analyze_http_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_url_ = "sqlite:" + (dir_ / "vv.db").string();
    youtube_ = std::make_unique<FakeYouTubeServer>();
    std::string published = FormatIso8601(Now() - std::chrono::hours(6));
    for (auto [id, title, views] : {std::tuple{"httpVideo01", "I tried 100 days of coding", 5000},
                                    std::tuple{"httpVideo02", "Second upload", 800},
                                    std::tuple{"httpPrivat1", "Private", 1}}) {
      auto item = vv::testing::MakeVideoItem(id, kChannel, title, views, views / 20, views / 100, 28);
      item["snippet"]["publishedAt"] = published;
      youtube_->AddVideo(item);
    }
    youtube_->SetPrivate("httpPrivat1");
    youtube_->AddChannel(vv::testing::MakeChannelItem(kChannel, "HTTP Channel", 3400), {"httpVideo02", "httpVideo01"});
    youtube_->SetHandle(kChannel, "@httpchannel");
  }
  void TearDown() override {
    server_.reset();
    youtube_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::shared_ptr<AnalyzeService> service_;

  void Start(bool with_key = true) {
    AnalyzeConfig config;
    config.client.api_base = youtube_->base_url();
    if (with_key) config.client.api_key = youtube_->api_key();
    else config.key_problem = "no YouTube API key: set YOUTUBE_API_KEY or name a key file (--key-file)";
    config.client.retry.max_attempts = 2;
    config.client.retry.base_delay = std::chrono::milliseconds(1);
    config.client.retry.max_delay = std::chrono::milliseconds(2);
    config.error_path = "$.url";
    SessionOptions hooks;
    hooks.sleep = [](std::chrono::milliseconds) {};
    std::string url = db_url_;
    auto service = std::make_shared<AnalyzeService>(
        config, [url]() { return OpenStore(url); },
        MakeCurlFetcher({std::chrono::milliseconds(2000), std::chrono::milliseconds(5000)}), hooks);
    service_ = service;
    auto store = OpenStore(db_url_);
    ASSERT_TRUE(store.ok()) << store.error().ToString();
    server_ = std::make_unique<TestServer>(TestServer::Defaults(), true, std::move(store).value(),
                                           [service](Api& api) { api.set_analyze(service); });
    ASSERT_GT(server_->port, 0);
  }

  HttpResult Analyze(const json& body) {
    HttpResult r = server_->Post("/v1/analyze", body.dump(), {{"Content-Type", "application/json"}});
    EXPECT_EQ(r.body.find(youtube_->api_key()), std::string::npos) << "the API key leaked: " << r.body;
    EXPECT_EQ(r.body.find("SECRET"), std::string::npos) << r.body;
    return r;
  }
  // The error of an answer: {"code", "message", "path"}.
  static json Error(const HttpResult& r) { return r.Json()["error"]; }

  std::filesystem::path dir_;
  std::string db_url_;
  std::unique_ptr<FakeYouTubeServer> youtube_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(AnalyzeHttpTest, AVideoUrlAnswersTheSixPredictionsAndStartsTracking) {
  Start();
  HttpResult r = Analyze({{"url", "https://youtu.be/httpVideo01?si=Xyz&t=3"}});
  ASSERT_EQ(r.status, 200) << r.body;
  json a = r.Json();
  EXPECT_EQ(a["kind"], "video");
  EXPECT_EQ(a["url"], "https://www.youtube.com/watch?v=httpVideo01");
  EXPECT_EQ(a["fetched"], true);
  EXPECT_EQ(a["quota_units"], 2);
  EXPECT_EQ(a["video"]["title"], "I tried 100 days of coding");
  EXPECT_EQ(a["channel"]["title"], "HTTP Channel");
  ASSERT_EQ(a["snapshots"].size(), 1u);
  EXPECT_EQ(a["snapshots"][0]["views"], 5000);
  ASSERT_EQ(a["predictions"].size(), 6u);
  for (const auto& name : ModelNames()) {
    const json& p = a["predictions"][name];
    ASSERT_TRUE(p.contains("prediction")) << name << ": " << p.dump();
    EXPECT_EQ(p["version"], "v1");
    EXPECT_EQ(p["prediction"]["last_views"], 5000) << "the model saw the stored snapshot";
    EXPECT_EQ(p["prediction"]["title_chars"], std::string("I tried 100 days of coding").size());
  }
  EXPECT_EQ(a["tracking"]["active"], true);
  EXPECT_TRUE(a["tracking"]["next_snapshot"].is_string());
  EXPECT_NE(a["tracking"]["schedule"].get<std::string>().find("every 1 h for the first 48 h"), std::string::npos);
  EXPECT_EQ(a["links"]["page"], "/#/videos/httpVideo01");

  // The video page's route says the same: the one prediction path.
  HttpResult page = server_->Get("/v1/videos/httpVideo01");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.Json()["predictions"], a["predictions"]);
  EXPECT_EQ(page.Json()["tracking"], a["tracking"]);

  // Fresh within max_age: from the store, no call.
  int calls = youtube_->total_calls();
  HttpResult again = Analyze({{"url", "https://www.youtube.com/watch?v=httpVideo01"}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.Json()["fetched"], false);
  EXPECT_EQ(again.Json()["quota_units"], 0);
  EXPECT_EQ(youtube_->total_calls(), calls);
  // max_age 0: fetched again, a second snapshot (snapshot times are whole seconds: one later).
  youtube_->SetViews("httpVideo01", 5600);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  HttpResult forced = Analyze({{"url", "httpVideo01"}, {"max_age", 0}});
  ASSERT_EQ(forced.status, 200) << forced.body;
  EXPECT_EQ(forced.Json()["fetched"], true);
  EXPECT_EQ(forced.Json()["max_age_s"], 0);
  EXPECT_EQ(forced.Json()["predictions"]["velocity"]["prediction"]["last_views"], 5600);
  EXPECT_EQ(youtube_->total_calls(), calls + 2);
}

TEST_F(AnalyzeHttpTest, BadRequestsAre400) {
  Start();
  struct Case { std::string body; std::string path; };
  for (const Case& c : {Case{R"({"url": "https://vimeo.com/1"})", "$.url"},
                        Case{R"({"url": "https://www.youtube.com/watch?list=PL1"})", "$.url"},
                        Case{R"({"url": ""})", "$.url"},
                        Case{R"({"url": 42})", "$.url"},
                        Case{R"({})", "$.url"},
                        Case{R"({"url": "httpVideo01", "maxAge": 5})", "$.maxAge"},
                        Case{R"({"url": "httpVideo01", "max_age": -1})", "$.max_age"},
                        Case{R"({"url": "httpVideo01", "max_age": "1h"})", "$.max_age"},
                        Case{R"(["httpVideo01"])", "$"}}) {
    HttpResult r = server_->Post("/v1/analyze", c.body, {{"Content-Type", "application/json"}});
    EXPECT_EQ(r.status, 400) << c.body << " -> " << r.body;
    EXPECT_EQ(Error(r)["code"], "invalid_argument") << c.body;
    EXPECT_EQ(Error(r)["path"], c.path) << c.body << " -> " << r.body;
  }
  HttpResult bad = server_->Post("/v1/analyze", R"({"url": "https://vimeo.com/1"})", {{"Content-Type", "application/json"}});
  EXPECT_NE(Error(bad)["message"].get<std::string>().find("youtu.be/ID"), std::string::npos) << bad.body;
  EXPECT_EQ(youtube_->total_calls(), 0);
}

TEST_F(AnalyzeHttpTest, PrivateDeletedAndUnknownAre404AndStoreNothing) {
  Start();
  for (const char* url : {"https://www.youtube.com/shorts/httpPrivat1", "httpDelete1", "@nobody",
                          "https://www.youtube.com/channel/UCnobody0000000000000001"}) {
    HttpResult r = Analyze({{"url", url}});
    EXPECT_EQ(r.status, 404) << url << " -> " << r.body;
    EXPECT_EQ(Error(r)["code"], "not_found");
    EXPECT_EQ(Error(r)["path"], "$.url");
  }
  HttpResult priv = Analyze({{"url", "httpPrivat1"}});
  EXPECT_NE(Error(priv)["message"].get<std::string>().find("private, deleted or never existed"), std::string::npos)
      << priv.body;
  EXPECT_EQ(server_->Get("/v1/videos/httpPrivat1").status, 404);
  EXPECT_EQ(server_->Get("/v1/videos").Json()["count"], 0);
}

TEST_F(AnalyzeHttpTest, ExhaustedQuotaIs503WithRetryAfter) {
  Start();
  youtube_->SetQuotaExhausted(true);
  HttpResult r = Analyze({{"url", "httpVideo01"}});
  ASSERT_EQ(r.status, 503) << r.body;
  EXPECT_EQ(Error(r)["code"], "quota_exhausted");
  EXPECT_NE(Error(r)["message"].get<std::string>().find("quota"), std::string::npos);
  EXPECT_GE(std::stoi(r.Header("retry-after")), 60);
  EXPECT_EQ(server_->Get("/v1/videos/httpVideo01").status, 404) << "nothing stored";
  // Known exhausted for the rest of the quota day: no request reaches the API.
  int calls = youtube_->total_calls();
  youtube_->SetQuotaExhausted(false);
  EXPECT_EQ(Analyze({{"url", "httpVideo02"}}).status, 503);
  EXPECT_EQ(youtube_->total_calls(), calls);
}

TEST_F(AnalyzeHttpTest, MissingKeyIs503AndSaysHowToSetIt) {
  Start(/*with_key=*/false);
  HttpResult r = Analyze({{"url", "httpVideo01"}});
  ASSERT_EQ(r.status, 503) << r.body;
  EXPECT_EQ(Error(r)["code"], "api_key_missing");
  EXPECT_NE(Error(r)["message"].get<std::string>().find("YOUTUBE_API_KEY"), std::string::npos) << r.body;
  EXPECT_EQ(youtube_->total_calls(), 0);
  // A bad URL is still a 400: the request is judged before the key is needed.
  EXPECT_EQ(Analyze({{"url", "nope"}}).status, 400);
}

TEST_F(AnalyzeHttpTest, ApiDownIs503) {
  Start();
  youtube_->SetFault([](const vv::testing::FakeRequest&, int) -> std::optional<vv::testing::FakeReply> {
    return vv::testing::ErrorReply(500, "backendError", "Backend Error");
  });
  HttpResult r = Analyze({{"url", "httpVideo01"}});
  ASSERT_EQ(r.status, 503) << r.body;
  EXPECT_EQ(Error(r)["code"], "youtube_unavailable");
  EXPECT_EQ(r.body.find("127.0.0.1"), std::string::npos) << "no API address in the answer: " << r.body;
}

TEST_F(AnalyzeHttpTest, AChannelUrlAnswersTheChannelAndItsRecentVideos) {
  Start();
  HttpResult r = Analyze({{"url", "https://www.youtube.com/@httpchannel"}});
  ASSERT_EQ(r.status, 200) << r.body;
  json a = r.Json();
  EXPECT_EQ(a["kind"], "channel");
  EXPECT_EQ(a["input"]["kind"], "handle");
  EXPECT_EQ(a["channel"]["id"], kChannel);
  EXPECT_EQ(a["channel"]["subscribers"], 3400);
  ASSERT_EQ(a["recent_videos"].size(), 2u);
  EXPECT_EQ(a["recent_videos"][0]["id"], "httpVideo02");
  EXPECT_EQ(a["recent_videos"][0]["views"], 800);
  EXPECT_EQ(a["recent_videos"][1]["page"], "/#/videos/httpVideo01");
  EXPECT_EQ(a["quota_units"], 3);
  EXPECT_EQ(a["tracked"], true);
  EXPECT_EQ(server_->Get(std::string("/v1/channels/") + kChannel).status, 200);
  // Its videos have pages with predictions.
  EXPECT_EQ(server_->Get("/v1/videos/httpVideo02").Json()["predictions"].size(), 6u);
}

// `vv serve --track-every`: the server snapshots its tracked videos when they are due, so the
// video page fills in without `vv collect`.
TEST_F(AnalyzeHttpTest, TheServerTakesTheSnapshotsThatAreDue) {
  Start();
  ASSERT_EQ(Analyze({{"url", "httpVideo01"}}).status, 200);
  {
    auto store = OpenStore(db_url_);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->FinishVideoJob("httpVideo01", Now()).ok());  // due now, not in an hour
  }
  youtube_->SetViews("httpVideo01", 7777);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // snapshot times are whole seconds
  service_->StartTracking(std::chrono::seconds(1), [](const std::string&) {});
  json detail;
  for (int i = 0; i < 100; ++i) {
    detail = server_->Get("/v1/videos/httpVideo01").Json();
    if (detail["snapshots"].size() >= 2) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  service_->StopTracking();
  ASSERT_EQ(detail["snapshots"].size(), 2u) << detail.dump();
  EXPECT_EQ(detail["snapshots"][1]["views"], 7777);
  EXPECT_EQ(detail["predictions"]["velocity"]["prediction"]["last_views"], 7777);
  EXPECT_EQ(detail["tracking"]["active"], true);
  EXPECT_GT(detail["tracking"]["next_snapshot"].get<std::string>(), detail["snapshots"][1]["captured_at"].get<std::string>());
}

TEST_F(AnalyzeHttpTest, TheRouteIsDocumented) {
  Start();
  json spec = server_->Get("/openapi.json").Json();
  const json& op = spec["paths"]["/v1/analyze"]["post"];
  EXPECT_EQ(op["requestBody"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/AnalyzeRequest");
  for (const char* status : {"200", "400", "404", "503"}) EXPECT_TRUE(op["responses"].contains(status)) << status;
  EXPECT_TRUE(spec["components"]["schemas"].contains("AnalyzeResponse"));
  EXPECT_TRUE(spec["components"]["schemas"]["VideoDetail"]["properties"].contains("tracking"));
}

}  // namespace
}  // namespace vv::serve::testing
