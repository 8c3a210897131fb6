#include "models/viral_population.h"

#include <cmath>
#include <vector>

#include "eval/metrics.h"
#include "models/growth_util.h"

namespace vv {

nlohmann::json ViralPopulation::ToJson() const {
  return {{"logit_offset", logit_offset}, {"videos", videos}, {"target_rate", target_rate}};
}

VideoInput ViralJudgedInput(const Dataset& data, const Video& video) {
  VideoInput in;
  in.video = video;
  if (const Channel* ch = FindChannel(data, video)) in.channel = *ch;
  const auto snaps = SnapshotsWithViews(data, video.id);
  if (!snaps.empty()) {
    in.snapshots = {snaps.front()};
    in.as_of = snaps.front().captured_at;
  }
  return in;
}

ViralPopulation FitViralPopulation(const Model& model, const Dataset& population,
                                   const ViralLabelRule& rule) {
  ViralPopulation out;
  out.target_rate = 1 - rule.quantile;
  std::vector<double> probs;
  for (size_t i : LabelViral(population, AllVideos(population), rule).videos) {
    auto p = model.Predict(ViralJudgedInput(population, population.videos[i]));
    if (!p.ok()) continue;
    const double prob = p->value("probability", NAN);
    if (std::isfinite(prob)) probs.push_back(prob);
  }
  out.videos = probs.size();
  if (probs.size() >= kMinViralPopulation) eval::ShiftToRate(probs, out.target_rate, &out.logit_offset);
  return out;
}

}  // namespace vv
