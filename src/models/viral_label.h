#pragma once
// The viral label: one definition for training, the held-out report and `vv evaluate --db`.
//
// Trending-style data (the Kaggle files, a tracked channel) sees each video a few times over a
// few days, starting days after publication, so a label at a fixed age (say views at 7 d) exists
// for almost no video. The label is therefore relative to what was observed:
//   - a video is labelled when it has a publication time and at least two snapshots with views
//     (the model is judged from the FIRST one, so the outcome is never already known);
//   - its outcome is its views at its last snapshot;
//   - its cohort is the labelled videos of the same store whose last snapshot falls in the same
//     age band (ages double: < 1 d, 1-2 d, 2-4 d, 4-8 d, 8-16 d, 16-32 d, >= 32 d) and that share
//     its category; a cohort smaller than min_cohort falls back to the age band over all
//     categories, and a band smaller than min_cohort to all labelled videos;
//   - label = 1 when the outcome is at or above the cohort's `quantile` (top 20 % by default).
// Thresholds are taken over the videos handed in (a whole store: its own population defines
// what "top" means there).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/model.h"

namespace vv {

struct ViralLabelRule {
  double quantile = 0.8;
  size_t min_cohort = 50;
  // From a viral training config ("quantile", "min_cohort"; defaults above when absent).
  static ViralLabelRule FromConfig(const nlohmann::json& config);
};

struct ViralLabels {
  std::vector<size_t> videos;  // indices into Dataset::videos, ascending
  std::vector<int> labels;     // 0/1, parallel to videos
  size_t unlabelled = 0;       // candidates without a publication time or two snapshots
  nlohmann::json ToJson() const;  // {"videos", "positives", "unlabelled"}
};

// The age band of a last observation at `age_hours` after publication (0..6).
int ViralAgeBand(double age_hours);

// Labels the candidates (indices into data.videos) by the rule above.
ViralLabels LabelViral(const Dataset& data, const std::vector<size_t>& candidates,
                       const ViralLabelRule& rule);

// Every video of the dataset as candidates.
std::vector<size_t> AllVideos(const Dataset& data);

}  // namespace vv
