#include "collect/track_schedule.h"

#include <algorithm>

#include <fmt/format.h>

namespace vv {
namespace {

std::string Span(std::chrono::seconds s) {
  if (s.count() % 86400 == 0 && s.count() >= 86400 * 3) return fmt::format("{} d", s.count() / 86400);
  if (s.count() % 3600 == 0) return fmt::format("{} h", s.count() / 3600);
  if (s.count() % 60 == 0) return fmt::format("{} min", s.count() / 60);
  return fmt::format("{} s", s.count());
}

}  // namespace

std::optional<Timestamp> NextSnapshotDue(const TrackSchedule& schedule,
                                         std::optional<Timestamp> published_at,
                                         Timestamp tracked_since, Timestamp now) {
  // A publication time in the future (a premiere) starts the clock then.
  Timestamp origin = published_at.value_or(tracked_since);
  Timestamp end = origin + schedule.track_for;
  if (now >= end) return std::nullopt;
  auto age = now - origin;
  Timestamp next = now + (age < schedule.dense_for ? schedule.dense_every : schedule.sparse_every);
  // The last snapshot falls on the end of the window (the 30-day mark), not past it.
  return std::min(next, end);
}

std::string DescribeSchedule(const TrackSchedule& schedule) {
  return fmt::format("every {} for the first {} after publication, then every {} until {}",
                     Span(schedule.dense_every), Span(schedule.dense_for), Span(schedule.sparse_every),
                     Span(schedule.track_for));
}

}  // namespace vv
