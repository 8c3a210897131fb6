#include "collect/dedup.h"

#include <gtest/gtest.h>

#include <map>

namespace vv {
namespace {

Timestamp T(int64_t s) { return Timestamp(std::chrono::seconds(s)); }

Snapshot Snap(const std::string& id, int64_t t, int64_t views) {
  Snapshot s;
  s.video_id = id;
  s.captured_at = T(t);
  s.views = views;
  return s;
}

TEST(DedupTest, MergesRepeatedVideos) {
  Video a{.id = "v1", .channel_id = "c", .title = "Old", .source = "youtube:US"};
  Video b{.id = "v1", .title = "New", .description = "desc", .source = "youtube:GB"};
  Video c{.id = "v2", .title = "Other"};
  std::vector<Video> videos = {a, b, c};
  std::vector<Snapshot> snaps;
  Deduplicator dedup(nullptr);
  auto stats = dedup.Apply(videos, snaps);
  ASSERT_TRUE(stats.ok());
  ASSERT_EQ(videos.size(), 2u);
  EXPECT_EQ(videos[0].title, "New");
  EXPECT_EQ(videos[0].channel_id, "c");  // unknown in b, kept from a
  EXPECT_EQ(videos[0].description, "desc");
  EXPECT_EQ(videos[0].source, "youtube:GB");
  EXPECT_EQ(stats->merged_videos, 1);
}

TEST(DedupTest, FlagsOnlyTurnOnAsInTheStore) {
  // The store ORs the flags (false also means "not said"); a batch must not undo one.
  Video on{.id = "v1", .comments_disabled = true};
  Video off{.id = "v1", .title = "T"};
  std::vector<Video> videos = {on, off};
  std::vector<Snapshot> snaps;
  Deduplicator dedup(nullptr);
  ASSERT_TRUE(dedup.Apply(videos, snaps).ok());
  ASSERT_EQ(videos.size(), 1u);
  EXPECT_TRUE(videos[0].comments_disabled);
  EXPECT_EQ(videos[0].title, "T");
}

TEST(DedupTest, DropsExactDuplicatesAndStaleSnapshots) {
  std::map<std::string, Timestamp> stored = {{"v1", T(100)}};
  int lookups = 0;
  Deduplicator dedup([&](const std::vector<std::string>& ids) -> Result<std::vector<std::pair<std::string, Timestamp>>> {
    lookups += static_cast<int>(ids.size());
    std::vector<std::pair<std::string, Timestamp>> out;
    for (const auto& id : ids) {
      if (auto it = stored.find(id); it != stored.end()) out.emplace_back(id, it->second);
    }
    return out;
  });
  std::vector<Video> videos;
  std::vector<Snapshot> snaps = {Snap("v1", 90, 5), Snap("v1", 100, 6), Snap("v1", 110, 7),
                                 Snap("v1", 110, 7), Snap("v2", 50, 1), Snap("v2", 50, 2)};
  auto stats = dedup.Apply(videos, snaps);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->stale_snapshots, 2);
  EXPECT_EQ(stats->duplicate_snapshots, 2);
  ASSERT_EQ(snaps.size(), 2u);
  EXPECT_EQ(snaps[0].captured_at, T(110));
  EXPECT_EQ(snaps[1].views, 2);  // same instant, different counts: the later answer wins
  EXPECT_EQ(lookups, 2);

  dedup.Commit(snaps);
  std::vector<Snapshot> again = {Snap("v1", 110, 7), Snap("v2", 60, 3)};
  stats = dedup.Apply(videos, again);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->stale_snapshots, 1);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].video_id, "v2");
  EXPECT_EQ(lookups, 2);  // remembered, not asked again
  EXPECT_EQ(dedup.totals().stale_snapshots, 3);
}

TEST(DedupTest, LookupErrorsPropagate) {
  Deduplicator dedup([](const std::vector<std::string>&) -> Result<std::vector<std::pair<std::string, Timestamp>>> {
    return MakeError(ErrorCode::kUnavailable, "db down");
  });
  std::vector<Video> videos;
  std::vector<Snapshot> snaps = {Snap("v", 1, 1)};
  auto stats = dedup.Apply(videos, snaps);
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace vv
