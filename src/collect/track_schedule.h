#pragma once
// When a tracked video (`vv analyze`, POST /v1/analyze) is snapshotted next. Views move fastest
// right after publication, so the schedule is dense early: every hour for the first 48 hours
// after publication, then daily until the video is 30 days old (its last snapshot falls on the
// 30-day mark, the velocity model's longest horizon), then tracking ends. The clock starts at
// publication, or at the start of tracking when the publication time is unknown.
// `vv collect videos` (and `vv collect run`, `vv serve --track-every`) takes what is due, 50
// videos per videos.list call: N tracked young videos cost ceil(N / 50) quota units an hour.
#include <chrono>
#include <optional>
#include <string>

#include "core/types.h"

namespace vv {

struct TrackSchedule {
  std::chrono::seconds dense_every{std::chrono::hours(1)};
  std::chrono::seconds dense_for{std::chrono::hours(48)};
  std::chrono::seconds sparse_every{std::chrono::hours(24)};
  std::chrono::seconds track_for{std::chrono::hours(24 * 30)};
};

// The next snapshot after one taken at `now`; nullopt when the schedule is over.
std::optional<Timestamp> NextSnapshotDue(const TrackSchedule& schedule,
                                         std::optional<Timestamp> published_at,
                                         Timestamp tracked_since, Timestamp now);

// "every 1 h for the first 48 h after publication, then every 24 h until 30 d"
std::string DescribeSchedule(const TrackSchedule& schedule);

// Why tracking ends for a video whose schedule is over at `now`.
inline constexpr char kTrackingComplete[] = "schedule complete: the video is past its tracking window";
inline constexpr char kTrackingGone[] = "the YouTube API no longer returns the video (private or deleted)";

}  // namespace vv
