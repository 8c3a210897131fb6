#pragma once
// Snapshots for the train tests: a video seen `hours` after kT0 with `views` (likes and comments
// in a fixed proportion, so engagement features are defined).
#include <chrono>
#include <string>

#include "core/types.h"

namespace vv::train::testing {

inline const Timestamp kT0 = Timestamp(std::chrono::seconds(1'700'000'000));

inline Snapshot Snap(const std::string& id, int hours, int64_t views) {
  Snapshot s;
  s.video_id = id;
  s.captured_at = kT0 + std::chrono::hours(hours);
  s.views = views;
  s.likes = views / 20;
  s.comments = views / 200;
  return s;
}

}  // namespace vv::train::testing
