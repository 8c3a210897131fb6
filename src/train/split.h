#pragma once
// Train/validation/test splits without leakage: every snapshot of a video sits on the side of its
// video, and when the data has enough channels whole channels are held out, so a model is scored
// on channels it never saw. Assignment depends only on the seed and the group keys (not on the
// order the store returned the rows in), so a given seed always gives the same split.
#include <string>

#include <nlohmann/json.hpp>

#include "models/model.h"
#include "train/config.h"

namespace vv::train {

struct SplitOptions {
  double train = 0.7;
  double validation = 0.15;
  double test = 0.15;
  int min_channels_for_grouping = 10;
  uint64_t seed = 42;
};

SplitOptions SplitOptionsFromConfig(const TrainingConfig& config);

struct SplitResult {
  // "struct": core/text_util.h declares a function vv::Split that would hide the type.
  struct Split split;
  std::string method;  // "by-channel", "by-video" or "time-ordered"
  size_t groups = 0;

  // {"method", "seed", "groups", "train", "validation", "test"} for reports and manifests.
  nlohmann::json Describe(uint64_t seed) const;
};

// By channel when the videos span >= min_channels_for_grouping channels, else by video.
SplitResult MakeSplit(const Dataset& data, const SplitOptions& options);
// Oldest videos (by published_at, else first snapshot) train, the newest are tested. The
// fractions count videos with two or more snapshots (all videos when there are none).
SplitResult MakeTimeOrderedSplit(const Dataset& data, const SplitOptions& options);

}  // namespace vv::train
