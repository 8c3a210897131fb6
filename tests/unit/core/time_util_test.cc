#include "core/time_util.h"

#include <gtest/gtest.h>

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

TEST(TimeUtil, HoursBetween) {
  auto a = *ParseIso8601("2020-01-01T00:00:00Z");
  auto b = *ParseIso8601("2020-01-02T06:00:00Z");
  EXPECT_DOUBLE_EQ(HoursBetween(a, b), 30.0);
}

}  // namespace
}  // namespace vv
