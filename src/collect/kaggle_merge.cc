#include "collect/kaggle_merge.h"

#include <algorithm>
#include <tuple>

#include "store/merge_rule.h"

namespace vv::collect {

namespace {

// The store's merge rule applied as if the rows came in trending-day order, whatever order
// the files come in: a row at least as new as what set the stored fields merges on top; an
// older row only fills what is still unknown (the stored fields merge on top of it).
template <typename Row>
void MergeByDay(Row& stored, Timestamp& newest, Row&& incoming, Timestamp day) {
  if (day >= newest) {
    MergeInto(stored, incoming);
    newest = day;
  } else {
    MergeInto(incoming, stored);
    stored = std::move(incoming);
  }
}

}  // namespace

void TrendingMerger::Add(KaggleRow row) {
  const Timestamp day = row.snapshot.captured_at;
  if (row.channel) {
    auto [it, inserted] = channels_.try_emplace(row.channel->id, *row.channel);
    auto& newest = channel_newest_[row.channel->id];
    if (inserted) {
      newest = day;
    } else {
      MergeByDay(it->second, newest, std::move(*row.channel), day);
    }
  }
  auto key = std::make_pair(row.snapshot.video_id, row.snapshot.captured_at);
  auto [snap, fresh] = snapshots_.try_emplace(std::move(key), row.snapshot);
  if (!fresh) {
    // A repeat of a (video, day): the later row merges on top, as a re-import would.
    ++duplicate_snapshots_;
    MergeInto(snap->second, row.snapshot);
  }

  auto [it, inserted] = videos_.try_emplace(row.video.id);
  if (inserted) {
    it->second.video = std::move(row.video);
    it->second.newest = row.snapshot.captured_at;
    it->second.has_flags = row.has_flags;
    return;
  }
  MergedVideo& merged = it->second;
  merged.has_flags = merged.has_flags || row.has_flags;
  MergeByDay(merged.video, merged.newest, std::move(row.video), day);
}

std::vector<Snapshot> TrendingMerger::Snapshots() const {
  std::vector<Snapshot> out;
  out.reserve(snapshots_.size());
  for (const auto& [key, snapshot] : snapshots_) out.push_back(snapshot);
  std::sort(out.begin(), out.end(), [](const Snapshot& a, const Snapshot& b) {
    return std::tie(a.video_id, a.captured_at) < std::tie(b.video_id, b.captured_at);
  });
  return out;
}

}  // namespace vv::collect
