#include "models/channel_categories.h"

namespace vv {

ChannelCategoryIndex::ChannelCategoryIndex(const Dataset& data, const std::vector<size_t>* idx) {
  auto add = [this](const Video& v) {
    if (v.category_id && !v.channel_id.empty()) ++by_channel_[v.channel_id][*v.category_id];
  };
  if (idx == nullptr) {
    for (const auto& v : data.videos) add(v);
  } else {
    for (size_t i : *idx) add(data.videos.at(i));
  }
}

std::map<int, int> ChannelCategoryIndex::OthersOf(const Video& v) const {
  auto it = by_channel_.find(v.channel_id);
  if (v.channel_id.empty() || it == by_channel_.end()) return {};
  std::map<int, int> out = it->second;
  if (v.category_id) {
    auto own = out.find(*v.category_id);
    if (own != out.end() && --own->second <= 0) out.erase(own);
  }
  return out;
}

}  // namespace vv
