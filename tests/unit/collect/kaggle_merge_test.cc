#include "collect/kaggle_merge.h"

#include <gtest/gtest.h>

#include "collect/kaggle_import.h"
#include "core/time_util.h"

namespace vv::collect {
namespace {

KaggleRow Row(const std::string& id, const char* day, int64_t views) {
  KaggleRow row;
  row.video.id = id;
  row.snapshot.video_id = id;
  row.snapshot.captured_at = ParseIso8601(day).value();
  row.snapshot.views = views;
  return row;
}

KaggleRow FullRow(const std::string& id, const char* day, const std::string& title) {
  KaggleRow row = Row(id, day, 1);
  row.video.title = title;
  row.video.channel_id = "title:C";
  row.video.tags = {"t"};
  row.video.source = "kaggle:US";
  Channel channel;
  channel.id = "title:C";
  channel.title = std::string("C");  // a literal here trips GCC 12's false -Wrestrict
  row.channel = channel;
  row.has_flags = true;
  row.video.comments_disabled = true;
  return row;
}

TEST(KaggleMergeTest, RepeatedRowsBecomeOneVideoWithManySnapshots) {
  TrendingMerger m;
  m.Add(Row("v", "2017-11-14", 10));
  m.Add(Row("v", "2017-11-15", 20));
  m.Add(Row("w", "2017-11-14", 5));
  EXPECT_EQ(m.videos().size(), 2u);
  EXPECT_EQ(m.snapshot_count(), 3u);
  auto snaps = m.Snapshots();
  EXPECT_EQ(snaps[0].video_id, "v");
  EXPECT_EQ(snaps[1].views, 20);  // ordered by (video, day)
  EXPECT_EQ(m.duplicate_snapshots(), 0);
}

TEST(KaggleMergeTest, SameVideoAndDayKeepsTheLaterRowAndCountsIt) {
  TrendingMerger m;
  m.Add(Row("v", "2017-11-14", 10));
  m.Add(Row("v", "2017-11-14", 12));
  EXPECT_EQ(m.snapshot_count(), 1u);
  EXPECT_EQ(m.Snapshots()[0].views, 12);
  EXPECT_EQ(m.duplicate_snapshots(), 1);
  KaggleRow unknown = Row("v", "2017-11-14", 0);
  unknown.snapshot.views.reset();
  unknown.snapshot.likes = 3;
  m.Add(unknown);
  EXPECT_EQ(m.Snapshots()[0].views, 12);  // unknown keeps the known value
  EXPECT_EQ(m.Snapshots()[0].likes, 3);
}

TEST(KaggleMergeTest, NewestKnownFieldsWinAndSparseRowsOnlyFillGaps) {
  for (bool sparse_first : {true, false}) {
    SCOPED_TRACE(sparse_first);
    TrendingMerger m;
    KaggleRow full = FullRow("v", "2017-11-14", "Old title");
    KaggleRow sparse = Row("v", "2017-11-16", 30);
    sparse.video.title = "New title";  // the daily series knows titles, not channels or flags
    if (sparse_first) {
      m.Add(sparse);
      m.Add(full);
    } else {
      m.Add(full);
      m.Add(sparse);
    }
    const MergedVideo& v = m.videos().at("v");
    EXPECT_EQ(v.video.title, "New title");
    EXPECT_EQ(v.video.channel_id, "title:C");
    EXPECT_EQ(v.video.tags, (std::vector<std::string>{"t"}));
    EXPECT_TRUE(v.has_flags);
    EXPECT_TRUE(v.video.comments_disabled);
    EXPECT_EQ(m.channels().size(), 1u);
  }
}

TEST(KaggleMergeTest, FlagsOnlyTurnOnAsInTheStore) {
  for (bool on_first : {true, false}) {
    TrendingMerger m;
    KaggleRow on = FullRow("v", on_first ? "2017-11-14" : "2017-11-15", "T");
    KaggleRow off = FullRow("v", on_first ? "2017-11-15" : "2017-11-14", "T");
    off.video.comments_disabled = false;
    m.Add(on);
    m.Add(off);
    EXPECT_TRUE(m.videos().at("v").video.comments_disabled) << on_first;
  }
}

TEST(KaggleMergeTest, ChannelRenamedOnALaterDayKeepsTheNewestNameInEitherOrder) {
  for (bool newest_first : {true, false}) {
    TrendingMerger m;
    KaggleRow old_name = FullRow("v", "2020-08-12", "T");
    KaggleRow new_name = FullRow("w", "2020-08-14", "T");
    old_name.channel->title = "Old Name";
    new_name.channel->title = "New Name";
    if (newest_first) {
      m.Add(new_name);
      m.Add(old_name);
    } else {
      m.Add(old_name);
      m.Add(new_name);
    }
    EXPECT_EQ(m.channels().at("title:C").title, "New Name") << newest_first;
  }
}

TEST(KaggleMergeTest, GuessRegionFromFileName) {
  EXPECT_EQ(GuessRegion("/data/US_first_snapshot.csv"), "US");
  EXPECT_EQ(GuessRegion("GB_category_id.json"), "GB");
  EXPECT_EQ(GuessRegion("/US_dir/videos.csv"), "");
  EXPECT_EQ(GuessRegion("usa_videos.csv"), "");
  EXPECT_EQ(GuessRegion("USA.csv"), "");
}

}  // namespace
}  // namespace vv::collect
