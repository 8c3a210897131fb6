// The YouTube client over real HTTP (libcurl) against the fake API server on loopback.
#include "collect/youtube_client.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "integration/collect/fake_youtube.h"

namespace vv {
namespace {

using testing::FakeReply;
using testing::FakeRequest;
using testing::FakeYouTubeServer;
using testing::MakeVideoItem;

class YouTubeClientTest : public ::testing::Test {
 protected:
  YouTubeClientTest() : fetcher_(MakeCurlFetcher({std::chrono::milliseconds(2000), std::chrono::milliseconds(5000)})) {}

  YouTubeClient Client(QuotaTracker& quota, int attempts = 3) {
    YouTubeClientConfig config;
    config.api_base = server_.base_url();
    config.api_key = server_.api_key();
    config.retry.max_attempts = attempts;
    config.retry.base_delay = std::chrono::milliseconds(1);
    config.retry.max_delay = std::chrono::milliseconds(4);
    return YouTubeClient(*fetcher_, quota, config);
  }

  void AddVideos(int n, const std::string& prefix = "v") {
    for (int i = 0; i < n; ++i) {
      ids_.push_back(prefix + std::to_string(i));
      server_.AddVideo(MakeVideoItem(ids_.back(), "UCa", "Title " + std::to_string(i), 1000 + i, 10, 5));
    }
  }

  FakeYouTubeServer server_;
  std::unique_ptr<HttpFetcher> fetcher_;
  std::vector<std::string> ids_;
};

TEST_F(YouTubeClientTest, MostPopularFollowsPageTokens) {
  AddVideos(7);
  server_.SetTrending("US", 0, ids_);
  QuotaTracker quota(100, 0);
  auto client = Client(quota);
  std::vector<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    auto page = client.MostPopular("US", std::nullopt, token, 3);
    ASSERT_TRUE(page.ok()) << page.error().ToString();
    for (const auto& v : page->videos) seen.push_back(v.id);
    EXPECT_EQ(page->snapshots.size(), page->videos.size());
    token = page->next_page_token;
    ++pages;
  } while (!token.empty());
  EXPECT_EQ(seen, ids_);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(quota.calls(), 3);
  EXPECT_EQ(quota.units(), 3);
  auto requests = server_.requests();
  EXPECT_EQ(requests[0].Param("chart"), "mostPopular");
  EXPECT_EQ(requests[0].Param("regionCode"), "US");
  EXPECT_EQ(requests[0].Param("part"), "snippet,statistics,contentDetails");
  EXPECT_EQ(requests[1].Param("pageToken"), "page-3");
}

TEST_F(YouTubeClientTest, CategoryFilterIsSent) {
  AddVideos(2);
  server_.SetTrending("GB", 20, ids_);
  QuotaTracker quota(100, 0);
  auto client = Client(quota);
  auto page = client.MostPopular("GB", 20, "");
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->videos.size(), 2u);
  EXPECT_EQ(server_.requests()[0].Param("videoCategoryId"), "20");
  EXPECT_EQ(page->videos[0].source, "youtube:GB");
}

TEST_F(YouTubeClientTest, ParsesFieldsAndHiddenCounts) {
  server_.AddVideo(MakeVideoItem("h1", "UCx", "Hidden", 500, std::nullopt, std::nullopt, 24, "PT1H2M3S"));
  QuotaTracker quota(100, 0);
  auto client = Client(quota);
  std::vector<std::string> ids = {"h1"};
  auto page = client.VideosByIds(ids, "youtube:channel");
  ASSERT_TRUE(page.ok()) << page.error().ToString();
  ASSERT_EQ(page->videos.size(), 1u);
  const Video& v = page->videos[0];
  EXPECT_EQ(v.channel_id, "UCx");
  EXPECT_EQ(v.duration_s, 3723);
  EXPECT_EQ(v.category_id, 24);
  EXPECT_TRUE(v.ratings_disabled);
  EXPECT_TRUE(v.comments_disabled);
  ASSERT_EQ(page->snapshots.size(), 1u);
  EXPECT_EQ(page->snapshots[0].views, 500);
  EXPECT_FALSE(page->snapshots[0].likes.has_value());
  EXPECT_FALSE(page->snapshots[0].dislikes.has_value());
}

TEST_F(YouTubeClientTest, RetriesServerErrorsThenSucceeds) {
  AddVideos(1);
  server_.SetFault([](const FakeRequest&, int n) -> std::optional<FakeReply> {
    if (n == 1) return testing::ErrorReply(500, "backendError", "Backend Error");
    if (n == 2) return FakeReply{.drop_connection = true};
    return std::nullopt;
  });
  QuotaTracker quota(100, 0);
  auto client = Client(quota);
  auto page = client.VideosByIds(ids_, "s");
  ASSERT_TRUE(page.ok()) << page.error().ToString();
  EXPECT_EQ(page->videos.size(), 1u);
  EXPECT_EQ(server_.total_calls(), 3);
  EXPECT_EQ(client.retries(), 2);
  EXPECT_EQ(quota.units(), 3);  // failed requests cost quota too
}

// Issue 14 item 9: a request that never reached the API costs no quota; one that got an
// HTTP answer does (RetriesServerErrorsThenSucceeds: a 500 and a dropped connection count).
TEST_F(YouTubeClientTest, RequestsThatNeverReachTheApiCostNoQuota) {
  AddVideos(1);
  const std::string base = server_.base_url();  // http://127.0.0.1:PORT/youtube/v3
  // A loopback port that nothing listens on: bound, then closed.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(addr);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  const std::string refused = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/youtube/v3";
  const std::string no_dns = "http://vv-no-such-host.invalid/youtube/v3";
  // TLS to the fake server's plain-HTTP port: the handshake fails before any request is sent.
  const std::string tls = "https://" + base.substr(std::string("http://").size());
  // A short connect timeout: a resolver that cannot be reached times out instead of failing,
  // which sends nothing either.
  auto fetcher = MakeCurlFetcher({std::chrono::milliseconds(300), std::chrono::milliseconds(2000)});
  for (const std::string& api_base : {refused, no_dns, tls}) {
    QuotaTracker quota(100, 0);
    YouTubeClientConfig config;
    config.api_base = api_base;
    config.api_key = server_.api_key();
    config.retry.max_attempts = 2;
    config.retry.base_delay = std::chrono::milliseconds(1);
    config.retry.max_delay = std::chrono::milliseconds(2);
    YouTubeClient client(*fetcher, quota, config);
    auto page = client.VideosByIds(ids_, "s");
    ASSERT_FALSE(page.ok()) << api_base;
    EXPECT_EQ(page.error().code, ErrorCode::kUnavailable) << page.error().ToString();
    EXPECT_EQ(quota.units(), 0) << api_base << ": " << page.error().ToString();
    EXPECT_EQ(quota.calls(), 0) << api_base;
    EXPECT_EQ(quota.unsent(), 2) << api_base;  // both attempts refunded
    EXPECT_EQ(client.retries(), 1) << api_base;  // still retried: the network may come back
  }
  EXPECT_EQ(server_.total_calls(), 0);
  // The same client setup against the API: an answer is charged.
  QuotaTracker quota(100, 0);
  auto client = Client(quota);
  ASSERT_TRUE(client.VideosByIds(ids_, "s").ok());
  EXPECT_EQ(quota.units(), 1);
  EXPECT_EQ(quota.unsent(), 0);
}

TEST_F(YouTubeClientTest, PersistentFailureIsUnavailableAndRedacted) {
  AddVideos(1);
  server_.SetFault([](const FakeRequest&, int) { return std::optional(testing::ErrorReply(503, "backendError", "down")); });
  QuotaTracker quota(100, 0);
  auto client = Client(quota, 3);
  auto page = client.VideosByIds(ids_, "s");
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(server_.total_calls(), 3);
  std::string text = page.error().ToString();
  EXPECT_EQ(text.find(server_.api_key()), std::string::npos) << text;
  EXPECT_NE(text.find("key=***"), std::string::npos) << text;
}

TEST_F(YouTubeClientTest, InvalidKeyIsNotRetriedAndNotLeaked) {
  AddVideos(1);
  QuotaTracker quota(100, 0);
  YouTubeClientConfig config;
  config.api_base = server_.base_url();
  config.api_key = "WRONG-secret-key";
  YouTubeClient client(*fetcher_, quota, config);
  auto page = client.VideosByIds(ids_, "s");
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(server_.total_calls(), 1);
  EXPECT_NE(page.error().message.find("YOUTUBE_API_KEY"), std::string::npos);
  EXPECT_EQ(page.error().ToString().find("WRONG-secret-key"), std::string::npos);
}

TEST_F(YouTubeClientTest, QuotaExceededStopsWithoutRetry) {
  AddVideos(1);
  server_.SetFault([](const FakeRequest&, int) { return std::optional(testing::QuotaExceededReply()); });
  QuotaTracker quota(100, 0);
  auto client = Client(quota);
  auto page = client.VideosByIds(ids_, "s");
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().code, ErrorCode::kResourceExhausted);
  EXPECT_TRUE(quota.exhausted_by_api());
  EXPECT_EQ(server_.total_calls(), 1);
  EXPECT_FALSE(quota.Charge(ApiMethod::kVideosList).ok());
}

TEST_F(YouTubeClientTest, BudgetStopsBeforeTheCall) {
  AddVideos(1);
  QuotaTracker quota(10, 10);  // today's budget already spent by earlier runs
  auto client = Client(quota);
  auto page = client.VideosByIds(ids_, "s");
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().code, ErrorCode::kResourceExhausted);
  EXPECT_EQ(server_.total_calls(), 0);
}

TEST_F(YouTubeClientTest, TruncatedJsonIsDataLoss) {
  AddVideos(3);
  server_.SetTrending("US", 0, ids_);
  server_.SetFault([](const FakeRequest&, int) -> std::optional<FakeReply> {
    return FakeReply{.body = R"({"kind":"youtube#videoListResponse","items":[{"id":"v0","sni)"};
  });
  QuotaTracker quota(100, 0);
  auto client = Client(quota);
  auto page = client.MostPopular("US", std::nullopt, "");
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().code, ErrorCode::kDataLoss);
  EXPECT_EQ(server_.total_calls(), 1);
}

TEST_F(YouTubeClientTest, BodyCutByDroppedConnectionIsRetried) {
  AddVideos(2);
  server_.SetTrending("US", 0, ids_);
  server_.SetFault([](const FakeRequest&, int n) -> std::optional<FakeReply> {
    if (n == 1) return FakeReply{.body = std::string(400, ' '), .cut_after_bytes = 100};
    return std::nullopt;
  });
  QuotaTracker quota(100, 0);
  auto client = Client(quota);
  auto page = client.MostPopular("US", std::nullopt, "");
  ASSERT_TRUE(page.ok()) << page.error().ToString();
  EXPECT_EQ(page->videos.size(), 2u);
  EXPECT_EQ(server_.total_calls(), 2);
}

TEST_F(YouTubeClientTest, ChannelsPlaylistsAndCategories) {
  AddVideos(4);
  server_.AddChannel(testing::MakeChannelItem("UCa", "Alpha", 1234), ids_);
  QuotaTracker quota(100, 0);
  auto client = Client(quota);
  std::vector<std::string> channel_ids = {"UCa", "UCmissing"};
  auto channels = client.ChannelsByIds(channel_ids);
  ASSERT_TRUE(channels.ok()) << channels.error().ToString();
  ASSERT_EQ(channels->channels.size(), 1u);
  EXPECT_EQ(channels->channels[0].channel.subscribers, 1234);
  EXPECT_EQ(channels->channels[0].uploads_playlist_id, "UUa");
  auto items = client.PlaylistItems("UUa", "", 3);
  ASSERT_TRUE(items.ok());
  EXPECT_EQ(items->video_ids, std::vector<std::string>(ids_.begin(), ids_.begin() + 3));
  EXPECT_EQ(items->next_page_token, "page-3");
  auto missing = client.PlaylistItems("UUnone", "", 3);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  auto categories = client.VideoCategories("US");
  ASSERT_TRUE(categories.ok());
  ASSERT_EQ(categories->size(), 2u);
  EXPECT_EQ((*categories)[1].name, "Gaming");
  EXPECT_EQ(quota.calls_of(ApiMethod::kPlaylistItemsList), 2);
}

TEST_F(YouTubeClientTest, NetworkRefusedIsUnavailable) {
  QuotaTracker quota(100, 0);
  YouTubeClientConfig config;
  config.api_base = "http://127.0.0.1:1/youtube/v3";
  config.api_key = "k-secret";
  config.retry.max_attempts = 2;
  config.retry.base_delay = std::chrono::milliseconds(1);
  config.retry.max_delay = std::chrono::milliseconds(2);
  YouTubeClient client(*fetcher_, quota, config);
  auto page = client.VideoCategories("US");
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(quota.unsent(), 2);  // refused before anything was sent: no quota spent
  EXPECT_EQ(quota.units(), 0);
  EXPECT_EQ(page.error().ToString().find("k-secret"), std::string::npos);
}

}  // namespace
}  // namespace vv
