#include "train/split.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "testing/mean_model.h"

namespace vv::train {
namespace {

// Every video on exactly one side.
void ExpectPartition(const Dataset& d, const struct Split& s) {
  std::vector<int> seen(d.videos.size(), 0);
  for (const auto* side : {&s.train, &s.validation, &s.test}) {
    for (size_t i : *side) ++seen[i];
  }
  for (size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], 1) << d.videos[i].id;
}

std::map<std::string, std::set<int>> ChannelSides(const Dataset& d, const struct Split& s) {
  std::map<std::string, std::set<int>> sides;
  int side = 0;
  for (const auto* list : {&s.train, &s.validation, &s.test}) {
    for (size_t i : *list) sides[d.videos[i].channel_id].insert(side);
    ++side;
  }
  return sides;
}

TEST(Split, ByChannelWhenEnoughChannelsNoChannelOnTwoSides) {
  const Dataset d = vv::testing::MakeDataset(/*channels=*/20, /*per_channel=*/5);
  SplitOptions o;
  o.min_channels_for_grouping = 10;
  const SplitResult r = MakeSplit(d, o);
  EXPECT_EQ(r.method, "by-channel");
  EXPECT_EQ(r.groups, 20u);
  ExpectPartition(d, r.split);
  for (const auto& [channel, sides] : ChannelSides(d, r.split)) {
    EXPECT_EQ(sides.size(), 1u) << channel << " leaks across sides";
  }
  EXPECT_FALSE(r.split.train.empty());
  EXPECT_FALSE(r.split.validation.empty());
  EXPECT_FALSE(r.split.test.empty());
  // Fractions roughly respected (whole channels of 5 videos out of 100).
  EXPECT_NEAR(static_cast<double>(r.split.train.size()) / 100.0, 0.7, 0.1);
}

TEST(Split, ByVideoWhenFewChannels) {
  const Dataset d = vv::testing::MakeDataset(3, 30);
  const SplitResult r = MakeSplit(d, SplitOptions{});
  EXPECT_EQ(r.method, "by-video");
  ExpectPartition(d, r.split);
  EXPECT_NEAR(static_cast<double>(r.split.test.size()) / 90.0, 0.15, 0.05);
}

TEST(Split, DeterministicForSeedAndIndependentOfRowOrder) {
  Dataset d = vv::testing::MakeDataset(20, 5);
  SplitOptions o;
  o.seed = 7;
  const SplitResult a = MakeSplit(d, o);
  const SplitResult b = MakeSplit(d, o);
  EXPECT_EQ(a.split.train, b.split.train);
  EXPECT_EQ(a.split.test, b.split.test);
  // The same videos in reverse order land on the same sides.
  Dataset reversed = d;
  std::reverse(reversed.videos.begin(), reversed.videos.end());
  const SplitResult c = MakeSplit(reversed, o);
  std::set<std::string> test_a, test_c;
  for (size_t i : a.split.test) test_a.insert(d.videos[i].id);
  for (size_t i : c.split.test) test_c.insert(reversed.videos[i].id);
  EXPECT_EQ(test_a, test_c);
  // Another seed gives another split.
  o.seed = 8;
  EXPECT_NE(MakeSplit(d, o).split.test, a.split.test);
}

TEST(Split, TimeOrderedTestsTheNewestVideos) {
  const Dataset d = vv::testing::MakeDataset(4, 25);
  const SplitResult r = MakeTimeOrderedSplit(d, SplitOptions{});
  EXPECT_EQ(r.method, "time-ordered");
  ExpectPartition(d, r.split);
  Timestamp newest_train{}, oldest_test = Timestamp::max();
  for (size_t i : r.split.train) newest_train = std::max(newest_train, *d.videos[i].published_at);
  for (size_t i : r.split.test) oldest_test = std::min(oldest_test, *d.videos[i].published_at);
  EXPECT_LT(newest_train, oldest_test);
}

TEST(Split, TinyDatasetsStillHaveATestSide) {
  const Dataset d = vv::testing::MakeDataset(1, 2);
  const SplitResult r = MakeSplit(d, SplitOptions{});
  ExpectPartition(d, r.split);
  EXPECT_EQ(r.split.test.size(), 1u);
  EXPECT_EQ(r.split.train.size(), 1u);
}

}  // namespace
}  // namespace vv::train

namespace vv::train {
namespace {

TEST(Split, TimeOrderedKeepsMultiSnapshotVideosOnEverySide) {
  // 60 old videos with trajectories, then 40 newer ones seen once (as in trending data).
  Dataset d = vv::testing::MakeDataset(1, 60, 3);
  Dataset newer = vv::testing::MakeDataset(1, 40, 1);
  for (auto& v : newer.videos) {
    v.id = "new_" + v.id;
    *v.published_at += std::chrono::hours(24 * 365);
    d.snapshots[v.id] = newer.snapshots["vid0_" + v.id.substr(std::string("new_vid0_").size())];
    for (auto& s : d.snapshots[v.id]) s.video_id = v.id;
    d.videos.push_back(v);
  }
  const SplitResult r = MakeTimeOrderedSplit(d, SplitOptions{});
  auto multi = [&](const std::vector<size_t>& side) {
    size_t n = 0;
    for (size_t i : side) n += d.snapshots[d.videos[i].id].size() >= 2 ? 1 : 0;
    return n;
  };
  EXPECT_NEAR(static_cast<double>(multi(r.split.train)), 42, 1);  // 70 % of the 60
  EXPECT_NEAR(static_cast<double>(multi(r.split.validation)), 9, 1);
  EXPECT_NEAR(static_cast<double>(multi(r.split.test)), 9, 1);
}

}  // namespace
}  // namespace vv::train
