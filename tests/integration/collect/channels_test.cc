// Channel collection against the fake API: call and unit accounting, work claiming, faults.
#include <gtest/gtest.h>

#include "core/text_util.h"
#include "integration/collect/collect_fixture.h"

namespace vv::testing {
namespace {

std::string ChannelId(int i) {
  std::string n = std::to_string(i);
  return "UC" + std::string(22 - n.size(), 'x') + n;
}

class ChannelsTest : public CollectTest {
 protected:
  // Channel i gets uploads[i] videos named "c<i>v<k>".
  std::vector<std::string> AddChannels(const std::vector<int>& uploads) {
    std::vector<std::string> ids;
    for (size_t i = 0; i < uploads.size(); ++i) {
      ids.push_back(ChannelId(static_cast<int>(i)));
      auto videos = AddVideos("c" + std::to_string(i) + "v", uploads[i], ids.back());
      server_->AddChannel(MakeChannelItem(ids.back(), "Channel " + std::to_string(i), 1000 + i), videos);
    }
    return ids;
  }
  // Every videos.list request asked for at most 50 ids; returns the id counts in order.
  std::vector<size_t> VideoListBatches() {
    std::vector<size_t> sizes;
    for (const auto& r : server_->requests()) {
      if (r.resource != "videos") continue;
      sizes.push_back(SplitString(r.Param("id"), ',').size());
      EXPECT_LE(sizes.back(), 50u);
    }
    return sizes;
  }
};

TEST_F(ChannelsTest, KnownWorkloadCountsCallsAndUnits) {
  auto ids = AddChannels({120, 10, 0, 30});
  CollectConfig config = Config();
  config.depth = 100;
  auto collector = MakeCollector(config);
  ASSERT_TRUE(collector.TrackChannels(ids).ok());
  auto run = collector.CollectChannels();
  ASSERT_TRUE(run.ok()) << run.error().ToString();
  EXPECT_EQ(run->status, "ok") << run->message;
  // channels.list 1; playlistItems: 2 pages (50+50) + 1 + 1 (empty) + 1; videos.list:
  // 100 + 10 + 30 = 140 ids -> 3 calls of 50, 50, 40.
  EXPECT_EQ(server_->calls("channels"), 1);
  EXPECT_EQ(server_->calls("playlistItems"), 5);
  EXPECT_EQ(VideoListBatches(), (std::vector<size_t>{50, 50, 40}));
  EXPECT_EQ(run->calls, 9);
  EXPECT_EQ(run->units, 9);
  ExpectWholeStore(140, 140);
  EXPECT_EQ(run->rows, 4 + 140 + 140);
  auto channel = store_->GetChannel(ids[0]);
  ASSERT_TRUE(channel.ok() && channel->has_value());
  EXPECT_EQ((*channel)->subscribers, 1000);
  EXPECT_EQ((*channel)->country, "US");
  // Newest first: the 100 newest of channel 0 are c0v0..c0v99.
  EXPECT_TRUE(store_->GetVideo("c0v99")->has_value());
  EXPECT_FALSE(store_->GetVideo("c0v100")->has_value());

  // Not due again within the interval: a second run does nothing.
  Advance(std::chrono::minutes(30));
  auto idle = MakeCollector(config).CollectChannels();
  ASSERT_TRUE(idle.ok());
  EXPECT_EQ(idle->calls, 0);
  Advance(std::chrono::minutes(31));
  auto due = MakeCollector(config).CollectChannels();
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(due->calls, 9);
  ExpectWholeStore(140, 280);
}

TEST_F(ChannelsTest, ManyChannelsAreListed50AtATime) {
  std::vector<int> uploads(120, 1);
  auto ids = AddChannels(uploads);
  auto collector = MakeCollector(Config());
  ASSERT_TRUE(collector.TrackChannels(ids).ok());
  auto run = collector.CollectChannels();
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->status, "ok") << run->message;
  EXPECT_EQ(server_->calls("channels"), 3);        // 50 + 50 + 20
  EXPECT_EQ(server_->calls("playlistItems"), 120);
  EXPECT_EQ(VideoListBatches(), (std::vector<size_t>{50, 50, 20}));
  EXPECT_EQ(run->units, 3 + 120 + 3);
  ExpectWholeStore(120, 120);
}

TEST_F(ChannelsTest, UnknownChannelIsCountedAndNotRetriedAtOnce) {
  auto ids = AddChannels({3});
  ids.push_back(ChannelId(99));  // the fake does not know it
  auto collector = MakeCollector(Config());
  ASSERT_TRUE(collector.TrackChannels(ids).ok());
  auto run = collector.CollectChannels();
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->status, "partial");
  EXPECT_EQ(run->errors, 1);
  EXPECT_NE(run->message.find("channel not found: " + ChannelId(99)), std::string::npos) << run->message;
  ExpectWholeStore(3, 3);
}

TEST_F(ChannelsTest, QuotaExceededLeavesChannelsDueForTheNextRun) {
  auto ids = AddChannels({60, 5});
  server_->SetFault([](const FakeRequest& r, int) -> std::optional<FakeReply> {
    // The second videos.list call (channel 0's 50 newest are the first; channel 1's 5 the
    // second) hits the quota.
    static int videos_calls = 0;
    if (r.resource == "videos" && ++videos_calls == 2) return QuotaExceededReply();
    return std::nullopt;
  });
  auto collector = MakeCollector(Config());
  ASSERT_TRUE(collector.TrackChannels(ids).ok());
  auto run = collector.CollectChannels();
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->status, "quota_exceeded");
  EXPECT_NE(run->message.find("left for the next run"), std::string::npos) << run->message;
  ExpectWholeStore(50, 50);  // the first chunk, whole
  server_->SetFault(nullptr);
  Advance(std::chrono::hours(24));
  auto next = MakeCollector(Config()).CollectChannels();
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->status, "ok") << next->message;
  ExpectWholeStore(55, 50 + 55);
}

TEST_F(ChannelsTest, ServerErrorOnOneChannelLeavesItDue) {
  auto ids = AddChannels({5, 5});
  std::string bad_playlist = "UU" + ids[1].substr(2);
  server_->SetFault([&](const FakeRequest& r, int) -> std::optional<FakeReply> {
    if (r.Param("playlistId") == bad_playlist) return ErrorReply(503, "backendError", "unavailable");
    return std::nullopt;
  });
  auto collector = MakeCollector(Config());
  ASSERT_TRUE(collector.TrackChannels(ids).ok());
  auto run = collector.CollectChannels();
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->status, "partial");
  EXPECT_NE(run->message.find("left for the next run: " + ids[1]), std::string::npos) << run->message;
  ExpectWholeStore(5, 5);
  // The failed channel stays due: the next run (a minute later) takes only it.
  server_->SetFault(nullptr);
  Advance(std::chrono::minutes(1));
  auto next = MakeCollector(Config()).CollectChannels();
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->status, "ok");
  EXPECT_EQ(server_->calls("channels"), 2);
  ExpectWholeStore(10, 10);
}

TEST_F(ChannelsTest, TwoCollectorsDoNotPollAChannelTwice) {
  auto ids = AddChannels({2, 2, 2, 2});
  CollectConfig config = Config();
  config.claim_batch = 2;
  auto first = MakeCollector(config);
  ASSERT_TRUE(first.TrackChannels(ids).ok());
  // The first collector claims everything due (2 batches); the second finds nothing due.
  auto run1 = first.CollectChannels();
  auto run2 = MakeCollector(config).CollectChannels();
  ASSERT_TRUE(run1.ok() && run2.ok());
  EXPECT_EQ(run2->calls, 0);
  EXPECT_EQ(server_->calls("channels"), 2);
  ExpectWholeStore(8, 8);
}

}  // namespace
}  // namespace vv::testing
