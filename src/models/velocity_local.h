#pragma once
// Velocity re-calibrated on the store it serves or is scored on. Trending videos of other
// countries and years grow less than the training store's at the same age: calibrated on US
// 2017, the model over-forecasts there and its 80 % interval covers 0.65-0.93 depending on the
// store. A store that tracks videos holds their later snapshots, so the one-snapshot forecasts
// are re-calibrated on the store's own (first snapshot -> views at each horizon) pairs, per
// (age at the snapshot, horizon bucket) cell (VelocityStoreCells): a scale and shift of the
// learned log growth and a growth cap fitted for the relative squared error, and a split-conformal
// interval around that point. Videos the trees were fitted on are left out (their residuals are
// in-sample); the trees, and forecasts from no or several snapshots, stay as trained.
// `vv serve` re-calibrates as a champion loads; `vv evaluate --db` cross-fits (each video is
// scored by a calibration fitted on the other folds of channels).
#include <cstddef>
#include <optional>

#include <nlohmann/json.hpp>

#include "features/numeric_features.h"
#include "models/model.h"
#include "models/velocity.h"

namespace vv {

// Fewer (first snapshot, horizon) pairs than this in the store: the calibration as trained.
inline constexpr size_t kMinLocalVelocityPairs = 60;
// The temporal feature "age_hours" (after "n_snapshots"): the age at the last known snapshot.
inline constexpr size_t kAgeHoursColumn = features::kNumBaseFeatures + 1;

struct LocalVelocityFit {
  std::optional<VelocityStoreCells> cells;  // none: too few pairs, the calibration as trained
  size_t videos = 0;            // videos with a publication time the trees were not fitted on
  size_t pairs = 0;             // their pairs at the configured horizons
  size_t left_out_trained = 0;  // videos of the store the trees were fitted on
  nlohmann::json ToJson() const;
};

LocalVelocityFit FitLocalCalibration(const VelocityModel& model, const Dataset& population);

}  // namespace vv
