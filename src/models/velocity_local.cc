#include "models/velocity_local.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/velocity_pairs.h"

namespace vv {

namespace {

using velocity_train::kMinCell;
using velocity_train::Pairs;

// The rows a cell is fitted on: its own when it has kMinCell, else its horizon bucket's (all
// ages), else every row.
const std::vector<size_t>& RowsFor(int age, int bucket,
                                   const std::vector<std::vector<size_t>>& by_cell,
                                   const std::vector<std::vector<size_t>>& by_bucket,
                                   const std::vector<size_t>& everyone) {
  const auto& own = by_cell[age * kNumHorizonBuckets + bucket];
  if (own.size() >= kMinCell) return own;
  return by_bucket[bucket].size() >= kMinCell ? by_bucket[bucket] : everyone;
}

// One cell: the constant-scaling cap on its rows, then the (scale, shift) of the learned growth
// minimising the relative squared error of the served point (capped, never below the views
// now), then the conformal interval of the share of that growth that came true, on the rows at
// the configured horizons (what serving asks) when there are enough of them. A scale and not only
// a shift: a shift large enough to bring a slower store's level down would push slow videos'
// points below their views now.
VelocityStoreCells::Cell FitCell(const Pairs& pairs, const std::vector<double>& learned,
                                 const std::vector<size_t>& rows, double level) {
  VelocityStoreCells::Cell c;
  double sx = 0, sx2 = 0;
  for (size_t i : rows) {
    const double x = std::expm1(pairs.base[i]) / pairs.actual[i];
    sx += x, sx2 += x * x;
  }
  if (sx > 0) c.max_log_growth = std::max(0.0, std::log(sx / sx2));
  const auto point = [&](size_t i, double scale, double shift) {
    return pairs.base[i] + std::min(scale * learned[i] + shift, c.max_log_growth);
  };
  double best = std::numeric_limits<double>::infinity();
  for (int step = 0; step <= 60; ++step) {  // scale 0, 0.05, ..., 3
    for (int s = -15; s <= 15; ++s) {       // shift -0.3 ... 0.3 in log growth
      const double scale = 0.05 * step, shift = 0.02 * s;
      double loss = 0;
      for (size_t i : rows) {
        loss += std::pow(std::expm1(std::max(point(i, scale, shift), pairs.base[i])) / pairs.actual[i] - 1, 2);
      }
      if (loss < best) best = loss, c.scale = scale, c.shift = shift;
    }
  }
  const auto shares_of = [&](bool horizons_only) {
    std::vector<double> out;
    for (size_t i : rows) {
      if (horizons_only && !pairs.at_horizon[i]) continue;
      const double g = std::max(point(i, c.scale, c.shift) - pairs.base[i], VelocityCalibration::kMinLogGrowth);
      out.push_back((std::log1p(pairs.actual[i]) - pairs.base[i]) / g);
    }
    return out;
  };
  std::vector<double> shares = shares_of(true);
  if (shares.size() < kMinCell) shares = shares_of(false);
  const auto bounds = velocity_train::ConformalBounds(shares, level);
  // The interval holds the point and never reaches below the views now.
  c.growth_lo = std::clamp(bounds.first, 0.0, 1.0);
  c.growth_hi = std::max(1.0, bounds.second);
  return c;
}

}  // namespace

nlohmann::json LocalVelocityFit::ToJson() const {
  nlohmann::json j = {{"recalibrated", cells.has_value()},
                      {"videos", videos},
                      {"pairs", pairs},
                      {"min_pairs", kMinLocalVelocityPairs},
                      {"left_out_trained_videos", left_out_trained}};
  if (!cells) return j;
  static const char* const kAges[VelocityStoreCells::kAgeBuckets] = {"age_le_12h", "age_12_48h", "age_gt_48h"};
  nlohmann::json out = nlohmann::json::object();
  for (int a = 0; a < VelocityStoreCells::kAgeBuckets; ++a) {
    for (int b = 0; b < kNumHorizonBuckets; ++b) {
      const auto& c = cells->cells[a * kNumHorizonBuckets + b];
      out[kAges[a]][HorizonBucketName(b)] = {
          {"scale", c.scale}, {"shift", c.shift},
          {"max_log_growth", std::isfinite(c.max_log_growth) ? nlohmann::json(c.max_log_growth) : nullptr},
          {"growth_lo", c.growth_lo}, {"growth_hi", c.growth_hi}};
    }
  }
  j["one_snapshot_cells"] = std::move(out);
  return j;
}

LocalVelocityFit FitLocalCalibration(const VelocityModel& model, const Dataset& population) {
  LocalVelocityFit fit;
  std::vector<size_t> videos;
  for (size_t i = 0; i < population.videos.size(); ++i) {
    const Video& v = population.videos[i];
    if (!v.published_at) continue;
    if (model.TrainedOn(v.id)) {
      ++fit.left_out_trained;
      continue;
    }
    videos.push_back(i);
  }
  fit.videos = videos.size();
  // The reference is the first snapshot, as the foreign protocol and a newly analysed video see it.
  const Pairs pairs = velocity_train::BuildPairs(population, videos, velocity_train::kRefFirst, 1.0, 0,
                                                 false, &model.params().horizons_hours);
  for (uint8_t at : pairs.at_horizon) fit.pairs += at;
  if (fit.pairs < kMinLocalVelocityPairs) return fit;

  std::vector<double> learned(pairs.actual.size());  // the trees' log growth
  std::vector<std::vector<size_t>> by_cell(VelocityStoreCells::kAgeBuckets * kNumHorizonBuckets),
      by_bucket(kNumHorizonBuckets);
  std::vector<size_t> everyone;
  for (size_t i = 0; i < pairs.actual.size(); ++i) {
    if (!(pairs.actual[i] > 0)) continue;
    const float* x = pairs.x.row(i);
    learned[i] = model.forest().PredictMargin(x);
    by_cell[VelocityStoreCells::Index(x[kAgeHoursColumn], pairs.horizon[i])].push_back(i);
    by_bucket[HorizonBucket(pairs.horizon[i])].push_back(i);
    everyone.push_back(i);
  }
  VelocityStoreCells cells;
  for (int a = 0; a < VelocityStoreCells::kAgeBuckets; ++a) {
    for (int b = 0; b < kNumHorizonBuckets; ++b) {
      cells.cells[a * kNumHorizonBuckets + b] =
          FitCell(pairs, learned, RowsFor(a, b, by_cell, by_bucket, everyone), model.params().interval_level);
    }
  }
  fit.cells = cells;
  return fit;
}

}  // namespace vv
