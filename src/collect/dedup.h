#pragma once
// Keeps what the collector writes free of repeats: one row per video per batch (fields merged
// by the store's merge rule, store/merge_rule.h), no exact-duplicate snapshots, and per video,
// snapshot times that only move forward (a clock that stepped back or a second collector on a
// skewed machine cannot insert the past).
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/result.h"
#include "core/types.h"

namespace vv {

struct DedupStats {
  int64_t merged_videos = 0;         // repeated video ids folded into one row
  int64_t duplicate_snapshots = 0;   // same video, same time, same counts
  int64_t stale_snapshots = 0;       // not newer than the latest stored one for the video
};

class Deduplicator {
 public:
  // The latest stored captured_at of the given videos (those without snapshots are left out);
  // asked once per batch for the videos not seen before, then tracked in memory.
  using LastSnapshotFn = std::function<Result<std::vector<std::pair<std::string, Timestamp>>>(
      const std::vector<std::string>& video_ids)>;
  explicit Deduplicator(LastSnapshotFn last_snapshot);

  // Rewrites the batch in place. Video order is first-seen order.
  Result<DedupStats> Apply(std::vector<Video>& videos, std::vector<Snapshot>& snapshots);
  // After the batch is committed: its snapshot times become the new floor.
  void Commit(const std::vector<Snapshot>& snapshots);

  const DedupStats& totals() const { return totals_; }

 private:
  // Fills latest_ for every video of the batch not known yet.
  Status LoadLatest(const std::vector<Snapshot>& snapshots);

  LastSnapshotFn last_snapshot_;
  std::unordered_map<std::string, std::optional<Timestamp>> latest_;
  DedupStats totals_;
};

}  // namespace vv
