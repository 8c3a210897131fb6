// End to end: fixtures through ImportTrending into a real store (SQLite, and PostgreSQL when
// a server is given).
#include "collect/kaggle_import.h"

#include <gtest/gtest.h>

#include <algorithm>
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

TEST_P(ImportStoreTest, EveryQuoteFormYieldsCleanTags) {
  // The tags column as third-party re-exports write it: wrapped, stray, doubled, unbalanced.
  ASSERT_TRUE(ImportTrending(*store_, {{KaggleFixture("US_quoted_tags_2017.csv")}, {}, ""}).ok());
  auto tags = [&](const std::string& id) { return store_->GetVideo(id).value().value().tags; };
  using Tags = std::vector<std::string>;
  EXPECT_EQ(tags("qqqqqqqqqq1"), (Tags{"Chess", "Saint Louis", "Club"}));
  EXPECT_EQ(tags("qqqqqqqqqq2"), (Tags{"a", "b", "c"}));  // a|"b"|"c"
  EXPECT_EQ(tags("qqqqqqqqqq3"), (Tags{"a", "b", "c"}));  // "a|""b""|""c"""
  // A quoted tag keeps its '|'; its quotes go.
  EXPECT_EQ(tags("qqqqqqqqqq4"), (Tags{"Driver's License | Lele Pons", "lele"}));
  // An unpaired quote goes; "MUSIC" is "Music" once folded, and the first spelling stays.
  EXPECT_EQ(tags("qqqqqqqqqq5"), (Tags{"Music", "Live"}));
  EXPECT_EQ(tags("qqqqqqqqqq6"), (Tags{"the \"best\" song", "x"}));  // a balanced pair is text
}

TEST_P(ImportStoreTest, CutLastRecordIsSkippedCountedAndNamed) {
  // CRLF, every field quoted, a multi-line description; the file stops inside the last
  // record's description, in the middle of a Hangul character. Category 29 is not in the JSON.
  TrendingImportOptions options{
      {KaggleFixture("KR_cut_2020.csv")}, {KaggleFixture("US_category_id.json")}, ""};
  auto summary = ImportTrending(*store_, options);
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  EXPECT_EQ(summary->rows_read, 4);
  EXPECT_EQ(summary->SkippedTotal(), 1);
  EXPECT_EQ(summary->skipped.at(kSkipCutOff), 1);
  ASSERT_EQ(summary->warnings.size(), 1u);
  EXPECT_NE(summary->warnings[0].find("KR_cut_2020.csv:6:"), std::string::npos)
      << summary->warnings[0];
  EXPECT_NE(summary->ToText().find(kSkipCutOff), std::string::npos);
  auto stats = store_->Stats().value();
  EXPECT_EQ(stats.videos, 2);
  EXPECT_EQ(stats.snapshots, 3);
  EXPECT_FALSE(store_->GetVideo("kkkkkkkkkk3").value().has_value());
  auto nonprofit = store_->GetVideo("kkkkkkkkkk2").value().value();
  EXPECT_EQ(nonprofit.category_id, 29);  // kept although no category file names it
  EXPECT_TRUE(nonprofit.tags.empty());   // [None]
  EXPECT_EQ(nonprofit.description, "first line\nsecond line");
  EXPECT_EQ(store_->GetVideo("kkkkkkkkkk1").value()->tags,
            (std::vector<std::string>{"\xED\x85\x8C\xEC\x8A\xA4\xED\x8A\xB8", "testtag"}));
}

TEST_P(ImportStoreTest, UnquotedFileCutMidRowImportsItsCompleteRows) {
  const std::string path = ::testing::TempDir() + "US_cut_" + GetParam() + ".csv";
  std::ofstream(path, std::ios::binary)
      << "video_id,trending_date,title,channel_title,category_id,views\n"
      << "uuuuuuuuuu1,17.14.11,Whole row,Chan,22,10\n"
      << "uuuuuuuuuu2,17.14.11,Cut ro";
  auto summary = ImportTrending(*store_, {{path}, {}, ""});
  std::filesystem::remove(path);
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  EXPECT_EQ(summary->skipped.at(kSkipCutOff), 1);
  ASSERT_EQ(summary->warnings.size(), 1u);
  EXPECT_NE(summary->warnings[0].find(":3:"), std::string::npos);
  EXPECT_EQ(store_->Stats().value().videos, 1);
}

TEST_P(ImportStoreTest, ReimportOfQuotedAndCutFilesChangesNothing) {
  TrendingImportOptions options{
      {KaggleFixture("US_quoted_tags_2017.csv"), KaggleFixture("KR_cut_2020.csv")}, {}, ""};
  ASSERT_TRUE(ImportTrending(*store_, options).ok());
  std::string first = Dump(*store_);
  ASSERT_FALSE(first.empty());
  auto again = ImportTrending(*store_, options);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(Dump(*store_), first);
  std::reverse(options.files.begin(), options.files.end());  // nor does the order of the files
  ASSERT_TRUE(ImportTrending(*store_, options).ok());
  EXPECT_EQ(Dump(*store_), first);
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportStoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace vv::collect::testing
