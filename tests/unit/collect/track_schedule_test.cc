// The snapshot schedule of tracked videos (collect/track_schedule.h).
#include <gtest/gtest.h>

#include "collect/track_schedule.h"
#include "core/time_util.h"

namespace vv {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

Timestamp T(const char* iso) { return *ParseIso8601(iso); }

TEST(TrackScheduleTest, HourlyForTwoDaysThenDailyUntilThirtyDays) {
  TrackSchedule s;
  Timestamp published = T("2024-05-01T12:00:00Z");
  Timestamp since = published + hours(3);
  EXPECT_EQ(NextSnapshotDue(s, published, since, published + hours(3)), published + hours(4));
  EXPECT_EQ(NextSnapshotDue(s, published, since, published + hours(47) + minutes(59)),
            published + hours(48) + minutes(59));
  EXPECT_EQ(NextSnapshotDue(s, published, since, published + hours(48)), published + hours(72));
  EXPECT_EQ(NextSnapshotDue(s, published, since, published + hours(24 * 20)), published + hours(24 * 21));
  // The last one falls on the 30-day mark, then it is over.
  EXPECT_EQ(NextSnapshotDue(s, published, since, published + hours(24 * 29 + 5)), published + hours(24 * 30));
  EXPECT_EQ(NextSnapshotDue(s, published, since, published + hours(24 * 30)), std::nullopt);
  EXPECT_EQ(NextSnapshotDue(s, published, since, published + hours(24 * 400)), std::nullopt);
}

TEST(TrackScheduleTest, UnknownPublicationStartsTheClockAtTracking) {
  TrackSchedule s;
  Timestamp since = T("2024-05-01T12:00:00Z");
  EXPECT_EQ(NextSnapshotDue(s, std::nullopt, since, since), since + hours(1));
  EXPECT_EQ(NextSnapshotDue(s, std::nullopt, since, since + hours(50)), since + hours(74));
}

TEST(TrackScheduleTest, APremiereInTheFutureIsDense) {
  TrackSchedule s;
  Timestamp now = T("2024-05-01T12:00:00Z");
  EXPECT_EQ(NextSnapshotDue(s, now + hours(5), now, now), now + hours(1));
}

TEST(TrackScheduleTest, Describes) {
  EXPECT_EQ(DescribeSchedule(TrackSchedule{}),
            "every 1 h for the first 48 h after publication, then every 24 h until 30 d");
}

}  // namespace
}  // namespace vv
