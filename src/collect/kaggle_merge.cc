#include "collect/kaggle_merge.h"

#include <algorithm>
#include <tuple>

namespace vv::collect {

namespace {

template <typename T>
bool Known(const T& value) {
  if constexpr (requires { value.has_value(); }) {
    return value.has_value();
  } else {
    return !value.empty();
  }
}

// Takes `from` when it is known and either newer or filling a gap.
template <typename T>
void Take(T& into, T&& from, bool newer) {
  if (Known(from) && (newer || !Known(into))) into = std::move(from);
}

void MergeVideo(MergedVideo& merged, KaggleRow&& row) {
  Video& into = merged.video;
  Video& from = row.video;
  const bool newer = row.snapshot.captured_at >= merged.newest;
  Take(into.channel_id, std::move(from.channel_id), newer);
  Take(into.title, std::move(from.title), newer);
  Take(into.description, std::move(from.description), newer);
  Take(into.tags, std::move(from.tags), newer);
  Take(into.category_id, std::move(from.category_id), newer);
  Take(into.published_at, std::move(from.published_at), newer);
  Take(into.thumbnail_url, std::move(from.thumbnail_url), newer);
  Take(into.source, std::move(from.source), newer);
  // As in the store, the flags only turn on: importing files together or one by one must
  // give the same result.
  into.comments_disabled = into.comments_disabled || from.comments_disabled;
  into.ratings_disabled = into.ratings_disabled || from.ratings_disabled;
  merged.has_flags = merged.has_flags || row.has_flags;
  if (newer) merged.newest = row.snapshot.captured_at;
}

}  // namespace

void TrendingMerger::Add(KaggleRow row) {
  if (row.channel) {
    auto [it, inserted] = channels_.try_emplace(row.channel->id, *row.channel);
    if (!inserted && !row.channel->title.empty()) it->second.title = row.channel->title;
  }
  auto key = std::make_pair(row.snapshot.video_id, row.snapshot.captured_at);
  auto [snap, fresh] = snapshots_.try_emplace(std::move(key), row.snapshot);
  if (!fresh) {
    // A repeat of a (video, day): its known counts replace, as the store's upsert does.
    ++duplicate_snapshots_;
    Take(snap->second.views, std::move(row.snapshot.views), true);
    Take(snap->second.likes, std::move(row.snapshot.likes), true);
    Take(snap->second.dislikes, std::move(row.snapshot.dislikes), true);
    Take(snap->second.comments, std::move(row.snapshot.comments), true);
  }

  auto [it, inserted] = videos_.try_emplace(row.video.id);
  if (inserted) {
    it->second.video = std::move(row.video);
    it->second.newest = row.snapshot.captured_at;
    it->second.has_flags = row.has_flags;
    return;
  }
  MergeVideo(it->second, std::move(row));
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
