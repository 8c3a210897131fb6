// Analysis by URL (collect/analyze.h) against the fake Data API v3: what is fetched, stored and
// tracked, what is answered from the store, and every failure leaving nothing half-stored. Then
// the tracking schedule as `vv collect videos` follows it. The main cases run on SQLite and,
// with VV_TEST_PG_URL, on PostgreSQL.
#include <gtest/gtest.h>

#include "collect/analyze.h"
#include "core/time_util.h"
#include "integration/collect/collect_fixture.h"

namespace vv::testing {
namespace {

constexpr const char* kChannel = "UCanalyze000000000000001";
constexpr const char* kVideo = "anaVideo001";    // published 24 h before the test clock
constexpr const char* kOld = "anaVideoOld";      // published 40 days before
constexpr const char* kPrivate = "anaPrivate1";
constexpr const char* kDeleted = "anaDeleted1";

// The world every analysis test sees: one channel (@analyzer, /user/analyzerold) with three
// uploads, a private video, a deleted one.
void AddWorld(FakeYouTubeServer& server) {
  server.AddVideo(MakeVideoItem(kVideo, kChannel, "I tried 100 days of coding", 5000, 250, 40, 28));
  auto old = MakeVideoItem(kOld, kChannel, "An old video", 90000, 900, 80, 28);
  old["snippet"]["publishedAt"] = "2024-01-22T12:00:00Z";
  server.AddVideo(old);
  server.AddVideo(MakeVideoItem("anaVideo002", kChannel, "Second upload", 700, 20, 3, 28));
  server.AddVideo(MakeVideoItem(kPrivate, kChannel, "Private", 1, 0, 0, 28));
  server.SetPrivate(kPrivate);
  server.AddVideo(MakeVideoItem(kDeleted, kChannel, "Deleted", 1, 0, 0, 28));
  server.RemoveVideo(kDeleted);
  server.AddChannel(MakeChannelItem(kChannel, "Analyzer", 12000), {"anaVideo002", kVideo, kOld});
  server.SetHandle(kChannel, "@Analyzer");
  server.SetUsername(kChannel, "analyzerold");
}

template <typename Base>
class AnalyzeFixture : public Base {
 protected:
  void SetUp() override {
    Base::SetUp();
    if (this->IsSkipped() || this->HasFatalFailure()) return;
    AddWorld(*this->server_);
  }
  AnalyzeConfig Config(std::chrono::seconds max_age = std::chrono::hours(1)) const {
    AnalyzeConfig config;
    CollectConfig collect = Base::Config();
    config.client = collect.client;
    config.max_age = max_age;
    config.error_path = "$.url";
    return config;
  }
  SessionOptions Hooks() {
    SessionOptions hooks;
    hooks.clock = [this] { return this->clock_; };
    hooks.sleep = [](std::chrono::milliseconds) {};
    return hooks;
  }
  Result<AnalyzeResult> Analyze(const std::string& url, const AnalyzeConfig& config) {
    Analyzer analyzer(*this->store_, *this->fetcher_, config, Hooks());
    auto result = analyzer.Analyze(url);
    detail_ = analyzer.last_error_detail();
    return result;
  }
  Result<AnalyzeResult> Analyze(const std::string& url) { return Analyze(url, Config()); }
  std::string detail_;  // the last failure's whole error (Analyzer::last_error_detail)
  size_t Snapshots(const std::string& id) { return this->store_->LoadSnapshots(id)->size(); }
  bool Stored(const std::string& id) { return this->store_->GetVideo(id)->has_value(); }

  // A video: fetched with its channel (2 calls), stored, tracked; fresh: not fetched again.
  void VideoIsFetchedStoredTrackedThenFresh() {
    auto result = Analyze("https://www.youtube.com/watch?feature=share&v=anaVideo001&t=42s");
    ASSERT_TRUE(result.ok()) << result.error().ToString();
    EXPECT_TRUE(result->fetched);
    EXPECT_EQ(result->video_id, kVideo);
    EXPECT_EQ(result->channel_id, kChannel);
    EXPECT_EQ(result->units, 2);
    EXPECT_EQ(this->server_->calls("videos"), 1);
    EXPECT_EQ(this->server_->calls("channels"), 1);
    auto video = this->store_->GetVideo(kVideo);
    ASSERT_TRUE(video.ok() && video->has_value());
    EXPECT_EQ((*video)->title, "I tried 100 days of coding");
    EXPECT_EQ((*video)->source, kAnalyzeSource);
    auto channel = this->store_->GetChannel(kChannel);
    ASSERT_TRUE(channel.ok() && channel->has_value());
    EXPECT_EQ((*channel)->subscribers, 12000);
    auto snaps = this->store_->LoadSnapshots(kVideo);
    ASSERT_EQ(snaps->size(), 1u);
    EXPECT_EQ((*snaps)[0].views, 5000);
    EXPECT_EQ((*snaps)[0].captured_at, this->clock_);
    // Published 24 h ago: dense phase, next snapshot in an hour.
    auto tracked = this->store_->GetTrackedVideo(kVideo);
    ASSERT_TRUE(tracked.ok() && tracked->has_value()) << (tracked.ok() ? "" : tracked.error().ToString());
    EXPECT_EQ((*tracked)->tracked_since, this->clock_);
    EXPECT_EQ((*tracked)->next_due, this->clock_ + std::chrono::hours(1));
    EXPECT_EQ((*tracked)->reason, "analyze");
    EXPECT_EQ((*tracked)->ended, "");
    auto run = this->LastRun();
    EXPECT_EQ(run.kind, "analyze");
    EXPECT_EQ(run.status, "ok") << run.message;
    EXPECT_EQ(run.units, 2);
    EXPECT_EQ(run.id, result->run_id);

    // Within max_age: answered from the store, not a call more.
    this->Advance(std::chrono::minutes(30));
    auto fresh = Analyze("youtu.be/anaVideo001");
    ASSERT_TRUE(fresh.ok()) << fresh.error().ToString();
    EXPECT_FALSE(fresh->fetched);
    EXPECT_EQ(fresh->units, 0);
    EXPECT_EQ(this->server_->total_calls(), 2);
    EXPECT_EQ(fresh->snapshot_at, this->clock_ - std::chrono::minutes(30));
    ASSERT_TRUE(fresh->tracking.has_value());
    EXPECT_EQ(fresh->tracking->tracked_since, this->clock_ - std::chrono::minutes(30));

    // Older than max_age: fetched again, a second snapshot; tracking keeps its start.
    this->Advance(std::chrono::minutes(31));
    this->server_->SetViews(kVideo, 6100);
    auto again = Analyze("anaVideo001");
    ASSERT_TRUE(again.ok()) << again.error().ToString();
    EXPECT_TRUE(again->fetched);
    EXPECT_EQ(this->server_->total_calls(), 4);
    EXPECT_EQ(Snapshots(kVideo), 2u);
    EXPECT_EQ(again->tracking->tracked_since, this->clock_ - std::chrono::minutes(61));
    EXPECT_EQ(this->store_->LoadSnapshots(kVideo)->back().views, 6100);

    // max_age 0: always fetched.
    this->Advance(std::chrono::seconds(5));
    auto forced = Analyze("anaVideo001", Config(std::chrono::seconds(0)));
    ASSERT_TRUE(forced.ok());
    EXPECT_TRUE(forced->fetched);
    EXPECT_EQ(Snapshots(kVideo), 3u);
  }

  // Private, deleted: 404 with a message that says so; one unit spent, nothing stored.
  void GoneVideosAreNotFound() {
    for (const char* id : {kPrivate, kDeleted}) {
      auto result = Analyze(std::string("https://m.youtube.com/shorts/") + id);
      ASSERT_FALSE(result.ok()) << id;
      EXPECT_EQ(result.error().code, ErrorCode::kNotFound) << id;
      EXPECT_EQ(result.error().path, "$.url");
      EXPECT_NE(result.error().message.find("private, deleted"), std::string::npos) << result.error().message;
      EXPECT_FALSE(Stored(id));
      EXPECT_EQ(this->LastRun().units, 1);
    }
    this->ExpectWholeStore(0, 0);
  }

  // quotaExceeded from the API: 503-worthy, nothing stored, and no call more that quota day.
  void QuotaExceededStoresNothing() {
    this->server_->SetQuotaExhausted(true);
    auto result = Analyze("anaVideo001");
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::kResourceExhausted);
    EXPECT_NE(result.error().message.find("quota"), std::string::npos);
    EXPECT_EQ(this->LastRun().status, "quota_exceeded");
    this->ExpectWholeStore(0, 0);
    int calls = this->server_->total_calls();
    this->server_->SetQuotaExhausted(false);
    auto later = Analyze("anaVideo001");
    ASSERT_FALSE(later.ok());
    EXPECT_EQ(later.error().code, ErrorCode::kResourceExhausted);
    EXPECT_EQ(this->server_->total_calls(), calls) << "the API said quotaExceeded: nothing asked until the reset";
    // The next quota day: asked again.
    this->Advance(std::chrono::hours(24));
    auto tomorrow = Analyze("anaVideo001");
    ASSERT_TRUE(tomorrow.ok()) << tomorrow.error().ToString();
  }

  // A channel by its handle: stored with its uploads, tracked for `vv collect channels`.
  void ChannelByHandle() {
    auto result = Analyze("https://www.youtube.com/@analyzer/videos");
    ASSERT_TRUE(result.ok()) << result.error().ToString();
    EXPECT_EQ(result->channel_id, kChannel);
    EXPECT_EQ(result->recent_video_ids, (std::vector<std::string>{"anaVideo002", kVideo, kOld}));
    EXPECT_EQ(result->units, 3);
    auto forHandle = this->server_->requests()[0];
    EXPECT_EQ(forHandle.Param("forHandle"), "@analyzer");
    EXPECT_TRUE(this->store_->GetChannel(kChannel)->has_value());
    this->ExpectWholeStore(3, 3);
    auto due = this->store_->ClaimChannelJobs("w", this->clock_ + std::chrono::hours(2),
                                              this->clock_ + std::chrono::hours(3), 10);
    ASSERT_TRUE(due.ok());
    EXPECT_EQ(*due, std::vector<std::string>{kChannel});
  }
};

using AnalyzeTest = AnalyzeFixture<CollectTest>;
using PgAnalyzeTest = AnalyzeFixture<PgCollectTest>;

TEST_F(AnalyzeTest, VideoIsFetchedStoredTrackedThenFresh) { VideoIsFetchedStoredTrackedThenFresh(); }
TEST_F(PgAnalyzeTest, VideoIsFetchedStoredTrackedThenFresh) { VideoIsFetchedStoredTrackedThenFresh(); }
TEST_F(AnalyzeTest, GoneVideosAreNotFound) { GoneVideosAreNotFound(); }
TEST_F(PgAnalyzeTest, GoneVideosAreNotFound) { GoneVideosAreNotFound(); }
TEST_F(AnalyzeTest, QuotaExceededStoresNothing) { QuotaExceededStoresNothing(); }
TEST_F(PgAnalyzeTest, QuotaExceededStoresNothing) { QuotaExceededStoresNothing(); }
TEST_F(AnalyzeTest, ChannelByHandle) { ChannelByHandle(); }
TEST_F(PgAnalyzeTest, ChannelByHandle) { ChannelByHandle(); }

TEST_F(AnalyzeTest, QuotaRunningOutBetweenTheTwoCallsStoresNothing) {
  // videos.list answers, channels.list says quotaExceeded: the video must not be stored alone.
  server_->SetFault([](const FakeRequest& r, int) -> std::optional<FakeReply> {
    if (r.resource == "channels") return QuotaExceededReply();
    return std::nullopt;
  });
  auto result = Analyze("anaVideo001");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kResourceExhausted);
  EXPECT_FALSE(Stored(kVideo));
  EXPECT_FALSE(store_->GetTrackedVideo(kVideo)->has_value());
  ExpectWholeStore(0, 0);
  EXPECT_EQ(LastRun().units, 2);  // both calls count against the quota
}

TEST_F(AnalyzeTest, OwnBudgetReached) {
  AnalyzeConfig config = Config();
  config.daily_budget = 1;  // a video needs 2
  auto result = Analyze("anaVideo001", config);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kResourceExhausted);
  EXPECT_NE(result.error().message.find("budget (1 units)"), std::string::npos) << result.error().message;
  EXPECT_EQ(LastRun().status, "budget_reached");
  ExpectWholeStore(0, 0);
}

TEST_F(AnalyzeTest, MissingAndRejectedKeys) {
  AnalyzeConfig config = Config();
  config.client.api_key.clear();
  config.key_problem = "no YouTube API key: set YOUTUBE_API_KEY";
  auto missing = Analyze("anaVideo001", config);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(missing.error().message.find("YOUTUBE_API_KEY"), std::string::npos);
  EXPECT_EQ(detail_, config.key_problem);
  EXPECT_EQ(server_->total_calls(), 0);

  config.client.api_key = "wrong-key-SECRET";
  auto rejected = Analyze("anaVideo001", config);
  ASSERT_FALSE(rejected.ok());
  EXPECT_EQ(rejected.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(rejected.error().message.find("refused"), std::string::npos);
  EXPECT_EQ(rejected.error().message.find("SECRET"), std::string::npos);
  EXPECT_EQ(detail_.find("wrong-key-SECRET"), std::string::npos) << detail_;
  ExpectWholeStore(0, 0);
}

TEST_F(AnalyzeTest, BadUrlIsRefusedBeforeAnyCall) {
  auto result = Analyze("https://vimeo.com/123");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.error().path, "$.url");
  EXPECT_EQ(server_->total_calls(), 0);
}

TEST_F(AnalyzeTest, ApiDownIsUnavailable) {
  server_->SetFault([](const FakeRequest&, int) -> std::optional<FakeReply> {
    return ErrorReply(500, "backendError", "Backend Error");
  });
  auto result = Analyze("anaVideo001");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(result.error().path, "$.url");
  EXPECT_EQ(server_->total_calls(), 3);  // retried
  EXPECT_NE(detail_.find("500"), std::string::npos) << detail_;
  ExpectWholeStore(0, 0);
}

TEST_F(AnalyzeTest, ChannelForms) {
  auto by_id = Analyze("https://www.youtube.com/channel/UCanalyze000000000000001");
  ASSERT_TRUE(by_id.ok()) << by_id.error().ToString();
  EXPECT_EQ(by_id->channel_id, kChannel);
  auto by_user = Analyze("https://www.youtube.com/user/AnalyzerOld");
  ASSERT_TRUE(by_user.ok()) << by_user.error().ToString();
  EXPECT_EQ(by_user->channel_id, kChannel);
  EXPECT_EQ(server_->requests().back().resource, "videos");
  // /c/ with the handle's name: found as a handle.
  auto custom = Analyze("https://www.youtube.com/c/analyzer");
  ASSERT_TRUE(custom.ok()) << custom.error().ToString();
  EXPECT_EQ(custom->channel_id, kChannel);
  // /c/ with the user name: a handle lookup, then a user name lookup.
  auto custom_user = Analyze("https://www.youtube.com/c/analyzerold");
  ASSERT_TRUE(custom_user.ok()) << custom_user.error().ToString();
  EXPECT_EQ(custom_user->units, 4);
}

TEST_F(AnalyzeTest, UnknownChannelsAreNotFound) {
  struct Case { const char* url; const char* says; };
  for (Case c : {Case{"@nobody", "handle @nobody"}, Case{"https://www.youtube.com/user/nobody", "user name nobody"},
                 Case{"https://www.youtube.com/channel/UCnobody0000000000000001", "id UCnobody"},
                 Case{"https://www.youtube.com/c/nobody", "cannot look up custom URLs"}}) {
    auto result = Analyze(c.url);
    ASSERT_FALSE(result.ok()) << c.url;
    EXPECT_EQ(result.error().code, ErrorCode::kNotFound) << c.url;
    EXPECT_NE(result.error().message.find(c.says), std::string::npos) << result.error().message;
  }
  ExpectWholeStore(0, 0);
  EXPECT_FALSE(store_->GetChannel("UCnobody0000000000000001")->has_value());
}

TEST_F(AnalyzeTest, OldVideoIsStoredButItsScheduleIsOver) {
  auto result = Analyze("anaVideoOld");
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  ASSERT_TRUE(result->tracking.has_value());
  EXPECT_FALSE(result->tracking->next_due.has_value());
  EXPECT_EQ(result->tracking->ended, kTrackingComplete);
}

// The schedule: hourly while the video is under 48 h old, then daily, then over at 30 days;
// `vv collect videos` (Collector::CollectVideos) takes what is due, 50 per call.
TEST_F(AnalyzeTest, TrackedVideosFollowTheSchedule) {
  // Published 2024-03-01T12:00Z; the clock is 2024-03-02T12:00Z (24 h).
  ASSERT_TRUE(Analyze("anaVideo001").ok());
  CollectConfig config = CollectTest::Config();
  auto collect = [&] {
    auto run = MakeCollector(config).CollectVideos();
    EXPECT_TRUE(run.ok()) << run.error().ToString();
    return run.ok() ? *run : CollectionRun{};
  };
  // Not due yet: no call.
  int calls = server_->total_calls();
  EXPECT_EQ(collect().calls, 0);
  EXPECT_EQ(server_->total_calls(), calls);
  // Hourly up to 48 h after publication.
  for (int hour = 1; hour <= 24; ++hour) {
    Advance(std::chrono::hours(1));
    server_->SetViews(kVideo, 5000 + 100 * hour);
    auto run = collect();
    EXPECT_EQ(run.calls, 1) << "hour " << hour;
    EXPECT_EQ(run.status, "ok") << run.message;
  }
  EXPECT_EQ(Snapshots(kVideo), 25u);
  auto tracked = store_->GetTrackedVideo(kVideo);
  // At 48 h: the next one a day later.
  EXPECT_EQ((*tracked)->next_due, clock_ + std::chrono::hours(24));
  Advance(std::chrono::hours(23));
  EXPECT_EQ(collect().calls, 0);
  Advance(std::chrono::hours(1));
  EXPECT_EQ(collect().calls, 1);
  EXPECT_EQ(Snapshots(kVideo), 26u);
  // Daily until the 30-day mark, which gets the last snapshot; then tracking is over.
  for (int day = 0; day < 30; ++day) {
    Advance(std::chrono::hours(24));
    collect();
  }
  tracked = store_->GetTrackedVideo(kVideo);
  EXPECT_FALSE((*tracked)->next_due.has_value());
  EXPECT_EQ((*tracked)->ended, kTrackingComplete);
  auto snaps = store_->LoadSnapshots(kVideo);
  EXPECT_EQ(snaps->back().captured_at, *ParseIso8601("2024-03-31T12:00:00Z"));  // published + 30 d
  EXPECT_EQ(snaps->size(), 26u + 27u);
}

TEST_F(AnalyzeTest, ATrackedVideoThatGoesPrivateStopsBeingTracked) {
  ASSERT_TRUE(Analyze("anaVideo001").ok());
  ASSERT_TRUE(Analyze("anaVideo002").ok());
  server_->SetPrivate(kVideo);
  Advance(std::chrono::hours(1));
  auto run = MakeCollector(CollectTest::Config()).CollectVideos();
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->calls, 1) << "both videos in one videos.list call";
  auto gone = store_->GetTrackedVideo(kVideo);
  EXPECT_FALSE((*gone)->next_due.has_value());
  EXPECT_EQ((*gone)->ended, kTrackingGone);
  EXPECT_TRUE((*store_->GetTrackedVideo("anaVideo002"))->next_due.has_value());
  EXPECT_EQ(Snapshots(kVideo), 1u);
  EXPECT_EQ(Snapshots("anaVideo002"), 2u);
}

TEST_F(AnalyzeTest, AFailedTrackingCallLeavesTheVideosDue) {
  ASSERT_TRUE(Analyze("anaVideo001").ok());
  Advance(std::chrono::hours(1));
  server_->SetFault([](const FakeRequest&, int) -> std::optional<FakeReply> {
    return ErrorReply(503, "backendError", "down");
  });
  auto run = MakeCollector(CollectTest::Config()).CollectVideos();
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->status, "partial");
  EXPECT_EQ((*store_->GetTrackedVideo(kVideo))->next_due, clock_);
  server_->SetFault({});
  auto retry = MakeCollector(CollectTest::Config()).CollectVideos();
  ASSERT_TRUE(retry.ok());
  EXPECT_EQ(retry->status, "ok");
  EXPECT_EQ(Snapshots(kVideo), 2u);
}

}  // namespace
}  // namespace vv::testing
