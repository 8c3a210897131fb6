// Storage contract, part 1: round trips, upsert semantics, snapshots, transactions.
#include "unit/store/store_fixture.h"

namespace vv::testing {
namespace {

#define ASSERT_OK(expr)                                       \
  do {                                                        \
    auto vv_s_ = (expr);                                      \
    ASSERT_TRUE(vv_s_.ok()) << vv_s_.error().ToString();      \
  } while (0)

Snapshot Snap(const std::string& id, const char* at, std::optional<int64_t> views,
              std::optional<int64_t> likes = {}) {
  return Snapshot{id, T(at), views, likes, std::nullopt, std::nullopt};
}

TEST_P(StoreContractTest, RoundTripsEveryField) {
  Channel channel = FullChannel("UC_a");
  Channel bare{.id = "UC_bare"};
  Video video = FullVideo("a");
  Video unknown{.id = "only-id"};
  ASSERT_OK(store_->UpsertChannels(std::vector<Channel>{channel, bare}));
  ASSERT_OK(store_->UpsertVideos(std::vector<Video>{video, unknown}));
  Snapshot full{"a", T("2018-01-03T00:00:00Z"), 1000, 50, 3, 7};
  Snapshot empty{"a", T("2018-01-04T12:30:00Z"), std::nullopt, std::nullopt, 0, std::nullopt};
  ASSERT_OK(store_->UpsertSnapshots(std::vector<Snapshot>{empty, full}));
  std::vector<LabelledTitle> titles = {{"You won't BELIEVE this 😱", true, "kaggle"},
                                       {"Quarterly report", false, "kaggle"},
                                       {"Quarterly report", true, "other"}};
  ASSERT_OK(store_->UpsertLabelledTitles(titles));
  std::vector<Category> categories = {{24, "", "Entertainment"}, {24, "DE", "Unterhaltung"},
                                      {10, "US", "Music"}};
  ASSERT_OK(store_->UpsertCategories(categories));

  auto got_channel = store_->GetChannel("UC_a");
  ASSERT_OK(got_channel);
  ASSERT_TRUE(got_channel->has_value());
  ExpectSameChannel(channel, **got_channel);
  auto channels = store_->LoadChannels();
  ASSERT_OK(channels);
  ASSERT_EQ(channels->size(), 2u);
  ExpectSameChannel(bare, (*channels)[1]);

  auto got_video = store_->GetVideo("a");
  ASSERT_OK(got_video);
  ASSERT_TRUE(got_video->has_value());
  ExpectSameVideo(video, **got_video);
  auto got_unknown = store_->GetVideo("only-id");
  ASSERT_OK(got_unknown);
  ASSERT_TRUE(got_unknown->has_value());
  ExpectSameVideo(unknown, **got_unknown);
  auto missing = store_->GetVideo("nope");
  ASSERT_OK(missing);
  EXPECT_FALSE(missing->has_value());
  auto missing_channel = store_->GetChannel("nope");
  ASSERT_OK(missing_channel);
  EXPECT_FALSE(missing_channel->has_value());

  auto snapshots = store_->LoadSnapshots("a");
  ASSERT_OK(snapshots);
  ASSERT_EQ(snapshots->size(), 2u);
  ExpectSameSnapshot(full, (*snapshots)[0]);  // ordered by captured_at
  ExpectSameSnapshot(empty, (*snapshots)[1]);

  auto loaded_titles = store_->LoadLabelledTitles();
  ASSERT_OK(loaded_titles);
  ASSERT_EQ(loaded_titles->size(), 3u);
  for (size_t i = 0; i < titles.size(); ++i) {
    EXPECT_EQ((*loaded_titles)[i].title, titles[i].title);
    EXPECT_EQ((*loaded_titles)[i].clickbait, titles[i].clickbait);
    EXPECT_EQ((*loaded_titles)[i].source, titles[i].source);
  }
  auto loaded_categories = store_->LoadCategories();
  ASSERT_OK(loaded_categories);
  ASSERT_EQ(loaded_categories->size(), 3u);  // ordered by (id, region)
  EXPECT_EQ((*loaded_categories)[0].id, 10);
  EXPECT_EQ((*loaded_categories)[1].region, "");
  EXPECT_EQ((*loaded_categories)[1].name, "Entertainment");
  EXPECT_EQ((*loaded_categories)[2].name, "Unterhaltung");
}

TEST_P(StoreContractTest, ReUpsertChangesNothing) {
  std::vector<Channel> channels = {FullChannel("UC_a")};
  std::vector<Video> videos = {FullVideo("a"), FullVideo("b")};
  std::vector<Snapshot> snaps = {Snap("a", "2018-01-03T00:00:00Z", 10, 1),
                                 Snap("b", "2018-01-03T00:00:00Z", 20)};
  std::vector<LabelledTitle> titles = {{"t", true, "s"}};
  std::vector<Category> categories = {{1, "", "Film"}};
  for (int round = 0; round < 2; ++round) {
    ASSERT_OK(store_->UpsertChannels(channels));
    ASSERT_OK(store_->UpsertVideos(videos));
    ASSERT_OK(store_->UpsertSnapshots(snaps));
    ASSERT_OK(store_->UpsertLabelledTitles(titles));
    ASSERT_OK(store_->UpsertCategories(categories));
  }
  auto stats = store_->Stats();
  ASSERT_OK(stats);
  EXPECT_EQ(stats->channels, 1);
  EXPECT_EQ(stats->videos, 2);
  EXPECT_EQ(stats->snapshots, 2);
  EXPECT_EQ(stats->labelled_titles, 1);
  auto loaded = store_->LoadVideos(VideoFilter{.sort = "title", .descending = false});
  ASSERT_OK(loaded);
  ASSERT_EQ(loaded->size(), 2u);
  ExpectSameVideo(videos[0], (*loaded)[0]);
  ExpectSameVideo(videos[1], (*loaded)[1]);
  auto loaded_snaps = store_->LoadSnapshots();
  ASSERT_OK(loaded_snaps);
  ASSERT_EQ(loaded_snaps->size(), 2u);
  ExpectSameSnapshot(snaps[0], (*loaded_snaps)[0]);
}

TEST_P(StoreContractTest, LaterPartialRowEnrichesEarlierOne) {
  Video first{.id = "v", .title = "Old title", .tags = {"x", "y"}, .category_id = 10,
              .source = "kaggle:US"};
  Video later{.id = "v", .channel_id = "UC_v", .description = "now known",
              .published_at = T("2019-05-06T07:08:09Z"), .duration_s = 60,
              .comments_disabled = true, .clickbait_label = true};
  ASSERT_OK(store_->UpsertVideos(std::vector<Video>{first}));
  ASSERT_OK(store_->UpsertVideos(std::vector<Video>{later}));
  Video expected = first;
  expected.channel_id = "UC_v";
  expected.description = "now known";
  expected.published_at = later.published_at;
  expected.duration_s = 60;
  expected.comments_disabled = true;
  expected.clickbait_label = true;
  auto got = store_->GetVideo("v");
  ASSERT_OK(got);
  ASSERT_TRUE(got->has_value());
  ExpectSameVideo(expected, **got);

  // A known value replaces the stored one; a later row with false flags keeps them on.
  Video renamed{.id = "v", .title = "New title", .tags = {"z"}, .clickbait_label = false,
                .source = "youtube:US"};
  ASSERT_OK(store_->UpsertVideos(std::vector<Video>{renamed}));
  expected.title = "New title";
  expected.tags = {"z"};
  expected.clickbait_label = false;
  expected.source = "youtube:US";
  got = store_->GetVideo("v");
  ASSERT_OK(got);
  ExpectSameVideo(expected, **got);
  // Title search follows the new title.
  auto found = store_->LoadVideos(VideoFilter{.query = "new TITLE"});
  ASSERT_OK(found);
  EXPECT_EQ(found->size(), 1u);
  found = store_->LoadVideos(VideoFilter{.query = "old title"});
  ASSERT_OK(found);
  EXPECT_TRUE(found->empty());

  ASSERT_OK(store_->UpsertChannels(std::vector<Channel>{{.id = "c", .title = "C", .subscribers = 5}}));
  ASSERT_OK(store_->UpsertChannels(std::vector<Channel>{{.id = "c", .country = "FR"}}));
  auto channel = store_->GetChannel("c");
  ASSERT_OK(channel);
  ExpectSameChannel(Channel{.id = "c", .title = "C", .country = "FR", .subscribers = 5},
                    **channel);

  ASSERT_OK(store_->UpsertSnapshots(std::vector<Snapshot>{Snap("v", "2019-05-07T00:00:00Z", 100)}));
  ASSERT_OK(store_->UpsertSnapshots(
      std::vector<Snapshot>{Snap("v", "2019-05-07T00:00:00Z", std::nullopt, 9)}));
  auto snaps = store_->LoadSnapshots("v");
  ASSERT_OK(snaps);
  ASSERT_EQ(snaps->size(), 1u);
  ExpectSameSnapshot(Snap("v", "2019-05-07T00:00:00Z", 100, 9), (*snaps)[0]);

  ASSERT_OK(store_->UpsertCategories(std::vector<Category>{{1, "US", "Film"}}));
  ASSERT_OK(store_->UpsertCategories(std::vector<Category>{{1, "US", ""}}));
  auto categories = store_->LoadCategories();
  ASSERT_OK(categories);
  ASSERT_EQ(categories->size(), 1u);
  EXPECT_EQ((*categories)[0].name, "Film");
}

TEST_P(StoreContractTest, DuplicatesInsideOneBatchMerge) {
  std::vector<Video> videos = {{.id = "d", .title = "first", .category_id = 1},
                               {.id = "d", .title = "second", .duration_s = 5}};
  ASSERT_OK(store_->UpsertVideos(videos));
  std::vector<Snapshot> snaps = {Snap("d", "2020-01-01T00:00:00Z", 1),
                                 Snap("d", "2020-01-01T00:00:00Z", 2, 7)};
  ASSERT_OK(store_->UpsertSnapshots(snaps));
  auto got = store_->GetVideo("d");
  ASSERT_OK(got);
  EXPECT_EQ((*got)->title, "second");
  EXPECT_EQ((*got)->category_id, 1);
  EXPECT_EQ((*got)->duration_s, 5);
  auto loaded = store_->LoadSnapshots("d");
  ASSERT_OK(loaded);
  ASSERT_EQ(loaded->size(), 1u);
  ExpectSameSnapshot(Snap("d", "2020-01-01T00:00:00Z", 2, 7), (*loaded)[0]);
}

TEST_P(StoreContractTest, SnapshotsAreUniqueOnVideoAndTime) {
  ASSERT_OK(store_->UpsertVideos(std::vector<Video>{{.id = "a"}, {.id = "b"}}));
  ASSERT_OK(store_->UpsertSnapshots(std::vector<Snapshot>{
      Snap("a", "2020-01-01T00:00:00Z", 1), Snap("a", "2020-01-01T00:00:01Z", 2),
      Snap("b", "2020-01-01T00:00:00Z", 3)}));
  ASSERT_OK(store_->UpsertSnapshots(std::vector<Snapshot>{Snap("a", "2020-01-01T00:00:00Z", 10)}));
  auto all = store_->LoadSnapshots();
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 3u);
  ExpectSameSnapshot(Snap("a", "2020-01-01T00:00:00Z", 10), (*all)[0]);
  ExpectSameSnapshot(Snap("a", "2020-01-01T00:00:01Z", 2), (*all)[1]);
  ExpectSameSnapshot(Snap("b", "2020-01-01T00:00:00Z", 3), (*all)[2]);
  auto only_b = store_->LoadSnapshots("b");
  ASSERT_OK(only_b);
  EXPECT_EQ(only_b->size(), 1u);
}

TEST_P(StoreContractTest, SnapshotOfUnknownVideoFailsAndWritesNothing) {
  ASSERT_OK(store_->UpsertVideos(std::vector<Video>{{.id = "known"}}));
  auto status = store_->UpsertSnapshots(std::vector<Snapshot>{
      Snap("known", "2020-01-01T00:00:00Z", 1), Snap("ghost", "2020-01-01T00:00:00Z", 1)});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(status.error().message.find("ghost"), std::string::npos) << status.error().message;
  auto all = store_->LoadSnapshots();
  ASSERT_OK(all);
  EXPECT_TRUE(all->empty());  // one call is one transaction
}

TEST_P(StoreContractTest, RollbackDiscardsEverything) {
  ASSERT_OK(store_->Begin());
  ASSERT_OK(store_->UpsertChannels(std::vector<Channel>{FullChannel("c")}));
  ASSERT_OK(store_->UpsertVideos(std::vector<Video>{FullVideo("v")}));
  ASSERT_OK(store_->UpsertSnapshots(std::vector<Snapshot>{Snap("v", "2020-01-01T00:00:00Z", 1)}));
  auto inside = store_->GetVideo("v");  // a transaction sees its own writes
  ASSERT_OK(inside);
  EXPECT_TRUE(inside->has_value());
  ASSERT_OK(store_->Rollback());
  auto stats = store_->Stats();
  ASSERT_OK(stats);
  EXPECT_EQ(stats->channels + stats->videos + stats->snapshots, 0);

  // Destruction without Commit discards too.
  ASSERT_OK(store_->Begin());
  ASSERT_OK(store_->UpsertVideos(std::vector<Video>{FullVideo("w")}));
  Reopen();
  auto gone = store_->GetVideo("w");
  ASSERT_OK(gone);
  EXPECT_FALSE(gone->has_value());
}

TEST_P(StoreContractTest, CommitPersists) {
  ASSERT_OK(store_->Begin());
  ASSERT_OK(store_->UpsertVideos(std::vector<Video>{FullVideo("v")}));
  ASSERT_OK(store_->Commit());
  EXPECT_FALSE(store_->Commit().ok());  // no transaction open any more
  Reopen();
  auto got = store_->GetVideo("v");
  ASSERT_OK(got);
  ASSERT_TRUE(got->has_value());
  ExpectSameVideo(FullVideo("v"), **got);
}

TEST_P(StoreContractTest, InTransactionRollsBackOnError) {
  Status status = InTransaction(*store_, [&]() -> Status {
    VV_RETURN_IF_ERROR(store_->UpsertVideos(std::vector<Video>{FullVideo("v")}));
    return MakeError(ErrorCode::kInvalidArgument, "bad row", "file.csv:3");
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().path, "file.csv:3");
  // A failing write inside the transaction: earlier writes are gone as well.
  status = InTransaction(*store_, [&]() -> Status {
    VV_RETURN_IF_ERROR(store_->UpsertVideos(std::vector<Video>{FullVideo("w")}));
    return store_->UpsertSnapshots(std::vector<Snapshot>{Snap("ghost", "2020-01-01T00:00:00Z", 1)});
  });
  ASSERT_FALSE(status.ok());
  auto stats = store_->Stats();
  ASSERT_OK(stats);
  EXPECT_EQ(stats->videos, 0);
  // And the store is usable afterwards.
  ASSERT_OK(InTransaction(*store_, [&] { return store_->UpsertVideos(std::vector<Video>{FullVideo("x")}); }));
  stats = store_->Stats();
  ASSERT_OK(stats);
  EXPECT_EQ(stats->videos, 1);
}

TEST_P(StoreContractTest, CommitAfterFailedWriteIsRefused) {
  ASSERT_OK(store_->Begin());
  ASSERT_OK(store_->UpsertVideos(std::vector<Video>{FullVideo("v")}));
  ASSERT_FALSE(store_->UpsertSnapshots(std::vector<Snapshot>{Snap("ghost", "2020-01-01T00:00:00Z", 1)}).ok());
  EXPECT_FALSE(store_->Commit().ok());
  auto got = store_->GetVideo("v");
  ASSERT_OK(got);
  EXPECT_FALSE(got->has_value());
}

}  // namespace
}  // namespace vv::testing

namespace vv::testing {
namespace {

TEST_P(StoreContractTest, UncommittedWritesAreInvisibleToOtherConnections) {
  auto other = OpenStore(url_);  // a second connection opens while the first one writes
  ASSERT_TRUE(other.ok()) << other.error().ToString();
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->UpsertVideos(std::vector<Video>{FullVideo("v")}).ok());
  auto seen = (*other)->GetVideo("v");
  ASSERT_TRUE(seen.ok()) << seen.error().ToString();
  EXPECT_FALSE(seen->has_value());
  auto reopened = OpenStore(url_);  // opening (and its migration check) is not blocked either
  ASSERT_TRUE(reopened.ok()) << reopened.error().ToString();
  ASSERT_TRUE(store_->Commit().ok());
  seen = (*other)->GetVideo("v");
  ASSERT_TRUE(seen.ok()) << seen.error().ToString();
  EXPECT_TRUE(seen->has_value());
}

}  // namespace
}  // namespace vv::testing
