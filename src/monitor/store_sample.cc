#include "monitor/store_sample.h"

#include <algorithm>

namespace vv::monitor {

Result<StoreSample> LoadStoreSample(Store& store) {
  StoreSample sample;
  VideoFilter all;
  all.limit = 0;
  VV_ASSIGN_OR_RETURN(sample.videos, store.LoadVideos(all));
  VV_ASSIGN_OR_RETURN(auto snapshots, store.LoadSnapshots());
  for (auto& s : snapshots) sample.snapshots[s.video_id].push_back(std::move(s));
  for (auto& [id, list] : sample.snapshots) {
    std::sort(list.begin(), list.end(),
              [](const Snapshot& a, const Snapshot& b) { return a.captured_at < b.captured_at; });
  }
  VV_ASSIGN_OR_RETURN(auto channels, store.LoadChannels());
  for (auto& c : channels) sample.channels.emplace(c.id, std::move(c));
  return sample;
}

Columns SampleFeatureColumns(const StoreSample& sample) {
  const auto& names = BaseDriftFeatureNames();
  Columns out{names, std::vector<std::vector<double>>(names.size())};
  static const std::vector<Snapshot> kNone;
  for (const auto& v : sample.videos) {
    if (!v.published_at) continue;
    auto snaps = sample.snapshots.find(v.id);
    auto channel = sample.channels.find(v.channel_id);
    std::vector<double> f =
        BaseDriftFeatures(v, channel == sample.channels.end() ? nullptr : &channel->second,
                          snaps == sample.snapshots.end() ? kNone : snaps->second);
    for (size_t j = 0; j < f.size() && j < out.values.size(); ++j) out.values[j].push_back(f[j]);
  }
  return out;
}

}  // namespace vv::monitor
