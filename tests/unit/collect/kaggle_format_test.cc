#include "collect/kaggle_format.h"

#include <gtest/gtest.h>

#include "core/time_util.h"

namespace vv::collect {
namespace {

std::string Day(KaggleFormat format, const std::string& text) {
  auto t = ParseTrendingDate(format, text);
  return t.ok() ? FormatIso8601(*t) : "error: " + t.error().message;
}

TEST(KaggleFormatTest, DetectsEachFormatByColumnNamesInAnyOrder) {
  auto f2017 = DetectKaggleFormat({"views", "trending_date", "video_id", "title"}, "x:1");
  ASSERT_TRUE(f2017.ok()) << f2017.error().ToString();
  EXPECT_EQ(f2017->format, KaggleFormat::kTrending2017);
  EXPECT_EQ(f2017->Of(KaggleField::kViews), 0);
  EXPECT_EQ(f2017->Of(KaggleField::kVideoId), 2);
  EXPECT_FALSE(f2017->Has(KaggleField::kChannelTitle));

  auto v1 = DetectKaggleFormat({"video_id", "title", "views", "comment_total", "date"}, "x:1");
  ASSERT_TRUE(v1.ok());
  EXPECT_EQ(v1->format, KaggleFormat::kTrendingV1);
  EXPECT_EQ(v1->Of(KaggleField::kComments), 3);

  auto f2020 = DetectKaggleFormat(
      {"video_id", "publishedAt", "channelId", "trending_date", "view_count", "extra"}, "x:1");
  ASSERT_TRUE(f2020.ok());
  EXPECT_EQ(f2020->format, KaggleFormat::kTrending2020);
  EXPECT_EQ(f2020->Of(KaggleField::kChannelId), 2);
  EXPECT_EQ(f2020->width, 6u);
}

TEST(KaggleFormatTest, UnknownColumnSetNamesMissingColumns) {
  auto r = DetectKaggleFormat({"video_id", "when", "views"}, "f.csv:1");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().path, "f.csv:1");
  const std::string& m = r.error().message;
  EXPECT_NE(m.find("unknown column set"), std::string::npos);
  EXPECT_NE(m.find("kaggle-2017 needs trending_date"), std::string::npos) << m;
  EXPECT_NE(m.find("kaggle-2017-v1 needs date"), std::string::npos) << m;
}

TEST(KaggleFormatTest, DuplicateColumnIsAnError) {
  auto r = DetectKaggleFormat({"video_id", "views", "trending_date", "views"}, "f.csv:1");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("'views' appears twice"), std::string::npos);
}

TEST(KaggleFormatTest, TrendingDates) {
  EXPECT_EQ(Day(KaggleFormat::kTrending2017, "17.14.11"), "2017-11-14T00:00:00Z");
  EXPECT_EQ(Day(KaggleFormat::kTrending2017, "18.01.02"), "2018-02-01T00:00:00Z");
  EXPECT_EQ(Day(KaggleFormat::kTrendingV1, "13.09"), "2017-09-13T00:00:00Z");
  EXPECT_EQ(Day(KaggleFormat::kTrending2020, "2020-08-12T00:00:00Z"), "2020-08-12T00:00:00Z");
  // Month 14 does not exist: the day and month must not be swapped silently.
  EXPECT_NE(Day(KaggleFormat::kTrending2017, "17.11.14").find("error"), std::string::npos);
  EXPECT_NE(Day(KaggleFormat::kTrending2017, "17.31.02").find("error"), std::string::npos);
  EXPECT_NE(Day(KaggleFormat::kTrending2017, "2017-11-14").find("error"), std::string::npos);
  EXPECT_NE(Day(KaggleFormat::kTrendingV1, "100").find("error"), std::string::npos);
  EXPECT_NE(Day(KaggleFormat::kTrendingV1, "1a.09").find("error"), std::string::npos);
  EXPECT_NE(Day(KaggleFormat::kTrending2020, "17.14.11").find("error"), std::string::npos);
}

TEST(KaggleFormatTest, Tags) {
  EXPECT_EQ(ParseTags("\"Chess\"|\"Saint Louis\"|\"Club\""),
            (std::vector<std::string>{"Chess", "Saint Louis", "Club"}));
  EXPECT_EQ(ParseTags("logan paul vlog|logan||vlog"),
            (std::vector<std::string>{"logan paul vlog", "logan", "vlog"}));
  // Re-exports: stray quotes once unquoted ('a|"b"|"c"'), or escaped twice.
  EXPECT_EQ(ParseTags("a|\"b\"|\"c\""), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(ParseTags("\"a|\"\"b\"\"|\"\"c\"\"\""), (std::vector<std::string>{"a", "b", "c"}));
  // A wrapped tag may hold the separator (the 2017 files have ~170 such).
  EXPECT_EQ(ParseTags("\"Driver's License | Lele Pons\"|\"lele\""),
            (std::vector<std::string>{"Driver's License | Lele Pons", "lele"}));
  // A whole list wrapped once more is a list, not one tag holding '|'.
  EXPECT_EQ(ParseTags("\"a|b|c\""), (std::vector<std::string>{"a", "b", "c"}));
  // An opened quote that no piece closes joins nothing.
  EXPECT_EQ(ParseTags("\"a|b|c"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(ParseTags("\"\"|\"").empty());
  EXPECT_TRUE(ParseTags("[none]").empty());
  EXPECT_TRUE(ParseTags("[None]").empty());
  EXPECT_TRUE(ParseTags("").empty());
}

TEST(KaggleFormatTest, UnescapeNewlines) {
  EXPECT_EQ(UnescapeNewlines("a\\nb\\n\\nc"), "a\nb\n\nc");
  EXPECT_EQ(UnescapeNewlines("path C:\\temp\\"), "path C:\\temp\\");
}

TEST(KaggleFormatTest, VideoIds) {
  EXPECT_TRUE(IsYouTubeVideoId("-2RVw2_QyxQ"));
  EXPECT_FALSE(IsYouTubeVideoId("#NAME?"));
  EXPECT_FALSE(IsYouTubeVideoId("abcdefghij"));
  EXPECT_FALSE(IsYouTubeVideoId("abcdefghij!"));
  EXPECT_FALSE(IsYouTubeVideoId("abcdefghijkl"));
}

TEST(KaggleFormatTest, CountsAndFlags) {
  EXPECT_EQ(ParseCount("123").value(), std::optional<int64_t>(123));
  EXPECT_EQ(ParseCount("").value(), std::nullopt);
  EXPECT_FALSE(ParseCount("12x").ok());
  EXPECT_FALSE(ParseCount("-3").ok());
  EXPECT_FALSE(ParseCount("1.5").ok());
  EXPECT_EQ(ParseFlag("True").value(), std::optional<bool>(true));
  EXPECT_EQ(ParseFlag("false").value(), std::optional<bool>(false));
  EXPECT_FALSE(ParseFlag("yes").ok());
}

TEST(KaggleFormatTest, SyntheticChannelIdIsStable) {
  EXPECT_EQ(SyntheticChannelId("Saint Louis Chess Club"), "title:Saint Louis Chess Club");
  EXPECT_EQ(SyntheticChannelId("A"), SyntheticChannelId("A"));
  EXPECT_NE(SyntheticChannelId("A"), SyntheticChannelId("B"));
}

}  // namespace
}  // namespace vv::collect
