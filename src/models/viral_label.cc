#include "models/viral_label.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <utility>

#include "core/time_util.h"
#include "models/growth_util.h"

namespace vv {

namespace {

constexpr int kAgeBands = 7;

// The value at quantile q of sorted values (the same rank rule everywhere: floor(q * n)).
double QuantileOf(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  const size_t rank = static_cast<size_t>(std::floor(q * static_cast<double>(values.size())));
  return values[std::min(values.size() - 1, rank)];
}

}  // namespace

ViralLabelRule ViralLabelRule::FromConfig(const nlohmann::json& config) {
  ViralLabelRule rule;
  if (!config.is_object()) return rule;
  rule.quantile = config.value("quantile", rule.quantile);
  rule.min_cohort = config.value("min_cohort", rule.min_cohort);
  return rule;
}

nlohmann::json ViralLabels::ToJson() const {
  return {{"videos", videos.size()},
          {"positives", std::accumulate(labels.begin(), labels.end(), 0)},
          {"unlabelled", unlabelled}};
}

int ViralAgeBand(double age_hours) {
  int band = 0;
  for (double edge = 24; band < kAgeBands - 1 && age_hours >= edge; edge *= 2) ++band;
  return band;
}

std::vector<size_t> AllVideos(const Dataset& data) {
  std::vector<size_t> all(data.videos.size());
  std::iota(all.begin(), all.end(), size_t{0});
  return all;
}

ViralLabels LabelViral(const Dataset& data, const std::vector<size_t>& candidates,
                       const ViralLabelRule& rule) {
  struct Outcome { size_t video; int band; int category; double views; };
  std::vector<Outcome> outcomes;
  ViralLabels out;
  for (size_t i : candidates) {
    const Video& v = data.videos.at(i);
    const auto snaps = SnapshotsWithViews(data, v.id);
    if (!v.published_at || snaps.size() < 2) {
      ++out.unlabelled;
      continue;
    }
    const double age = HoursBetween(*v.published_at, snaps.back().captured_at);
    outcomes.push_back({i, ViralAgeBand(age), v.category_id.value_or(-1),
                        static_cast<double>(*snaps.back().views)});
  }
  if (outcomes.empty()) return out;
  std::map<std::pair<int, int>, std::vector<double>> by_cell;
  std::map<int, std::vector<double>> by_band;
  std::vector<double> everyone;
  for (const auto& o : outcomes) {
    by_cell[{o.band, o.category}].push_back(o.views);
    by_band[o.band].push_back(o.views);
    everyone.push_back(o.views);
  }
  std::map<std::pair<int, int>, double> cell_cut;
  std::map<int, double> band_cut;
  for (const auto& [cell, views] : by_cell) {
    if (cell.second >= 0 && views.size() >= rule.min_cohort) cell_cut[cell] = QuantileOf(views, rule.quantile);
  }
  for (const auto& [band, views] : by_band) {
    if (views.size() >= rule.min_cohort) band_cut[band] = QuantileOf(views, rule.quantile);
  }
  const double all_cut = QuantileOf(everyone, rule.quantile);
  std::sort(outcomes.begin(), outcomes.end(),
            [](const Outcome& a, const Outcome& b) { return a.video < b.video; });
  for (const auto& o : outcomes) {
    double cut = all_cut;
    if (auto c = cell_cut.find({o.band, o.category}); c != cell_cut.end()) {
      cut = c->second;
    } else if (auto b = band_cut.find(o.band); b != band_cut.end()) {
      cut = b->second;
    }
    out.videos.push_back(o.video);
    out.labels.push_back(o.views >= cut ? 1 : 0);
  }
  return out;
}

}  // namespace vv
