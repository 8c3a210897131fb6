// Trending collection against the fake API: rows, run records, and each injected fault.
#include <gtest/gtest.h>

#include "integration/collect/collect_fixture.h"

namespace vv::testing {
namespace {

class TrendingTest : public CollectTest {
 protected:
  void SetUp() override {
    CollectTest::SetUp();
    us_ = AddVideos("us", 120);
    gb_ = AddVideos("gb", 20);
    std::vector<std::string> gb_chart = gb_;
    gb_chart.insert(gb_chart.end(), us_.begin(), us_.begin() + 10);  // 10 trend in both
    server_->SetTrending("US", 0, us_);
    server_->SetTrending("GB", 0, gb_chart);
  }
  CollectConfig TrendingConfig() {
    CollectConfig config = Config();
    config.regions = {"US", "GB"};
    return config;
  }
  std::vector<std::string> us_, gb_;
};

TEST_F(TrendingTest, FillsStoreAndRecordsTheRun) {
  auto collector = MakeCollector(TrendingConfig());
  auto run = collector.CollectTrending();
  ASSERT_TRUE(run.ok()) << run.error().ToString();
  EXPECT_EQ(run->status, "ok") << run->message;
  EXPECT_EQ(run->calls, 4);  // US: 3 pages of 50, GB: 1 page
  EXPECT_EQ(run->units, 4);
  EXPECT_EQ(run->errors, 0);
  // 140 videos; the 10 shared ones are snapshotted once at this instant.
  ExpectWholeStore(140, 140);
  // Rows written: the 10 shared videos are upserted twice (their GB listing refreshes them).
  EXPECT_EQ(run->rows, 150 + 140);
  CollectionRun stored = LastRun();
  EXPECT_EQ(stored.id, run->id);
  EXPECT_EQ(stored.status, "ok");
  EXPECT_TRUE(stored.ended_at.has_value());
  EXPECT_EQ(stored.units, 4);
  auto v = store_->GetVideo("us14");
  ASSERT_TRUE(v.ok() && v->has_value());
  EXPECT_EQ((*v)->title, "Video & us14");
  EXPECT_EQ((*v)->tags, (std::vector<std::string>{"Music", "Live"}));  // first spelling kept
  EXPECT_EQ((*v)->source, "youtube:US");
  EXPECT_TRUE((*v)->ratings_disabled);  // likeCount hidden for every 7th video
  EXPECT_EQ((*store_->GetVideo("us0"))->source, "youtube:GB");  // the latest listing wins

  // An hour later: same videos, one more snapshot each, nothing duplicated.
  Advance(std::chrono::hours(1));
  server_->SetViews("us0", 999999);
  auto again = MakeCollector(TrendingConfig()).CollectTrending();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->status, "ok");
  ExpectWholeStore(140, 280);
  auto snaps = store_->LoadSnapshots("us0");
  ASSERT_EQ(snaps->size(), 2u);
  EXPECT_EQ(snaps->back().views, 999999);
}

TEST_F(TrendingTest, CategoriesAreSeparateCharts) {
  server_->SetTrending("US", 10, {us_.begin(), us_.begin() + 5});
  CollectConfig config = TrendingConfig();
  config.regions = {"US"};
  config.categories = {10, 20};
  auto run = MakeCollector(config).CollectTrending();
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->status, "ok");
  EXPECT_EQ(run->calls, 2);
  ExpectWholeStore(5, 5);
}

TEST_F(TrendingTest, TruncatedJsonMidPaginationKeepsWholePagesAndResumes) {
  server_->SetFault([](const FakeRequest& r, int) -> std::optional<FakeReply> {
    if (r.Param("pageToken") == "page-50") return FakeReply{.body = R"({"kind":"youtube#videoListResponse","items":[{"id":)"};
    return std::nullopt;
  });
  auto run = MakeCollector(TrendingConfig()).CollectTrending();
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->status, "partial");
  EXPECT_EQ(run->errors, 1);
  EXPECT_NE(run->message.find("not valid JSON"), std::string::npos) << run->message;
  EXPECT_NE(run->message.find("left for the next run: US from page 2"), std::string::npos) << run->message;
  // US page 1 and GB whole; GB's 10 US videos were on US page 1, at the same instant.
  ExpectWholeStore(50 + 20, 50 + 20);
  server_->SetFault(nullptr);
  Advance(std::chrono::minutes(5));
  auto next = MakeCollector(TrendingConfig()).CollectTrending();
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->status, "ok");
  ExpectWholeStore(140, 70 + 140);
}

TEST_F(TrendingTest, BadItemsAreSkippedAndNamed) {
  nlohmann::json wrong_type = MakeVideoItem("us15", "UCchannel0000000000000001", "T", 1, 1, 1);
  wrong_type["statistics"]["viewCount"] = nlohmann::json::array({1});
  server_->AddVideo(wrong_type);
  nlohmann::json missing = MakeVideoItem("us16", "UCchannel0000000000000001", "T", 1, 1, 1);
  missing["snippet"].erase("channelId");
  server_->AddVideo(missing);
  auto run = MakeCollector(TrendingConfig()).CollectTrending();
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->status, "partial");
  EXPECT_EQ(run->errors, 2);
  EXPECT_NE(run->message.find("$.items[15].statistics.viewCount"), std::string::npos) << run->message;
  EXPECT_NE(run->message.find("$.items[16].snippet.channelId"), std::string::npos) << run->message;
  ExpectWholeStore(138, 138);
  EXPECT_FALSE(store_->GetVideo("us15")->has_value());
}

TEST_F(TrendingTest, ServerErrorMidPaginationAfterRetries) {
  server_->SetFault([](const FakeRequest& r, int) -> std::optional<FakeReply> {
    if (r.Param("pageToken") == "page-100") return ErrorReply(500, "backendError", "Backend Error");
    return std::nullopt;
  });
  auto run = MakeCollector(TrendingConfig()).CollectTrending();
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->status, "partial");
  EXPECT_EQ(run->calls, 2 + 3 + 1);  // two good pages, three attempts at page 3, GB
  EXPECT_NE(run->message.find("US from page 3"), std::string::npos) << run->message;
  ExpectWholeStore(120, 120);  // US pages 1-2 and GB's 20 own videos
}

TEST_F(TrendingTest, DroppedConnectionIsRetried) {
  server_->SetFault([](const FakeRequest&, int n) -> std::optional<FakeReply> {
    if (n == 2) return FakeReply{.drop_connection = true};
    if (n == 3) return FakeReply{.body = std::string(1000, ' '), .cut_after_bytes = 10};
    return std::nullopt;
  });
  auto run = MakeCollector(TrendingConfig()).CollectTrending();
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->status, "ok") << run->message;
  EXPECT_EQ(run->calls, 6);
  ExpectWholeStore(140, 140);
}

TEST_F(TrendingTest, QuotaExceededMidRunSavesWhatItHas) {
  server_->SetFault([](const FakeRequest&, int n) -> std::optional<FakeReply> {
    if (n >= 3) return QuotaExceededReply();
    return std::nullopt;
  });
  auto run = MakeCollector(TrendingConfig()).CollectTrending();
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->status, "quota_exceeded");
  EXPECT_EQ(ExitCodeForRun(*run), 75);
  EXPECT_EQ(server_->total_calls(), 3);  // nothing after the API said stop
  EXPECT_NE(run->message.find("left for the next run: US from page 3, GB"), std::string::npos) << run->message;
  ExpectWholeStore(100, 100);
  server_->SetFault(nullptr);
  // Later the same quota day: no request at all, the run says why.
  Advance(std::chrono::hours(1));
  auto same_day = MakeCollector(TrendingConfig()).CollectTrending();
  ASSERT_TRUE(same_day.ok());
  EXPECT_EQ(same_day->status, "quota_exceeded");
  EXPECT_EQ(server_->total_calls(), 3);
  EXPECT_NE(same_day->message.find("earlier this quota day (run " + std::to_string(run->id) + ")"),
            std::string::npos) << same_day->message;
  Advance(std::chrono::hours(24));
  auto next = MakeCollector(TrendingConfig()).CollectTrending();
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->status, "ok");
  ExpectWholeStore(140, 240);
}

TEST_F(TrendingTest, DailyBudgetStopsBeforeExceeding) {
  CollectConfig config = TrendingConfig();
  config.daily_budget = 3;
  auto run = MakeCollector(config).CollectTrending();
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->status, "budget_reached");
  EXPECT_EQ(run->units, 3);
  EXPECT_EQ(server_->total_calls(), 3);
  // Same quota day: nothing left, no call made.
  Advance(std::chrono::hours(1));
  auto same_day = MakeCollector(config).CollectTrending();
  ASSERT_TRUE(same_day.ok());
  EXPECT_EQ(same_day->status, "budget_reached");
  EXPECT_EQ(server_->total_calls(), 3);
  // The next quota day (midnight Pacific = 08:00 UTC) has a fresh budget.
  Advance(std::chrono::hours(20));
  auto next_day = MakeCollector(config).CollectTrending();
  ASSERT_TRUE(next_day.ok());
  EXPECT_EQ(next_day->units, 3);
  EXPECT_EQ(server_->total_calls(), 6);
}

TEST_F(TrendingTest, RejectedKeyFailsClearlyWithoutLeaking) {
  CollectConfig config = TrendingConfig();
  config.client.api_key = "AIza-wrong-SECRET";
  auto run = MakeCollector(config).CollectTrending();
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->status, "failed");
  EXPECT_EQ(server_->total_calls(), 1);
  EXPECT_NE(run->message.find("YOUTUBE_API_KEY"), std::string::npos) << run->message;
  EXPECT_EQ(run->message.find("AIza-wrong-SECRET"), std::string::npos) << run->message;
  EXPECT_NE(run->message.find("key=***"), std::string::npos) << run->message;
}

}  // namespace
}  // namespace vv::testing
