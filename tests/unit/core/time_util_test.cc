#include "core/time_util.h"

#include <date/date.h>
#include <gtest/gtest.h>

#include <sstream>

namespace vv {
namespace {

TEST(TimeUtil, ParsesYouTubeForms) {
  auto a = ParseIso8601("2017-11-12T02:39:01.000Z");
  ASSERT_TRUE(a.ok()) << a.error().ToString();
  EXPECT_EQ(FormatIso8601(*a), "2017-11-12T02:39:01Z");
  auto b = ParseIso8601("2020-08-11T19:20:14Z");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(ToUnixSeconds(*b), 1597173614);
  auto c = ParseIso8601("2020-08-11T21:20:14+02:00");
  ASSERT_TRUE(c.ok()) << c.error().ToString();
  EXPECT_EQ(*c, *b);
  auto d = ParseIso8601("2020-08-11");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(FormatIso8601(*d), "2020-08-11T00:00:00Z");
}

TEST(TimeUtil, RejectsGarbageWithTheText) {
  for (const char* bad : {"", "yesterday", "2020-13-45T00:00:00Z", "2020-08-11T19:20:14Zjunk",
                          "17.14.11"}) {
    auto r = ParseIso8601(bad);
    EXPECT_FALSE(r.ok()) << bad;
  }
  auto r = ParseIso8601("yesterday");
  EXPECT_NE(r.error().message.find("yesterday"), std::string::npos);
}

// Issue 14 item 8: every field within its range, and the error names the field at fault.
TEST(TimeUtil, OutOfRangeFieldsAreRefusedByName) {
  struct Case {
    const char* text;
    const char* field;
  };
  for (const Case& c : {Case{"2024-05-01T12:00:00+25:00", "time-zone offset +25:00"},
                        Case{"2024-05-01T12:00:00+99:99", "time-zone offset +99:99"},
                        Case{"2024-05-01T12:00:00+00:60", "time-zone offset +00:60"},
                        Case{"2024-05-01T12:00:00-24:00", "time-zone offset -24:00"},
                        Case{"0000-01-01T00:00:00Z", "year 0000"},
                        Case{"0000-01-01", "year 0000"},
                        Case{"2024-00-01T00:00:00Z", "month 00"},
                        Case{"2024-13-01", "month 13"},
                        Case{"2023-02-29T00:00:00Z", "day 29 does not exist in 2023-02"},
                        Case{"2024-04-31", "day 31 does not exist in 2024-04"},
                        Case{"2024-05-00", "day 00"},
                        Case{"2024-05-01T24:00:00Z", "hour 24"},
                        Case{"2024-05-01T12:60:00Z", "minute 60"},
                        Case{"2024-05-01T12:00:60Z", "second 60"}}) {
    auto r = ParseIso8601(c.text);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_NE(r.error().message.find(c.field), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find(c.text), std::string::npos) << r.error().message;
  }
  for (const char* bad :
       {"2024-05-01T12:00:00", "2024-05-01T12:00:00+2:00", "2024-05-01T12:00:00+0200",
        "2024-05-01T12:00:00.Z", "2024-05-01T12:00:00.5", "2024-05-01 12:00:00Z", "2024-5-01",
        "+2024-05-01", "2024-05-01T12:00Z", "2024-05-01T1a:00:00Z"}) {
    EXPECT_FALSE(ParseIso8601(bad).ok()) << bad;
  }
}

TEST(TimeUtil, TheEdgesOfEachRangeAreAccepted) {
  auto east = ParseIso8601("2024-05-01T12:00:00+23:59");
  auto west = ParseIso8601("2024-05-01T12:00:00-23:59");
  ASSERT_TRUE(east.ok() && west.ok());
  EXPECT_EQ(ToUnixSeconds(*west) - ToUnixSeconds(*east), 2 * (23 * 3600 + 59 * 60));
  EXPECT_EQ(ParseIso8601("2024-05-01T12:00:00-00:00").value(),
            ParseIso8601("2024-05-01T12:00:00Z").value());
  EXPECT_TRUE(ParseIso8601("0001-01-01T00:00:00Z").ok());
  EXPECT_TRUE(ParseIso8601("9999-12-31T23:59:59z").ok());
  EXPECT_TRUE(ParseIso8601("2024-02-29").ok());
  EXPECT_EQ(FormatIso8601(ParseIso8601("2017-11-12T02:39:01.123456789Z").value()),
            "2017-11-12T02:39:01Z");
}

// The hand-written parser against howardhinnant date's stream parse (the parser it replaced) on
// valid texts: every day of four years, at a few times and offsets.
TEST(TimeUtil, AgreesWithTheDateLibrary) {
  auto library = [](const std::string& text) {
    std::istringstream in(text);
    date::sys_time<std::chrono::milliseconds> tp;
    in >> date::parse("%FT%T%Ez", tp);
    EXPECT_FALSE(in.fail()) << text;
    return ToUnixSeconds(std::chrono::floor<std::chrono::seconds>(tp));
  };
  for (int64_t day = 0; day < 4 * 366; ++day) {
    int64_t seconds = 1'600'000'000 + day * 86400 + (day * 7919) % 86400;
    std::string text = FormatIso8601(FromUnixSeconds(seconds)).substr(0, 19);
    for (const char* zone : {"+00:00", "+05:45", "-09:30", "+14:00", "-23:59"}) {
      auto ours = ParseIso8601(text + zone);
      ASSERT_TRUE(ours.ok()) << text + zone;
      ASSERT_EQ(ToUnixSeconds(*ours), library(text + zone)) << text + zone;
    }
    auto fraction = ParseIso8601(text + ".250Z");
    ASSERT_TRUE(fraction.ok());
    ASSERT_EQ(ToUnixSeconds(*fraction), seconds);
  }
}

TEST(TimeUtil, HoursBetween) {
  auto a = *ParseIso8601("2020-01-01T00:00:00Z");
  auto b = *ParseIso8601("2020-01-02T06:00:00Z");
  EXPECT_DOUBLE_EQ(HoursBetween(a, b), 30.0);
}

}  // namespace
}  // namespace vv
