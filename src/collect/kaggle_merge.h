#pragma once
// Folds the rows of one or more trending files into one set of channels, videos and
// snapshots: repeated rows of a video become one video with many snapshots, and a file with
// fewer columns (the daily series) enriches videos that a per-video file describes, in
// whichever order the files come.
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "collect/kaggle_rows.h"
#include "core/types.h"

namespace vv::collect {

struct MergedVideo {
  Video video;
  Timestamp newest{};      // the latest trending day that set its fields
  bool has_flags = false;  // some row carried comments_disabled / ratings_disabled
};

struct SnapshotKeyHash {
  size_t operator()(const std::pair<std::string, Timestamp>& key) const {
    return std::hash<std::string>()(key.first) * 31 +
           std::hash<int64_t>()(key.second.time_since_epoch().count());
  }
};

class TrendingMerger {
 public:
  // The store's merge rule (store/merge_rule.h), applied in trending-day order: fields the row
  // knows replace older ones when the row is at least as new as what set them, and fill what is
  // still unknown otherwise; the comments/ratings flags only turn on. Snapshots are unique on
  // (video, day): a repeat merges on top of the earlier one and is counted.
  void Add(KaggleRow row);

  const std::unordered_map<std::string, Channel>& channels() const { return channels_; }
  const std::unordered_map<std::string, MergedVideo>& videos() const { return videos_; }
  // Ordered by (video_id, captured_at).
  std::vector<Snapshot> Snapshots() const;
  size_t snapshot_count() const { return snapshots_.size(); }
  int64_t duplicate_snapshots() const { return duplicate_snapshots_; }

 private:
  std::unordered_map<std::string, Channel> channels_;
  std::unordered_map<std::string, Timestamp> channel_newest_;  // the day that set its fields
  std::unordered_map<std::string, MergedVideo> videos_;
  std::unordered_map<std::pair<std::string, Timestamp>, Snapshot, SnapshotKeyHash> snapshots_;
  int64_t duplicate_snapshots_ = 0;
};

}  // namespace vv::collect
