#include "train/split.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/stable_hash.h"

namespace vv::train {

namespace {

// Cuts an ordered list of groups into train/validation/test by cumulative weight: a group goes
// where its middle falls. With two or more groups the test side is never empty.
// `weight` counts a group's videos (all of them, or only those some rule counts as useful).
Split AssignGroups(const std::vector<std::vector<size_t>>& ordered,
                   const std::vector<double>& weight, const SplitOptions& o) {
  struct Split split;
  std::vector<int> side(ordered.size(), 0);
  double n = 0;
  for (double w : weight) n += w;
  double cum = 0;
  for (size_t g = 0; g < ordered.size(); ++g) {
    const double mid = cum + weight[g] / 2.0;
    side[g] = mid < o.train * n ? 0 : (mid < (o.train + o.validation) * n ? 1 : 2);
    cum += weight[g];
  }
  if (ordered.size() >= 2 && std::find(side.begin(), side.end(), 2) == side.end()) {
    side.back() = 2;
  }
  if (ordered.size() >= 3 && o.validation > 0 &&
      std::find(side.begin(), side.end(), 1) == side.end()) {
    for (size_t g = ordered.size(); g-- > 0;) {
      if (side[g] == 0) {
        side[g] = 1;
        break;
      }
    }
  }
  for (size_t g = 0; g < ordered.size(); ++g) {
    auto& dest = side[g] == 0 ? split.train : (side[g] == 1 ? split.validation : split.test);
    dest.insert(dest.end(), ordered[g].begin(), ordered[g].end());
  }
  for (auto* v : {&split.train, &split.validation, &split.test}) std::sort(v->begin(), v->end());
  return split;
}

}  // namespace

SplitOptions SplitOptionsFromConfig(const TrainingConfig& config) {
  const auto& s = config.root["split"];
  SplitOptions o;
  o.train = s["train"].get<double>();
  o.validation = s["validation"].get<double>();
  o.test = s["test"].get<double>();
  o.min_channels_for_grouping = s["min_channels_for_grouping"].get<int>();
  o.seed = config.seed();
  return o;
}

nlohmann::json SplitResult::Describe(uint64_t seed) const {
  return {{"method", method},          {"seed", seed},
          {"groups", groups},          {"train", split.train.size()},
          {"validation", split.validation.size()}, {"test", split.test.size()}};
}

SplitResult MakeSplit(const Dataset& data, const SplitOptions& options) {
  std::set<std::string> channels;
  for (const auto& v : data.videos) {
    if (!v.channel_id.empty()) channels.insert(v.channel_id);
  }
  const bool by_channel =
      channels.size() >= static_cast<size_t>(options.min_channels_for_grouping);
  // Videos without a channel form their own group, so they never tie two channels together.
  std::map<std::string, std::vector<size_t>> groups;
  for (size_t i = 0; i < data.videos.size(); ++i) {
    const Video& v = data.videos[i];
    const std::string key =
        by_channel && !v.channel_id.empty() ? "c:" + v.channel_id : "v:" + v.id;
    groups[key].push_back(i);
  }
  std::vector<std::pair<uint64_t, std::string>> order;
  for (const auto& [key, rows] : groups) order.emplace_back(MixedHash(key, options.seed), key);
  std::sort(order.begin(), order.end());
  std::vector<std::vector<size_t>> ordered;
  std::vector<double> weight;
  for (const auto& [hash, key] : order) {
    ordered.push_back(groups[key]);
    weight.push_back(static_cast<double>(groups[key].size()));
  }
  SplitResult result;
  result.split = AssignGroups(ordered, weight, options);
  result.method = by_channel ? "by-channel" : "by-video";
  result.groups = groups.size();
  return result;
}

SplitResult MakeTimeOrderedSplit(const Dataset& data, const SplitOptions& options) {
  auto when = [&](const Video& v) -> int64_t {
    if (v.published_at) return v.published_at->time_since_epoch().count();
    auto it = data.snapshots.find(v.id);
    if (it != data.snapshots.end() && !it->second.empty()) {
      return it->second.front().captured_at.time_since_epoch().count();
    }
    return INT64_MIN;
  };
  std::vector<size_t> idx(data.videos.size());
  for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
    const int64_t ta = when(data.videos[a]), tb = when(data.videos[b]);
    return ta != tb ? ta < tb : data.videos[a].id < data.videos[b].id;
  });
  // The cut points count only videos with two or more snapshots (the ones a trajectory can be
  // scored on), so that validation and test are not left with single-snapshot videos only when
  // the newest videos were seen once (trending data). Without any such video, all count.
  std::vector<std::vector<size_t>> ordered;
  std::vector<double> weight;
  double total = 0;
  for (size_t i : idx) {
    ordered.push_back({i});
    auto it = data.snapshots.find(data.videos[i].id);
    weight.push_back(it != data.snapshots.end() && it->second.size() >= 2 ? 1.0 : 0.0);
    total += weight.back();
  }
  if (total == 0) std::fill(weight.begin(), weight.end(), 1.0);
  SplitResult result;
  result.split = AssignGroups(ordered, weight, options);
  result.method = "time-ordered";
  result.groups = ordered.size();
  return result;
}

}  // namespace vv::train
