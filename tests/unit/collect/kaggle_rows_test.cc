#include "collect/kaggle_rows.h"

#include <gtest/gtest.h>

#include "core/time_util.h"

namespace vv::collect {
namespace {

// Reads a fixture through the real CSV reader and maps every record.
struct Mapped {
  KaggleColumns columns;
  std::vector<KaggleRow> rows;
  std::vector<std::string> skipped;
  int repaired = 0;
};

Result<Mapped> MapFile(const std::string& name) {
  std::string path = std::string(VV_SOURCE_DIR) + "/tests/unit/collect/kaggle_fixtures/" + name;
  Mapped out;
  bool header = true;
  Status s = ReadCsvFile(path, [&](CsvRecord& record) -> Status {
    if (header) {
      header = false;
      VV_ASSIGN_OR_RETURN(out.columns, DetectKaggleFormat(record.fields, name + ":1"));
      return {};
    }
    VV_ASSIGN_OR_RETURN(auto outcome, MapKaggleRecord(out.columns, record, name, "kaggle:US"));
    for (auto& row : outcome.rows) out.rows.push_back(std::move(row));
    for (auto& why : outcome.skipped) out.skipped.push_back(why);
    out.repaired += outcome.repaired ? 1 : 0;
    return {};
  });
  if (!s.ok()) return s.take_error();
  return out;
}

TEST(KaggleRowsTest, Format2017FullRows) {
  auto m = MapFile("US_videos_2017.csv");
  ASSERT_TRUE(m.ok()) << m.error().ToString();
  EXPECT_EQ(m->columns.format, KaggleFormat::kTrending2017);
  ASSERT_EQ(m->rows.size(), 3u);
  ASSERT_EQ(m->skipped, (std::vector<std::string>{kSkipBadVideoId}));
  const KaggleRow& a = m->rows[0];
  EXPECT_EQ(a.video.id, "aaaaaaaaaa1");
  EXPECT_EQ(a.video.title, "Baking Bread At Home");
  EXPECT_EQ(a.video.channel_id, "title:Home Baker");
  ASSERT_TRUE(a.channel.has_value());
  EXPECT_EQ(a.channel->title, "Home Baker");
  EXPECT_EQ(a.video.category_id, 26);
  EXPECT_EQ(FormatIso8601(a.video.published_at.value()), "2017-11-12T08:00:00Z");
  EXPECT_EQ(a.video.tags, (std::vector<std::string>{"bread", "baking", "home"}));
  EXPECT_EQ(a.video.description, "First line\nSecond line, with comma");
  EXPECT_EQ(a.video.source, "kaggle:US");
  EXPECT_EQ(FormatIso8601(a.snapshot.captured_at), "2017-11-14T00:00:00Z");
  EXPECT_EQ(a.snapshot.views, 1000);
  EXPECT_EQ(a.snapshot.comments, 10);
  EXPECT_TRUE(a.has_flags);
  EXPECT_EQ(a.line, 2);

  const KaggleRow& b = m->rows[1];
  EXPECT_EQ(b.video.title, "Quiet \"Lake\" Walk");
  EXPECT_TRUE(b.video.tags.empty());
  EXPECT_TRUE(b.video.comments_disabled);
  EXPECT_FALSE(b.video.ratings_disabled);
  EXPECT_EQ(FormatIso8601(m->rows[2].snapshot.captured_at), "2017-11-15T00:00:00Z");
  EXPECT_EQ(m->rows[2].line, 5);
}

TEST(KaggleRowsTest, DailySubsetLeavesMissingFieldsUnknown) {
  auto m = MapFile("US_daily_2017.csv");
  ASSERT_TRUE(m.ok()) << m.error().ToString();
  ASSERT_EQ(m->rows.size(), 3u);
  const KaggleRow& c = m->rows[1];
  EXPECT_EQ(c.video.id, "cccccccccc3");
  EXPECT_FALSE(c.channel.has_value());
  EXPECT_TRUE(c.video.channel_id.empty());
  EXPECT_FALSE(c.video.published_at.has_value());
  EXPECT_FALSE(c.has_flags);
  EXPECT_EQ(c.snapshot.likes, 30);
}

TEST(KaggleRowsTest, V1SkipsDate100AndRepairsGluedRows) {
  auto m = MapFile("US_v1_2017.csv");
  ASSERT_TRUE(m.ok()) << m.error().ToString();
  EXPECT_EQ(m->columns.format, KaggleFormat::kTrendingV1);
  EXPECT_EQ(m->skipped, (std::vector<std::string>{kSkipBadDate100}));
  EXPECT_EQ(m->repaired, 1);
  ASSERT_EQ(m->rows.size(), 4u);
  EXPECT_EQ(m->rows[0].video.tags, (std::vector<std::string>{"robots", "football", "final"}));
  EXPECT_EQ(m->rows[0].snapshot.comments, 60);
  EXPECT_EQ(FormatIso8601(m->rows[1].snapshot.captured_at), "2017-09-14T00:00:00Z");
  // The glued record: its halves keep their own ids, dates and values.
  EXPECT_EQ(m->rows[2].video.id, "eeeeeeeeee5");
  EXPECT_EQ(FormatIso8601(m->rows[2].snapshot.captured_at), "2017-09-14T00:00:00Z");
  EXPECT_EQ(m->rows[2].snapshot.views, 900);
  EXPECT_EQ(m->rows[3].video.id, "ffffffffff6");
  EXPECT_EQ(m->rows[3].video.title, "Stacked Rows");
  EXPECT_EQ(m->rows[3].video.channel_id, "title:Glue Co");
  EXPECT_EQ(FormatIso8601(m->rows[3].snapshot.captured_at), "2017-09-15T00:00:00Z");
}

TEST(KaggleRowsTest, Format2020WithCrlfAndMultiLineFields) {
  auto m = MapFile("GB_trending_2020.csv");
  ASSERT_TRUE(m.ok()) << m.error().ToString();
  EXPECT_EQ(m->columns.format, KaggleFormat::kTrending2020);
  ASSERT_EQ(m->rows.size(), 3u);
  const KaggleRow& g = m->rows[0];
  EXPECT_EQ(g.video.channel_id, "UCaaaaaaaaaaaaaaaaaaaaaa");
  EXPECT_EQ(g.channel->title, "Trail Team");
  // Through the cleaner: CRLF inside the description becomes LF.
  EXPECT_EQ(g.video.description, "Line one\nline two with \"quotes\", and a comma");
  EXPECT_EQ(FormatIso8601(g.video.published_at.value()), "2020-08-11T19:20:14Z");
  EXPECT_EQ(g.snapshot.views, 15000);
  EXPECT_TRUE(m->rows[1].video.ratings_disabled);
  EXPECT_EQ(m->rows[1].line, 4);
  // Same channel title, different channelId: two channels, never merged by title.
  EXPECT_EQ(m->rows[2].video.channel_id, "UCbbbbbbbbbbbbbbbbbbbbbb");
  EXPECT_TRUE(m->rows[2].video.tags.empty());
  EXPECT_EQ(m->rows[2].line, 6);
}

KaggleColumns Columns2017Short() {
  return DetectKaggleFormat({"video_id", "trending_date", "views", "likes", "comments_disabled"},
                            "t:1")
      .value();
}

Result<RecordOutcome> MapOne(std::vector<std::string> fields) {
  return MapKaggleRecord(Columns2017Short(), CsvRecord{std::move(fields), 7}, "t.csv", "kaggle:US");
}

TEST(KaggleRowsTest, BadValuesAreErrorsNamingFileLineAndColumn) {
  auto bad_date = MapOne({"aaaaaaaaaa1", "17.11.14", "5", "1", "False"});
  ASSERT_FALSE(bad_date.ok());
  EXPECT_EQ(bad_date.error().path, "t.csv:7");
  EXPECT_NE(bad_date.error().message.find("column 'trending_date'"), std::string::npos);

  auto bad_count = MapOne({"aaaaaaaaaa1", "17.14.11", "5k", "1", "False"});
  ASSERT_FALSE(bad_count.ok());
  EXPECT_NE(bad_count.error().message.find("column 'views': '5k'"), std::string::npos);

  auto bad_flag = MapOne({"aaaaaaaaaa1", "17.14.11", "5", "1", "maybe"});
  ASSERT_FALSE(bad_flag.ok());
  EXPECT_NE(bad_flag.error().message.find("comments_disabled"), std::string::npos);

  auto short_row = MapOne({"aaaaaaaaaa1", "17.14.11", "5"});
  ASSERT_FALSE(short_row.ok());
  EXPECT_EQ(short_row.error().path, "t.csv:7");
  EXPECT_NE(short_row.error().message.find("3 fields, the header has 5"), std::string::npos);

  // The '100' date is a v1 defect only: in kaggle-2017 it is an ordinary bad date.
  auto hundred = MapOne({"aaaaaaaaaa1", "100", "5", "1", "False"});
  EXPECT_FALSE(hundred.ok());
}

TEST(KaggleRowsTest, FileCutOffInsideTheLastColumnSkipsOnlyThatRow) {
  auto cols = DetectKaggleFormat({"video_id", "trending_date", "views", "description"}, "t:1");
  ASSERT_TRUE(cols.ok());
  CsvRecord cut{{"aaaaaaaaaa1", "17.14.11", "5", "half a desc"}, 9, true};
  auto skipped = MapKaggleRecord(*cols, cut, "t.csv", "kaggle:US");
  ASSERT_TRUE(skipped.ok());
  EXPECT_TRUE(skipped->rows.empty());
  EXPECT_EQ(skipped->skipped, (std::vector<std::string>{kSkipCutOff}));
  // A quote left open in an earlier column swallows the rest of the file: an error.
  CsvRecord open{{"aaaaaaaaaa1", "17.14.11\nrest of the file"}, 9, true};
  auto bad = MapKaggleRecord(*cols, open, "t.csv", "kaggle:US");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().path, "t.csv:9");
  EXPECT_NE(bad.error().message.find("not terminated"), std::string::npos);
}

TEST(KaggleRowsTest, FileCutShortOfFieldsWithoutALineEndSkipsThatRow) {
  // The 2017 files quote little: a cut lands in any column and leaves a short last record.
  auto cols = DetectKaggleFormat({"video_id", "trending_date", "views", "description"}, "t:1");
  ASSERT_TRUE(cols.ok());
  CsvRecord cut{{"aaaaaaaaaa1", "17.1"}, 9, false, true};
  auto skipped = MapKaggleRecord(*cols, cut, "t.csv", "kaggle:US");
  ASSERT_TRUE(skipped.ok());
  EXPECT_EQ(skipped->skipped, (std::vector<std::string>{kSkipCutOff}));
  // A complete last row without a line end is a row; a short one followed by a line end is an
  // error, as anywhere else in the file.
  CsvRecord whole{{"aaaaaaaaaa1", "17.14.11", "5", "desc"}, 9, false, true};
  auto kept = MapKaggleRecord(*cols, whole, "t.csv", "kaggle:US");
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->rows.size(), 1u);
  CsvRecord short_row{{"aaaaaaaaaa1", "17.14.11"}, 9, false, false};
  EXPECT_FALSE(MapKaggleRecord(*cols, short_row, "t.csv", "kaggle:US").ok());
}

TEST(KaggleRowsTest, BrokenIdSkipsEvenWhenOtherFieldsAreOdd) {
  auto r = MapOne({"#NAME?", "17.14.11", "5", "1", "False"});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->rows.empty());
  EXPECT_EQ(r->skipped.size(), 1u);
}

}  // namespace
}  // namespace vv::collect
