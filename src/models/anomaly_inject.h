#pragma once
// Anomalies injected into real snapshot series, so the anomaly model can be scored where no
// video carries a label (real trending data): the report of `vv train` and `vv evaluate --db`.
// The kinds are the patterns the model exists to catch, at sizes an engineer would call
// "obviously bought":
//   bought views   from a snapshot k >= 1 on, a block of views 5-30x the views at k is added
//                  with no likes or comments behind it (with one snapshot: the views are
//                  multiplied by 5-30 and engagement stays as it was);
//   bought likes   likes multiplied by 5-30 on every snapshot (capped at the views);
//   bot views      likes and comments divided by 10-50 on every snapshot (views from accounts
//                  that never engage).
// Which videos and how: a hash of (seed, video id), so the same store and seed give the same
// injections whatever order the videos come in.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/types.h"
#include "models/model.h"

namespace vv {

enum class InjectedAnomaly { kNone, kBoughtViews, kBoughtLikes, kBotViews };
const char* InjectedAnomalyName(InjectedAnomaly kind);

// Whether (and how) a video is made anomalous: about `share` of the videos.
InjectedAnomaly PickInjection(const std::string& video_id, uint64_t seed, double share);

// The snapshots with the anomaly applied (time order kept; counts never decrease).
std::vector<Snapshot> ApplyInjection(std::vector<Snapshot> snapshots, InjectedAnomaly kind,
                                     const std::string& video_id, uint64_t seed);

// A copy of the dataset where every video with a snapshot carries an anomaly label: true for the
// injected ones. *summary gets {"seed", "share", "videos", "injected", "by_kind"}.
Dataset WithInjectedAnomalies(const Dataset& data, double share, uint64_t seed,
                              nlohmann::json* summary);

}  // namespace vv
