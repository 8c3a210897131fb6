#include "train/dataset.h"

#include <algorithm>

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

nlohmann::json DatasetSummary(const Dataset& data) {
  size_t snapshots = 0;
  for (const auto& [id, list] : data.snapshots) snapshots += list.size();
  return {{"videos", data.videos.size()},
          {"channels", data.channels.size()},
          {"snapshots", snapshots},
          {"labelled_titles", data.labelled_titles.size()}};
}

}  // namespace vv::train
