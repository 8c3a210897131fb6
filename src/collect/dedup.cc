#include "collect/dedup.h"

#include <fmt/format.h>

#include "store/merge_rule.h"

namespace vv {
namespace {

bool SameCounts(const Snapshot& a, const Snapshot& b) {
  return a.views == b.views && a.likes == b.likes && a.dislikes == b.dislikes && a.comments == b.comments;
}

}  // namespace

Deduplicator::Deduplicator(LastSnapshotFn last_snapshot) : last_snapshot_(std::move(last_snapshot)) {}

Status Deduplicator::LoadLatest(const std::vector<Snapshot>& snapshots) {
  std::vector<std::string> unknown;
  for (const auto& s : snapshots) {
    if (latest_.emplace(s.video_id, std::nullopt).second) unknown.push_back(s.video_id);
  }
  if (unknown.empty() || !last_snapshot_) return {};
  auto found = last_snapshot_(unknown);
  if (!found.ok()) {
    for (const auto& id : unknown) latest_.erase(id);
    return found.take_error();
  }
  for (const auto& [id, t] : *found) latest_[id] = t;
  return {};
}

Result<DedupStats> Deduplicator::Apply(std::vector<Video>& videos, std::vector<Snapshot>& snapshots) {
  DedupStats stats;
  std::unordered_map<std::string, size_t> index;
  std::vector<Video> merged;
  merged.reserve(videos.size());
  for (auto& video : videos) {
    auto [it, inserted] = index.emplace(video.id, merged.size());
    if (inserted) {
      merged.push_back(std::move(video));
    } else {
      MergeInto(merged[it->second], video);
      ++stats.merged_videos;
    }
  }
  videos = std::move(merged);

  std::unordered_map<std::string, std::vector<size_t>> kept_by_video;
  std::vector<Snapshot> kept;
  kept.reserve(snapshots.size());
  VV_RETURN_IF_ERROR(LoadLatest(snapshots));
  for (auto& snapshot : snapshots) {
    const std::optional<Timestamp>& latest = latest_[snapshot.video_id];
    if (latest && snapshot.captured_at <= *latest) {
      ++stats.stale_snapshots;
      continue;
    }
    auto& same_video = kept_by_video[snapshot.video_id];
    bool duplicate = false;
    for (size_t i : same_video) {
      if (kept[i].captured_at != snapshot.captured_at) continue;
      // Same instant: identical counts are a repeat; different ones mean the later answer's
      // known counts win (the store's merge rule).
      if (!SameCounts(kept[i], snapshot)) MergeInto(kept[i], snapshot);
      duplicate = true;
      break;
    }
    if (duplicate) {
      ++stats.duplicate_snapshots;
      continue;
    }
    same_video.push_back(kept.size());
    kept.push_back(std::move(snapshot));
  }
  snapshots = std::move(kept);
  totals_.merged_videos += stats.merged_videos;
  totals_.duplicate_snapshots += stats.duplicate_snapshots;
  totals_.stale_snapshots += stats.stale_snapshots;
  return stats;
}

void Deduplicator::Commit(const std::vector<Snapshot>& snapshots) {
  for (const auto& s : snapshots) {
    auto& latest = latest_[s.video_id];
    if (!latest || *latest < s.captured_at) latest = s.captured_at;
  }
}

}  // namespace vv
