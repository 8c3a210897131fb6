// The real Kaggle files in /work/shared/data (README.md there gives the counts checked here).
// Skipped when the folder is absent; nothing of them is copied into the repository.
#include <gtest/gtest.h>

#include <filesystem>

#include "collect/kaggle_import.h"
#include "collect/kaggle_rows.h"

namespace vv::collect {
namespace {

const char* DataDir() {
  const char* env = std::getenv("VV_SHARED_DATA");
  return env ? env : "/work/shared/data";
}

std::string Path(const std::string& relative) {
  return std::string(DataDir()) + "/" + relative;
}

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
  return Counts{batch->merged.videos().size(), batch->merged.snapshot_count(),
                summary.rows_read, summary.SkippedTotal(), summary.repaired_records};
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

}  // namespace
}  // namespace vv::collect
