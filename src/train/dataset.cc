#include "train/dataset.h"

#include <algorithm>
#include <unordered_set>

#include "core/sha256.h"
#include "core/time_util.h"

namespace vv::train {

Result<Dataset> LoadDataset(Store& store) {
  Dataset data;
  VideoFilter all;
  all.limit = 0;  // no limit
  all.sort = "published_at";
  all.descending = false;
  VV_ASSIGN_OR_RETURN(data.videos, store.LoadVideos(all));
  // Sorted by id so that the dataset (and everything derived from it) does not depend on how
  // the backend breaks ties.
  std::sort(data.videos.begin(), data.videos.end(),
            [](const Video& a, const Video& b) { return a.id < b.id; });
  VV_ASSIGN_OR_RETURN(std::vector<Channel> channels, store.LoadChannels());
  for (auto& c : channels) data.channels.emplace(c.id, std::move(c));
  VV_ASSIGN_OR_RETURN(std::vector<Snapshot> snapshots, store.LoadSnapshots());
  for (auto& s : snapshots) data.snapshots[s.video_id].push_back(std::move(s));
  for (auto& [id, list] : data.snapshots) {
    std::sort(list.begin(), list.end(),
              [](const Snapshot& a, const Snapshot& b) { return a.captured_at < b.captured_at; });
  }
  VV_ASSIGN_OR_RETURN(data.labelled_titles, store.LoadLabelledTitles());
  std::sort(data.labelled_titles.begin(), data.labelled_titles.end(),
            [](const LabelledTitle& a, const LabelledTitle& b) {
              return std::tie(a.source, a.title) < std::tie(b.source, b.title);
            });
  return data;
}

std::string DatasetFingerprint(const Dataset& data) {
  std::vector<std::string> rows;
  rows.reserve(data.videos.size() + data.labelled_titles.size());
  for (const auto& v : data.videos) {
    std::string row = "v|" + v.id + "|" + v.channel_id + "|" +
                      std::to_string(v.category_id.value_or(-1)) + "|" + v.title;
    auto it = data.snapshots.find(v.id);
    if (it != data.snapshots.end()) {
      for (const auto& s : it->second) {
        row += "|" + std::to_string(ToUnixSeconds(s.captured_at)) + ":" +
               std::to_string(s.views.value_or(-1));
      }
    }
    rows.push_back(std::move(row));
  }
  for (const auto& t : data.labelled_titles) {
    rows.push_back("t|" + t.source + "|" + (t.clickbait ? "1" : "0") + "|" + t.title);
  }
  std::sort(rows.begin(), rows.end());
  std::string all;
  for (const auto& r : rows) all += r + "\n";
  return Sha256Hex(all);
}

Dataset WithoutShared(const Dataset& data, const Dataset& other, nlohmann::json* summary) {
  std::unordered_set<std::string> ids, channel_ids, channel_titles;
  for (const auto& v : other.videos) ids.insert(v.id), channel_ids.insert(v.channel_id);
  for (const auto& [id, c] : other.channels) {
    if (!c.title.empty()) channel_titles.insert(c.title);
  }
  std::unordered_set<std::string> shared_channels;
  for (const auto& [id, c] : data.channels) {
    if (channel_ids.count(id) || (!c.title.empty() && channel_titles.count(c.title))) {
      shared_channels.insert(id);
    }
  }
  Dataset out;
  out.labelled_titles = data.labelled_titles;
  out.channels = data.channels;
  size_t dropped = 0;
  for (const auto& v : data.videos) {
    if (ids.count(v.id) || channel_ids.count(v.channel_id) || shared_channels.count(v.channel_id)) {
      ++dropped;
      continue;
    }
    out.videos.push_back(v);
    if (auto it = data.snapshots.find(v.id); it != data.snapshots.end()) out.snapshots[v.id] = it->second;
  }
  if (summary) *summary = {{"videos_dropped", dropped}, {"shared_channels", shared_channels.size()}};
  return out;
}

nlohmann::json DatasetSummary(const Dataset& data) {
  size_t snapshots = 0;
  for (const auto& [id, list] : data.snapshots) snapshots += list.size();
  return {{"videos", data.videos.size()},
          {"channels", data.channels.size()},
          {"snapshots", snapshots},
          {"labelled_titles", data.labelled_titles.size()}};
}

}  // namespace vv::train
