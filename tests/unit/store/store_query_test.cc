// Storage contract, part 2: listing filters, stats, migrations, bulk speed.
#include <chrono>
#include <iostream>

#include "store/migrations.h"
#include "unit/store/store_fixture.h"

namespace vv::testing {
namespace {

#define ASSERT_OK(expr)                                       \
  do {                                                        \
    auto vv_s_ = (expr);                                      \
    ASSERT_TRUE(vv_s_.ok()) << vv_s_.error().ToString();      \
  } while (0)

std::vector<std::string> Ids(const Result<std::vector<Video>>& videos) {
  std::vector<std::string> ids;
  if (!videos.ok()) {
    ADD_FAILURE() << videos.error().ToString();
    return ids;
  }
  for (const Video& v : *videos) ids.push_back(v.id);
  return ids;
}

using Ids_ = std::vector<std::string>;

class StoreQueryTest : public StoreContractTest {
 protected:
  void SetUp() override {
    StoreContractTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto video = [](std::string id, std::string channel, std::string title,
                    std::optional<int> category, const char* published) {
      Video v{.id = id, .channel_id = channel, .title = title, .category_id = category};
      if (published) v.published_at = T(published);
      return v;
    };
    std::vector<Video> videos = {
        video("v1", "c1", "École de MUSIQUE", 10, "2020-01-01T00:00:00Z"),
        video("v2", "c1", "Cats compilation", 15, "2020-01-03T00:00:00Z"),
        video("v3", "c2", "Music for cats", 10, "2020-01-02T00:00:00Z"),
        video("v4", "c2", "Лучшая музыка", 10, nullptr),
        video("v5", "c3", "100% pure_fun", std::nullopt, "2020-01-05T00:00:00Z"),
    };
    ASSERT_TRUE(store_->UpsertVideos(videos).ok());
    // Latest views: v1 500 (older snapshot 900 is not the latest), v2 700, v3 100; v4 and v5
    // have no known views (v4's latest snapshot has views unknown, its older one 50).
    std::vector<Snapshot> snaps = {
        {"v1", T("2020-02-01T00:00:00Z"), 900}, {"v1", T("2020-02-02T00:00:00Z"), 500},
        {"v2", T("2020-02-01T00:00:00Z"), 700}, {"v3", T("2020-02-03T00:00:00Z"), 100},
        {"v4", T("2020-02-01T00:00:00Z"), 50},  {"v4", T("2020-02-04T00:00:00Z"), std::nullopt},
    };
    ASSERT_TRUE(store_->UpsertSnapshots(snaps).ok());
  }
};

TEST_P(StoreQueryTest, SortsByPublishedAtWithUnknownLast) {
  EXPECT_EQ(Ids(store_->LoadVideos({})), (Ids_{"v5", "v2", "v3", "v1", "v4"}));
  EXPECT_EQ(Ids(store_->LoadVideos({.descending = false})), (Ids_{"v1", "v3", "v2", "v5", "v4"}));
}

TEST_P(StoreQueryTest, SortsByLatestViews) {
  // v4's latest known view count is 50 (its newest snapshot does not know views).
  EXPECT_EQ(Ids(store_->LoadVideos({.sort = "views"})), (Ids_{"v2", "v1", "v3", "v4", "v5"}));
  EXPECT_EQ(Ids(store_->LoadVideos({.sort = "views", .descending = false})),
            (Ids_{"v4", "v3", "v1", "v2", "v5"}));
}

TEST_P(StoreQueryTest, SortsByTitle) {
  EXPECT_EQ(Ids(store_->LoadVideos({.sort = "title", .descending = false})),
            (Ids_{"v5", "v2", "v3", "v1", "v4"}));
}

TEST_P(StoreQueryTest, FiltersByQueryCategoryAndChannel) {
  // Case-insensitive, also beyond ASCII.
  EXPECT_EQ(Ids(store_->LoadVideos({.query = "MUSI"})), (Ids_{"v3", "v1"}));
  EXPECT_EQ(Ids(store_->LoadVideos({.query = "ÉCOLE"})), (Ids_{"v1"}));
  EXPECT_EQ(Ids(store_->LoadVideos({.query = "МУЗЫКА"})), (Ids_{"v4"}));
  // LIKE wildcards in the query are literal characters.
  EXPECT_EQ(Ids(store_->LoadVideos({.query = "0% p"})), (Ids_{"v5"}));
  EXPECT_EQ(Ids(store_->LoadVideos({.query = "e_fun"})), (Ids_{"v5"}));
  EXPECT_TRUE(Ids(store_->LoadVideos({.query = "%"})).size() == 1u);
  EXPECT_EQ(Ids(store_->LoadVideos({.category_id = 10})), (Ids_{"v3", "v1", "v4"}));
  EXPECT_EQ(Ids(store_->LoadVideos({.channel_id = "c2"})), (Ids_{"v3", "v4"}));
  EXPECT_EQ(Ids(store_->LoadVideos({.query = "cats", .category_id = 10, .channel_id = "c2"})),
            (Ids_{"v3"}));
  EXPECT_TRUE(Ids(store_->LoadVideos({.query = "nothing like this"})).empty());
}

TEST_P(StoreQueryTest, LimitAndOffset) {
  EXPECT_EQ(Ids(store_->LoadVideos({.limit = 2})), (Ids_{"v5", "v2"}));
  EXPECT_EQ(Ids(store_->LoadVideos({.limit = 2, .offset = 2})), (Ids_{"v3", "v1"}));
  EXPECT_EQ(Ids(store_->LoadVideos({.limit = 2, .offset = 4})), (Ids_{"v4"}));
  EXPECT_EQ(Ids(store_->LoadVideos({.limit = 0, .offset = 1})).size(), 4u);  // no limit
  EXPECT_TRUE(Ids(store_->LoadVideos({.offset = 10})).empty());
}

TEST_P(StoreQueryTest, UnknownSortIsAnError) {
  auto result = store_->LoadVideos({.sort = "likes"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(result.error().message.find("likes"), std::string::npos);
}

TEST_P(StoreQueryTest, StatsCountsAndDateRange) {
  ASSERT_OK(store_->UpsertChannels(std::vector<Channel>{{.id = "c1"}, {.id = "c2"}}));
  ASSERT_OK(store_->UpsertLabelledTitles(std::vector<LabelledTitle>{{"a", true, "s"}}));
  auto stats = store_->Stats();
  ASSERT_OK(stats);
  EXPECT_EQ(stats->channels, 2);
  EXPECT_EQ(stats->videos, 5);
  EXPECT_EQ(stats->snapshots, 6);
  EXPECT_EQ(stats->labelled_titles, 1);
  ASSERT_EQ(stats->per_category.size(), 2u);
  EXPECT_EQ(stats->per_category[0].category_id, 10);
  EXPECT_EQ(stats->per_category[0].videos, 3);
  EXPECT_EQ(stats->per_category[1].category_id, 15);
  EXPECT_EQ(stats->per_category[1].videos, 1);
  EXPECT_EQ(stats->first_snapshot, T("2020-02-01T00:00:00Z"));
  EXPECT_EQ(stats->last_snapshot, T("2020-02-04T00:00:00Z"));
  EXPECT_EQ(stats->first_published, T("2020-01-01T00:00:00Z"));
  EXPECT_EQ(stats->last_published, T("2020-01-05T00:00:00Z"));
}

TEST_P(StoreContractTest, StatsOfAnEmptyStore) {
  auto stats = store_->Stats();
  ASSERT_OK(stats);
  EXPECT_EQ(stats->channels + stats->videos + stats->snapshots + stats->labelled_titles, 0);
  EXPECT_TRUE(stats->per_category.empty());
  EXPECT_FALSE(stats->first_snapshot.has_value());
  EXPECT_FALSE(stats->last_snapshot.has_value());
  EXPECT_FALSE(stats->first_published.has_value());
  EXPECT_FALSE(stats->last_published.has_value());
}

TEST_P(StoreContractTest, MigrationsApplyOnceAndNewerSchemaIsRefused) {
  const int known = store_internal::LatestVersion(IsPostgres() ? "postgres" : "sqlite");
  ASSERT_GE(known, 1);
  EXPECT_EQ(store_->SchemaVersion(), known);
  ASSERT_OK(store_->UpsertVideos(std::vector<Video>{FullVideo("keep")}));
  Reopen();  // migrations are not re-applied; data stays
  EXPECT_EQ(store_->SchemaVersion(), known);
  auto kept = store_->GetVideo("keep");
  ASSERT_OK(kept);
  EXPECT_TRUE(kept->has_value());

  const int future = known + 998;
  store_.reset();
  ExecRaw("INSERT INTO schema_version (version, name) VALUES (" + std::to_string(future) +
          ", 'from_the_future')");
  auto opened = OpenStore(url_);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(opened.error().message, "database schema version " + std::to_string(future) +
                                        " is newer than this program (knows up to " +
                                        std::to_string(known) + "); upgrade vv");
}

// Not a benchmark (bench/ has those), but a guard that bulk upserts stay batched: 10k videos
// and 40k snapshots in one transaction, well under a second on the dev machine.
TEST_P(StoreContractTest, BulkUpsertIsFast) {
  std::vector<Video> videos;
  std::vector<Snapshot> snaps;
  for (int i = 0; i < 10000; ++i) {
    Video v = FullVideo("bulk" + std::to_string(i));
    videos.push_back(v);
    for (int k = 0; k < 4; ++k) {
      snaps.push_back({v.id, T("2020-01-01T00:00:00Z") + std::chrono::hours(6 * k), 1000 * k,
                       10 * k, std::nullopt, k});
    }
  }
  auto start = std::chrono::steady_clock::now();
  ASSERT_OK(InTransaction(*store_, [&]() -> Status {
    VV_RETURN_IF_ERROR(store_->UpsertVideos(videos));
    return store_->UpsertSnapshots(snaps);
  }));
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "[ bulk     ] " << GetParam() << ": 10000 videos + 40000 snapshots upserted in "
            << seconds << " s\n";
  RecordProperty("bulk_seconds", std::to_string(seconds));
  auto stats = store_->Stats();
  ASSERT_OK(stats);
  EXPECT_EQ(stats->videos, 10000);
  EXPECT_EQ(stats->snapshots, 40000);
  EXPECT_LT(seconds, 10.0);  // generous: the machine is shared with other builds
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreQueryTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace vv::testing
