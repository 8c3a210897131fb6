// The real Kaggle files in /work/shared/data (README.md there gives the counts checked here).
// Skipped when the folder is absent; nothing of them is copied into the repository.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "collect/kaggle_import.h"
#include "collect/kaggle_rows.h"
#include "unit/collect/kaggle_store_fixture.h"

namespace vv::collect {
namespace {

const char* DataDir() {
  const char* env = std::getenv("VV_SHARED_DATA");
  return env ? env : "/work/shared/data";
}

std::string Path(const std::string& relative) { return std::string(DataDir()) + "/" + relative; }

struct Counts {
  size_t videos = 0;
  size_t snapshots = 0;
  int64_t rows = 0;
  int64_t skipped = 0;
  int64_t repaired = 0;
};

Counts Read(const std::vector<std::string>& files) {
  TrendingImportOptions options;
  for (const auto& f : files) options.files.push_back(Path(f));
  TrendingImportSummary summary;
  auto batch = ReadTrendingFiles(options, &summary);
  EXPECT_TRUE(batch.ok()) << batch.error().ToString();
  if (!batch.ok()) return {};
  return Counts{batch->merged.videos().size(), batch->merged.snapshot_count(), summary.rows_read,
                summary.SkippedTotal(), summary.repaired_records};
}

class KaggleRealDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(Path("youtube-trending-2017/US_first_snapshot.csv"))) {
      GTEST_SKIP() << "real data not present in " << DataDir();
    }
  }
};

TEST_F(KaggleRealDataTest, FirstSnapshotFilesHoldEveryDistinctVideo) {
  Counts us = Read({"youtube-trending-2017/US_first_snapshot.csv"});
  EXPECT_EQ(us.videos, 6351u);
  EXPECT_EQ(us.snapshots, 6351u);
  EXPECT_EQ(us.skipped, 0);
  Counts gb = Read({"youtube-trending-2017/GB_first_snapshot.csv"});
  EXPECT_EQ(gb.videos, 3272u);
}

TEST_F(KaggleRealDataTest, TimeSeries) {
  Counts ts = Read({"youtube-trending-2017/US_timeseries_2017-11-14_2018-01-29.csv"});
  EXPECT_EQ(ts.rows, 14999);
  EXPECT_EQ(ts.videos, 3280u);
  EXPECT_EQ(ts.snapshots, 14999u);
}

TEST_F(KaggleRealDataTest, V1FilesSkipDate100AndRepairGluedRows) {
  Counts us = Read({"youtube-trending-2017/US_v1_2017-09-13_2017-10-22.csv"});
  EXPECT_EQ(us.skipped, 4);   // the README's 4 rows with date 100
  EXPECT_EQ(us.repaired, 2);  // two records glued by a lost line break
  // 7,998 records as Python's csv module counts them, 2 of them two rows each.
  EXPECT_EQ(us.rows, 7998 + 2);
  EXPECT_EQ(us.videos, 2364u);
  // Python's csv module, splitting the glued records the same way, finds 7,991 distinct
  // (video, day) pairs: 8,000 rows - 4 skipped - 5 repeats.
  EXPECT_EQ(us.snapshots, 7991u);
  Counts gb = Read({"youtube-trending-2017/GB_v1_2017-09-13_2017-10-22.csv"});
  EXPECT_EQ(gb.skipped, 0);
  EXPECT_EQ(gb.repaired, 2);
  EXPECT_EQ(gb.rows, 7995 + 2);
  EXPECT_EQ(gb.videos, 1736u);
  EXPECT_EQ(gb.snapshots, 7997u);
}

TEST_F(KaggleRealDataTest, Sample2020) {
  // Both samples were cut by size: the last row ends inside its description and is skipped.
  Counts us = Read({"youtube-trending-2020-sample/US_youtube_trending_data_2020-08-12_16.csv"});
  EXPECT_EQ(us.rows, 873);
  EXPECT_EQ(us.skipped, 1);
  EXPECT_EQ(us.snapshots, 872u);
  EXPECT_EQ(us.videos, 329u);  // the cut-off row's video trends on other days too
  Counts gb = Read({"youtube-trending-2020-sample/GB_youtube_trending_data_2020-08-12_16.csv"});
  EXPECT_EQ(gb.rows, 853);
  EXPECT_EQ(gb.skipped, 1);
  EXPECT_EQ(gb.videos, 346u);
}

TEST_F(KaggleRealDataTest, DailySeriesJoinsThePerVideoFileInEitherOrder) {
  const std::string first = "youtube-trending-2017/US_first_snapshot.csv";
  const std::string series = "youtube-trending-2017/US_timeseries_2017-11-14_2018-01-29.csv";
  TrendingImportSummary s1, s2;
  auto a = ReadTrendingFiles({{Path(first), Path(series)}, {}, ""}, &s1);
  auto b = ReadTrendingFiles({{Path(series), Path(first)}, {}, ""}, &s2);
  ASSERT_TRUE(a.ok() && b.ok());
  // Every series video is one of the 6,351 distinct US videos.
  EXPECT_EQ(a->merged.videos().size(), 6351u);
  EXPECT_EQ(a->merged.snapshot_count(), b->merged.snapshot_count());
  size_t with_channel = 0;
  for (const auto& [id, v] : a->merged.videos()) {
    const auto& other = b->merged.videos().at(id);
    EXPECT_EQ(v.video.channel_id, other.video.channel_id) << id;
    EXPECT_EQ(v.video.published_at, other.video.published_at) << id;
    with_channel += v.video.channel_id.empty() ? 0 : 1;
  }
  EXPECT_EQ(with_channel, 6351u);
}

TEST_F(KaggleRealDataTest, Regions2020ImportWithTheirCutLastRecordSkipped) {
  // The folder's README: rows (the cut last record included) and distinct videos. KR's and
  // RU's cut record is the only row of its video, so one video fewer is imported there.
  struct Region {
    const char* file;
    int64_t rows;
    size_t videos;
  };
  const Region kRegions[] = {
      {"BR_youtube_trending_data_2020-08-12_16.csv", 944, 330},
      {"DE_youtube_trending_data_2020-08-12_15.csv", 783, 387},
      {"JP_youtube_trending_data_2020-08-12_15.csv", 659, 292},
      {"KR_youtube_trending_data_2020-08-12_19.csv", 993, 336 - 1},
      {"MX_youtube_trending_data_2020-08-12_16.csv", 967, 318},
      {"RU_youtube_trending_data_2020-08-12_15.csv", 602, 459 - 1},
  };
  const std::string dir = "youtube-trending-2020-regions/";
  if (!std::filesystem::exists(Path(dir))) GTEST_SKIP() << "no " << dir;
  for (const auto& region : kRegions) {
    SCOPED_TRACE(region.file);
    TrendingImportOptions options{{Path(dir + region.file)}, {}, ""};
    TrendingImportSummary summary;
    auto batch = ReadTrendingFiles(options, &summary);
    ASSERT_TRUE(batch.ok()) << batch.error().ToString();
    EXPECT_EQ(summary.rows_read, region.rows);
    EXPECT_EQ(summary.SkippedTotal(), 1);
    EXPECT_EQ(summary.skipped[kSkipCutOff], 1);
    ASSERT_EQ(summary.warnings.size(), 1u);
    EXPECT_NE(summary.warnings[0].find(std::string(region.file) + ":"), std::string::npos);
    EXPECT_EQ(batch->merged.snapshot_count(), static_cast<size_t>(region.rows - 1));
    EXPECT_EQ(batch->merged.videos().size(), region.videos);
  }
}

TEST_F(KaggleRealDataTest, NoTagKeepsAQuoteCharacter) {
  // The 2017 per-video files wrap every tag in quotes, ~170 of them around a '|'; the v1 and
  // 2020 files use none. Whatever the form, no stored tag holds a quote.
  const std::vector<std::string> files = {
      "youtube-trending-2017/US_first_snapshot.csv", "youtube-trending-2017/GB_first_snapshot.csv",
      "youtube-trending-2017/US_v1_2017-09-13_2017-10-22.csv",
      "youtube-trending-2020-sample/US_youtube_trending_data_2020-08-12_16.csv"};
  std::vector<std::string> all = files;
  const std::string regions = Path("youtube-trending-2020-regions");
  if (std::filesystem::exists(regions)) {
    for (const auto& entry : std::filesystem::directory_iterator(regions)) {
      if (entry.path().extension() == ".csv") {
        all.push_back("youtube-trending-2020-regions/" + entry.path().filename().string());
      }
    }
  }
  for (const auto& file : all) {
    SCOPED_TRACE(file);
    TrendingImportSummary summary;
    auto batch = ReadTrendingFiles({{Path(file)}, {}, ""}, &summary);
    ASSERT_TRUE(batch.ok()) << batch.error().ToString();
    size_t tags = 0;
    for (const auto& [id, merged] : batch->merged.videos()) {
      for (const auto& tag : merged.video.tags) {
        ++tags;
        EXPECT_EQ(tag.find('"'), std::string::npos) << id << ": " << tag;
      }
    }
    EXPECT_GT(tags, 1000u);
  }
  // The US file's first row, as the README quotes it.
  TrendingImportSummary summary;
  auto us = ReadTrendingFiles({{Path(files[0])}, {}, ""}, &summary);
  ASSERT_TRUE(us.ok());
  EXPECT_EQ(us->merged.videos().at("-2RVw2_QyxQ").video.tags,
            (std::vector<std::string>{"Chess", "Saint Louis", "Club"}));
}

class KaggleRealImportTest : public testing::ImportStoreTest {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(Path("youtube-trending-2017/US_first_snapshot.csv"))) {
      GTEST_SKIP() << "real data not present in " << DataDir();
    }
    testing::ImportStoreTest::SetUp();
  }
};

TEST_P(KaggleRealImportTest, UsFirstSnapshotCategoriesMatchTheReadme) {
  TrendingImportOptions options{{Path("youtube-trending-2017/US_first_snapshot.csv")},
                                {Path("youtube-trending-2017/US_category_id.json")},
                                ""};
  ASSERT_TRUE(ImportTrending(*store_, options).ok());
  auto stats = store_->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->videos, 6351);
  std::map<int, int64_t> per_category;
  for (const auto& c : stats->per_category) per_category[c.category_id] = c.videos;
  EXPECT_EQ(per_category[24], 1617);  // Entertainment
  EXPECT_EQ(per_category[10], 801);   // Music
  EXPECT_EQ(per_category[26], 595);   // Howto & Style
  EXPECT_EQ(per_category[43], 4);     // Shows
}

TEST_P(KaggleRealImportTest, All2017FilesImportOnceAndReimportChangesNothing) {
  TrendingImportOptions options;
  for (const auto& entry : std::filesystem::directory_iterator(Path("youtube-trending-2017"))) {
    std::string p = entry.path().string();
    (p.ends_with(".csv") ? options.files : options.category_files).push_back(p);
  }
  std::sort(options.files.begin(), options.files.end());
  auto first = ImportTrending(*store_, options);
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  auto stats = store_->Stats().value();
  // Python's csv module over the same files (glued v1 records split, '100' rows left out)
  // finds 11,887 distinct video_ids, 33,756 distinct (video_id, day) pairs and 4,041 channel
  // titles. A video trending in the US and GB is one video.
  EXPECT_EQ(stats.videos, 11887);
  EXPECT_EQ(stats.snapshots, 33756);
  EXPECT_EQ(stats.channels, 4041);
  EXPECT_EQ(first->skipped.at(kSkipBadDate100), 4);
  auto categories = store_->LoadCategories();
  ASSERT_TRUE(categories.ok());
  EXPECT_EQ(categories->size(), first->categories);
  EXPECT_GT(categories->size(), 60u);  // about 31 names per region, US and GB

  // Re-import at this scale only on SQLite: on PostgreSQL it takes ~10 s on a loaded machine,
  // and the fixture tests check idempotence on both backends.
  if (GetParam() == "postgres") return;
  auto again = ImportTrending(*store_, options);
  ASSERT_TRUE(again.ok());
  auto after = store_->Stats().value();
  EXPECT_EQ(after.videos, stats.videos);
  EXPECT_EQ(after.snapshots, stats.snapshots);
  EXPECT_EQ(after.channels, stats.channels);
  EXPECT_EQ(after.first_snapshot, stats.first_snapshot);
  EXPECT_EQ(after.last_snapshot, stats.last_snapshot);
}

TEST_P(KaggleRealImportTest, AllSixRegionsImportDespiteCategory29MissingAndReimportIsANoOp) {
  const std::string dir = Path("youtube-trending-2020-regions");
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no " << dir;
  TrendingImportOptions options;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string p = entry.path().string();
    if (p.ends_with(".csv")) options.files.push_back(p);
    if (p.ends_with(".json")) options.category_files.push_back(p);
  }
  std::sort(options.files.begin(), options.files.end());
  std::sort(options.category_files.begin(), options.category_files.end());
  ASSERT_EQ(options.files.size(), 6u);
  auto first = ImportTrending(*store_, options);
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  EXPECT_EQ(first->SkippedTotal(), 6);  // one cut record per file
  auto stats = store_->Stats().value();
  // Python's csv module over the complete records: 2,034 distinct ids (the README's 2,036
  // counts the two videos seen only in a cut record), 4,771 (video, day) pairs, 1,574 channels.
  EXPECT_EQ(stats.videos, 2034);
  EXPECT_EQ(stats.snapshots, 4771);
  EXPECT_EQ(stats.channels, 1574);
  std::map<int, int64_t> per_category;
  for (const auto& c : stats.per_category) per_category[c.category_id] = c.videos;
  EXPECT_GT(per_category[29], 0);  // Nonprofits & Activism: no name in these JSON files

  auto again = ImportTrending(*store_, options);
  ASSERT_TRUE(again.ok());
  auto after = store_->Stats().value();
  EXPECT_EQ(after.videos, stats.videos);
  EXPECT_EQ(after.snapshots, stats.snapshots);
  EXPECT_EQ(after.channels, stats.channels);
}

INSTANTIATE_TEST_SUITE_P(Backends, KaggleRealImportTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace vv::collect
