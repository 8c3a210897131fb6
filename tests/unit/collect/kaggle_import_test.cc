// End to end: fixtures through ImportTrending into a real store (SQLite, and PostgreSQL when
// a server is given).
#include "collect/kaggle_import.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/text_util.h"
#include "core/time_util.h"
#include "unit/collect/kaggle_store_fixture.h"

namespace vv::collect::testing {
namespace {

TrendingImportOptions AllFixtures() {
  return {{KaggleFixture("US_videos_2017.csv"), KaggleFixture("US_daily_2017.csv"),
           KaggleFixture("US_v1_2017.csv"), KaggleFixture("GB_trending_2020.csv")},
          {KaggleFixture("US_category_id.json")},
          ""};
}

std::string Opt(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : "null"; }

// Everything the store holds, as text, to compare two states of it.
std::string Dump(Store& store) {
  std::string out;
  VideoFilter all;
  all.limit = 0;
  all.sort = "title";
  auto videos = store.LoadVideos(all);
  auto snapshots = store.LoadSnapshots();
  auto channels = store.LoadChannels();
  auto categories = store.LoadCategories();
  EXPECT_TRUE(videos.ok() && snapshots.ok() && channels.ok() && categories.ok());
  if (!videos.ok() || !snapshots.ok() || !channels.ok() || !categories.ok()) return "";
  for (const auto& v : *videos) {
    out += v.id + "|" + v.channel_id + "|" + v.title + "|" + v.description + "|" +
           Join(v.tags, ",") + "|" + Opt(v.category_id) + "|" +
           (v.published_at ? FormatIso8601(*v.published_at) : "") + "|" + v.thumbnail_url + "|" +
           std::to_string(v.comments_disabled) + std::to_string(v.ratings_disabled) + "|" +
           v.source + "\n";
  }
  for (const auto& s : *snapshots) {
    out += s.video_id + "@" + FormatIso8601(s.captured_at) + " " + Opt(s.views) + " " +
           Opt(s.likes) + " " + Opt(s.dislikes) + " " + Opt(s.comments) + "\n";
  }
  for (const auto& c : *channels) out += c.id + "|" + c.title + "\n";
  for (const auto& c : *categories) {
    out += std::to_string(c.id) + "|" + c.region + "|" + c.name + "\n";
  }
  return out;
}

TEST_P(ImportStoreTest, ImportsEveryFormatIntoOneStore) {
  auto summary = ImportTrending(*store_, AllFixtures());
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  EXPECT_EQ(summary->files.size(), 4u);
  EXPECT_EQ(summary->rows_read, 15);  // 4 + 3 + (4 records, one glued = 5 rows) + 3
  EXPECT_EQ(summary->SkippedTotal(), 2);
  EXPECT_EQ(summary->skipped.at(kSkipBadVideoId), 1);
  EXPECT_EQ(summary->skipped.at(kSkipBadDate100), 1);
  EXPECT_EQ(summary->repaired_records, 1);

  auto stats = store_->Stats().value();
  EXPECT_EQ(stats.videos, 8);
  EXPECT_EQ(stats.snapshots, 13);
  EXPECT_EQ(stats.channels, 7);
  EXPECT_EQ(summary->videos, stats.videos);
  EXPECT_EQ(summary->snapshots, stats.snapshots);

  auto a = store_->GetVideo("aaaaaaaaaa1").value().value();
  EXPECT_EQ(a.title, "Baking Bread At Home (updated)");  // the newest day's title
  EXPECT_EQ(a.channel_id, "title:Home Baker");
  EXPECT_EQ(FormatIso8601(a.published_at.value()), "2017-11-12T08:00:00Z");
  EXPECT_EQ(a.tags, (std::vector<std::string>{"bread", "baking", "home"}));
  EXPECT_EQ(a.description, "First line\nSecond line, with comma");
  EXPECT_EQ(a.source, "kaggle:US");
  auto a_snaps = store_->LoadSnapshots("aaaaaaaaaa1").value();
  ASSERT_EQ(a_snaps.size(), 3u);
  EXPECT_EQ(a_snaps[0].views, 1000);
  EXPECT_EQ(a_snaps[2].views, 4000);
  EXPECT_EQ(FormatIso8601(a_snaps[2].captured_at), "2017-11-16T00:00:00Z");

  auto c = store_->GetVideo("cccccccccc3").value().value();
  EXPECT_EQ(c.channel_id, "");  // only the daily file knows it, and it names no channel
  EXPECT_EQ(c.category_id, 10);
  EXPECT_TRUE(store_->GetVideo("bbbbbbbbbb2").value()->comments_disabled);

  auto g = store_->GetVideo("gggggggggg7").value().value();
  EXPECT_EQ(g.channel_id, "UCaaaaaaaaaaaaaaaaaaaaaa");
  EXPECT_TRUE(g.ratings_disabled);
  EXPECT_EQ(g.source, "kaggle:GB");
  EXPECT_EQ(store_->GetChannel("UCbbbbbbbbbbbbbbbbbbbbbb").value()->title, "Trail Team");

  auto categories = store_->LoadCategories();
  ASSERT_TRUE(categories.ok());
  ASSERT_EQ(categories->size(), 3u);
  for (const auto& cat : *categories) EXPECT_EQ(cat.region, "US");
}

TEST_P(ImportStoreTest, ReimportChangesNothing) {
  ASSERT_TRUE(ImportTrending(*store_, AllFixtures()).ok());
  std::string first = Dump(*store_);
  ASSERT_TRUE(ImportTrending(*store_, AllFixtures()).ok());
  EXPECT_EQ(Dump(*store_), first);
}

TEST_P(ImportStoreTest, DailyFileFirstIsEnrichedByThePerVideoFileLater) {
  TrendingImportOptions daily{{KaggleFixture("US_daily_2017.csv")}, {}, ""};
  TrendingImportOptions full{{KaggleFixture("US_videos_2017.csv")}, {}, ""};
  ASSERT_TRUE(ImportTrending(*store_, daily).ok());
  EXPECT_EQ(store_->GetVideo("aaaaaaaaaa1").value()->channel_id, "");
  ASSERT_TRUE(ImportTrending(*store_, full).ok());
  auto a = store_->GetVideo("aaaaaaaaaa1").value().value();
  EXPECT_EQ(a.channel_id, "title:Home Baker");
  EXPECT_TRUE(a.published_at.has_value());
  EXPECT_EQ(store_->LoadSnapshots("aaaaaaaaaa1").value().size(), 3u);
}

TEST_P(ImportStoreTest, DailyFileLaterKeepsWhatThePerVideoFileGave) {
  ASSERT_TRUE(ImportTrending(*store_, {{KaggleFixture("US_videos_2017.csv")}, {}, ""}).ok());
  ASSERT_TRUE(ImportTrending(*store_, {{KaggleFixture("US_daily_2017.csv")}, {}, ""}).ok());
  auto a = store_->GetVideo("aaaaaaaaaa1").value().value();
  EXPECT_EQ(a.channel_id, "title:Home Baker");
  EXPECT_EQ(a.tags.size(), 3u);
  EXPECT_EQ(a.description, "First line\nSecond line, with comma");
  EXPECT_TRUE(store_->GetVideo("bbbbbbbbbb2").value()->comments_disabled);
}

TEST_P(ImportStoreTest, ExplicitRegionOverridesTheFileName) {
  TrendingImportOptions options{
      {KaggleFixture("GB_trending_2020.csv")}, {KaggleFixture("US_category_id.json")}, "CA"};
  ASSERT_TRUE(ImportTrending(*store_, options).ok());
  EXPECT_EQ(store_->GetVideo("hhhhhhhhhh8").value()->source, "kaggle:CA");
  EXPECT_EQ(store_->LoadCategories().value().at(0).region, "CA");
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportStoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace vv::collect::testing
