#include "collect/youtube_parse.h"

#include <gtest/gtest.h>

namespace vv {
namespace {

TEST(DurationTest, ParsesIso8601Durations) {
  EXPECT_EQ(*ParseIsoDuration("PT1H2M3S"), 3723);
  EXPECT_EQ(*ParseIsoDuration("PT15M"), 900);
  EXPECT_EQ(*ParseIsoDuration("P1DT2H"), 93600);
  EXPECT_EQ(*ParseIsoDuration("P0D"), 0);
  EXPECT_EQ(*ParseIsoDuration("PT0S"), 0);
  EXPECT_EQ(*ParseIsoDuration("P1W"), 604800);
  EXPECT_EQ(*ParseIsoDuration("PT4.5S"), 4);
  for (const char* bad : {"", "P", "PT", "1H", "PT1X", "P1M", "P1Y", "PTH", "PT5"}) {
    EXPECT_FALSE(ParseIsoDuration(bad).ok()) << bad;
  }
}

TEST(ParseTest, BadItemsAreSkippedWithTheirPath) {
  const char* body = R"({"kind":"youtube#videoListResponse","nextPageToken":"N",
    "items":[
      {"id":"ok1","snippet":{"channelId":"c","title":"T","publishedAt":"2024-01-01T00:00:00Z"},
       "statistics":{"viewCount":"10","likeCount":"2","commentCount":"1"},"contentDetails":{"duration":"PT1M"}},
      {"id":"bad1","snippet":{"channelId":"c","title":"T"},"statistics":{"viewCount":{"n":1}}},
      {"id":"bad2","snippet":{"title":"no channel"}},
      {"id":"bad3","snippet":{"channelId":"c","title":"T","tags":"notalist"}},
      {"id":"bad4","snippet":{"channelId":"c","title":"T"},"contentDetails":{"duration":"soon"}},
      {"id":"bad5"},
      42,
      {"id":"ok2","snippet":{"channelId":"c","title":"No stats"}}
    ]})";
  auto page = ParseVideoListResponse(body, "youtube:US");
  ASSERT_TRUE(page.ok()) << page.error().ToString();
  EXPECT_EQ(page->next_page_token, "N");
  ASSERT_EQ(page->videos.size(), 2u);
  EXPECT_EQ(page->videos[1].id, "ok2");
  EXPECT_EQ(page->snapshots.size(), 1u);  // ok2 had no statistics: no snapshot, not zeros
  ASSERT_EQ(page->item_errors.size(), 6u);
  EXPECT_EQ(page->item_errors[0].path, "$.items[1].statistics.viewCount");
  EXPECT_EQ(page->item_errors[1].path, "$.items[2].snippet.channelId");
  EXPECT_EQ(page->item_errors[2].path, "$.items[3].snippet.tags");
  EXPECT_EQ(page->item_errors[3].path, "$.items[4].contentDetails.duration");
  EXPECT_EQ(page->item_errors[4].path, "$.items[5].snippet");
  EXPECT_EQ(page->item_errors[5].path, "$.items[6]");
}

TEST(ParseTest, EnvelopeErrors) {
  auto truncated = ParseVideoListResponse(R"({"items":[{"id":"a")", "s");
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.error().code, ErrorCode::kDataLoss);
  auto not_array = ParseVideoListResponse(R"({"items":{}})", "s");
  ASSERT_FALSE(not_array.ok());
  EXPECT_EQ(not_array.error().path, "$.items");
  auto wrong_kind = ParseVideoListResponse(R"({"kind":"youtube#channelListResponse"})", "s");
  ASSERT_FALSE(wrong_kind.ok());
  auto bad_token = ParseVideoListResponse(R"({"nextPageToken":5})", "s");
  ASSERT_FALSE(bad_token.ok());
  EXPECT_EQ(bad_token.error().path, "$.nextPageToken");
  auto empty = ParseVideoListResponse(R"({"kind":"youtube#videoListResponse"})", "s");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->videos.empty());
}

TEST(ParseTest, ChannelHiddenSubscribers) {
  auto page = ParseChannelListResponse(R"({"items":[
    {"id":"UC1","snippet":{"title":"A"},"statistics":{"subscriberCount":"0","hiddenSubscriberCount":true,"videoCount":"3"},
     "contentDetails":{"relatedPlaylists":{"uploads":"UU1"}}}]})");
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->channels.size(), 1u);
  EXPECT_FALSE(page->channels[0].channel.subscribers.has_value());
  EXPECT_EQ(page->channels[0].channel.video_count, 3);
  EXPECT_EQ(page->channels[0].uploads_playlist_id, "UU1");
}

TEST(ParseTest, ApiErrorReason) {
  auto e = ParseApiError(403, R"({"error":{"code":403,"message":"over","errors":[{"reason":"quotaExceeded"}]}})");
  EXPECT_EQ(e.reason, "quotaExceeded");
  EXPECT_EQ(e.message, "over");
  EXPECT_EQ(ParseApiError(500, "<html>").reason, "");
}

}  // namespace
}  // namespace vv
