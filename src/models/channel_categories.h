#pragma once
// VideoInput::channel_categories for the videos of a dataset: the categories of each video's
// channel's OTHER videos. Genre's training (validation and test) and `vv evaluate --db` fill it
// the same way, so a video never sees its own category.
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "models/model.h"

namespace vv {

class ChannelCategoryIndex {
 public:
  // Counts over data.videos[idx] (every video when idx is null); videos without a channel id or
  // a category are left out.
  explicit ChannelCategoryIndex(const Dataset& data, const std::vector<size_t>* idx = nullptr);
  // Category id -> count among the other videos of v's channel (v's own category taken out once).
  std::map<int, int> OthersOf(const Video& v) const;

 private:
  std::unordered_map<std::string, std::map<int, int>> by_channel_;
};

}  // namespace vv
