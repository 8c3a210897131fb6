// The one merge rule: the in-memory MergeInto and both backends' upserts give the same row.
#include "store/merge_rule.h"

#include "store/store_internal.h"
#include "unit/store/store_fixture.h"

namespace vv::testing {
namespace {

Snapshot Snap(const char* at, std::optional<int64_t> views, std::optional<int64_t> likes) {
  return Snapshot{.video_id = "v", .captured_at = T(at), .views = views, .likes = likes};
}

// Rows of one video as re-imports and re-collections send them: full, partial, flags off,
// labels flipped, and the first row again.
std::vector<Video> VideoVersions() {
  Video full = FullVideo("v");
  Video partial{.id = "v", .title = "Renamed", .tags = {}, .duration_s = 61};
  Video flags_off = full;
  flags_off.comments_disabled = false;
  flags_off.ratings_disabled = false;
  flags_off.clickbait_label = !full.clickbait_label.value_or(false);
  flags_off.description.clear();
  Video sparse{.id = "v", .source = "youtube:US"};
  return {full, partial, flags_off, sparse, full};
}

TEST(MergeRuleTest, KnownWinsUnknownKeepsFlagsOnlyTurnOn) {
  Video stored{.id = "v", .title = "Old", .tags = {"a"}, .category_id = 10,
               .comments_disabled = true};
  MergeInto(stored, Video{.id = "v", .title = "", .description = "new", .tags = {},
                          .category_id = std::nullopt, .comments_disabled = false,
                          .ratings_disabled = true});
  EXPECT_EQ(stored.title, "Old");
  EXPECT_EQ(stored.description, "new");
  EXPECT_EQ(stored.tags, std::vector<std::string>{"a"});
  EXPECT_EQ(stored.category_id, 10);
  EXPECT_TRUE(stored.comments_disabled);
  EXPECT_TRUE(stored.ratings_disabled);

  LabelledTitle title{.title = "t", .clickbait = true, .source = "s"};
  MergeInto(title, LabelledTitle{.title = "t", .clickbait = false, .source = "s"});
  EXPECT_FALSE(title.clickbait);  // a label is always known: the new one replaces
}

TEST(MergeRuleTest, MergingARowTwiceIsMergingItOnce) {
  for (const Video& incoming : VideoVersions()) {
    Video once = FullVideo("v");
    once.title = "Before";
    MergeInto(once, incoming);
    Video twice = once;
    MergeInto(twice, incoming);
    ExpectSameVideo(once, twice);
  }
}

TEST(MergeRuleTest, ConflictClausesCoverEveryRuleColumn) {
  using store_internal::Dialect;
  using store_internal::MergeTable;
  std::string sqlite = store_internal::ConflictUpdateSql(MergeTable::kVideos, Dialect::kSqlite);
  std::string pg = store_internal::ConflictUpdateSql(MergeTable::kVideos, Dialect::kPostgres);
  for (const char* column : {"channel_id", "title_search", "tags", "comments_disabled",
                             "anomaly_label", "source"}) {
    EXPECT_NE(sqlite.find(std::string(column) + " = "), std::string::npos) << column;
    EXPECT_NE(pg.find(std::string(column) + " = "), std::string::npos) << column;
  }
  EXPECT_NE(sqlite.find("MAX(comments_disabled, excluded.comments_disabled)"), std::string::npos);
  EXPECT_NE(pg.find("t.comments_disabled OR EXCLUDED.comments_disabled"), std::string::npos);
}

class MergeRuleStoreTest : public StoreContractTest {};

TEST_P(MergeRuleStoreTest, UpsertsStoreWhatMergeIntoComputes) {
  Video expected;
  bool first = true;
  for (const Video& incoming : VideoVersions()) {
    ASSERT_TRUE(store_->UpsertVideos(std::vector<Video>{incoming}).ok());
    if (first) {
      expected = incoming;
      first = false;
    } else {
      MergeInto(expected, incoming);
    }
    auto got = store_->GetVideo("v");
    ASSERT_TRUE(got.ok() && got->has_value());
    ExpectSameVideo(expected, **got);
  }
  // One batch holding every version folds to the same row.
  ASSERT_TRUE(store_->UpsertVideos(VideoVersions()).ok());
  ExpectSameVideo(expected, store_->GetVideo("v").value().value());

  std::vector<Snapshot> snaps = {Snap("2020-01-01T00:00:00Z", 5, std::nullopt),
                                 Snap("2020-01-01T00:00:00Z", std::nullopt, 2),
                                 Snap("2020-01-01T00:00:00Z", 7, std::nullopt)};
  Snapshot merged = snaps[0];
  for (const auto& s : snaps) {
    ASSERT_TRUE(store_->UpsertSnapshots(std::vector<Snapshot>{s}).ok());
    MergeInto(merged, s);
  }
  auto loaded = store_->LoadSnapshots("v");
  ASSERT_TRUE(loaded.ok());
  ASSERT_EQ(loaded->size(), 1u);
  ExpectSameSnapshot(merged, (*loaded)[0]);
  EXPECT_EQ((*loaded)[0].views, 7);
  EXPECT_EQ((*loaded)[0].likes, 2);

  Channel channel = FullChannel("c");
  ASSERT_TRUE(store_->UpsertChannels(std::vector<Channel>{channel}).ok());
  Channel partial{.id = "c", .title = "Renamed"};
  ASSERT_TRUE(store_->UpsertChannels(std::vector<Channel>{partial}).ok());
  MergeInto(channel, partial);
  ExpectSameChannel(channel, store_->GetChannel("c").value().value());
}

INSTANTIATE_TEST_SUITE_P(Backends, MergeRuleStoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace vv::testing
