#pragma once
// velocity: views at horizons after publication (24 h, 7 d, 30 d by default) from whatever is
// known now (metadata and channel, plus any number of snapshots), each with a split-conformal
// 80 % interval and views/hour. One XGBoost regression predicts the log growth
// log1p(views at target) - log1p(views at the last known snapshot) (0 when none), with the
// horizon among its features, so one model answers any target time. Serving walks FlatForest.
#include <array>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "features/feature_schema.h"
#include "models/flat_trees.h"
#include "models/model.h"

namespace vv {

inline constexpr int kNumHorizonBuckets = 4;
// Horizon = hours from the last known snapshot (or publication) to the target time.
int HorizonBucket(double hours);  // 0: <= 1 d, 1: 1-3 d, 2: 3-7 d, 3: > 7 d
const char* HorizonBucketName(int bucket);  // le_1d, 1_3d, 3_7d, gt_7d

// Numeric feature columns velocity leaves out (missing, at training and serving alike): their
// distribution shifts with the country and language (title style, publication hour in UTC,
// channel and description counts), and growth learned from one country's values does not carry
// to another's. Engagement ratios, ages, the horizon and the category stay.
const std::vector<std::string>& CountrySpecificFeatures();
// Their column indices in features::NumericSchema(true); unknown names are ignored.
std::vector<int> FeatureColumns(const std::vector<std::string>& names);
void MaskColumns(const std::vector<int>& columns, float* x);

struct VelocityParams {
  std::vector<double> horizons_hours = {24, 168, 720};
  double interval_level = 0.8;
  // "mrse": the point estimate is scaled to minimise the mean relative squared error on the
  // validation split (the metric the issue scores); "median": exp of the predicted log.
  std::string point_estimate = "mrse";
  // "constant": a one-snapshot (or more) forecast claims at most the growth of constant scaling
  // fitted on the training pairs of its cell (VelocityCalibration::max_log_growth); "none": the
  // learned growth as is.
  std::string growth_cap = "constant";
  // Left out of the features (CountrySpecificFeatures at training; format 1 models: none).
  std::vector<std::string> masked_features = CountrySpecificFeatures();
};

// Calibration per cell = (snapshots known: none, one, more; horizon bucket), from validation
// residuals: a forecast from one snapshot is far less certain than one from a week of history at
// the same horizon, so pooling them would under-cover the first and over-cover the second.
struct VelocityCalibration {
  static constexpr int kStates = 3;
  static constexpr int kCells = kStates * kNumHorizonBuckets;
  // The interval without a known snapshot is [point + log_lo, point + log_hi] in log1p(views):
  // split-conformal quantiles of the signed residual log1p(actual) - point, one per tail, because
  // errors are skewed. With a known snapshot it is the views now times a growth between
  // growth_lo and growth_hi times the forecast log growth g: the residual is the share of the
  // forecast growth that came true, so the interval scales with g (a forecast a few hours ahead
  // gets a narrow one, a day ahead a wide one, inside one horizon bucket) and a store whose
  // videos grow less than the training store's still lands between the views now and the point.
  std::array<double, kCells> log_lo{};
  std::array<double, kCells> log_hi{};
  std::array<double, kCells> growth_lo{};
  std::array<double, kCells> growth_hi{};
  bool growth_bounds = true;  // false: format 1, log_lo / log_hi for every cell
  static constexpr double kMinLogGrowth = 1e-3;  // g below this counts as this
  std::array<double, kCells> log_shift{};  // added to the log prediction for the point estimate
  // The most log growth over the last known views a point estimate may claim: the log of the
  // constant factor that minimises the relative squared error of views_now * factor on the
  // training pairs of the cell. Off-domain (other countries, other years) the learned growth
  // overshoots by a factor the mRSE punishes without bound, while the constant holds; the model
  // may still forecast less growth where it sees an older or slowing video. +inf: no cap (cells
  // without a snapshot, or without training pairs).
  std::array<double, kCells> max_log_growth;
  VelocityCalibration() { max_log_growth.fill(std::numeric_limits<double>::infinity()); }
  static int Cell(int known_snapshots, double horizon_hours);
  nlohmann::json ToJson() const;
  // Reads format 2, and format 1 (one symmetric "quantile", no cap).
  // Errors name `file` and the JSON path ($.calibration.<key>[cell]).
  static Result<VelocityCalibration> FromJson(const nlohmann::json& j,
                                              const std::string& file = "velocity.json");
};

// The one-snapshot forecasts re-calibrated on a store's own outcomes (models/velocity_local.h),
// per (age at the snapshot, horizon bucket): how fast a video still grows at a given age is what
// differs most between countries and years. Never saved: refitted wherever the model is loaded.
struct VelocityStoreCells {
  static constexpr int kAgeBuckets = 3;
  static int AgeBucket(double age_hours);  // 0: <= 12 h, 1: 12-48 h, 2: > 48 h
  static int Index(double age_hours, double horizon_hours);
  struct Cell {
    // point = views now * exp(min(scale * learned log growth + shift, max_log_growth)); the
    // interval is [growth_lo, growth_hi] times that growth, as in VelocityCalibration.
    double scale = 1, shift = 0, max_log_growth = std::numeric_limits<double>::infinity();
    double growth_lo = 0, growth_hi = 1;
  };
  std::array<Cell, kAgeBuckets * kNumHorizonBuckets> cells;
};

class VelocityModel : public Model {
 public:
  VelocityModel(std::string xgb_json, FlatForest forest, VelocityParams params,
                VelocityCalibration calibration);

  struct Forecast {
    double views = 0, lo = 0, hi = 0;
    double log_pred = 0;  // uncalibrated log1p(views)
    bool capped = false;  // the point estimate is the cell's constant growth (max_log_growth)
    double horizon_hours = 0;
    int known_snapshots = 0;
  };
  // Views at target from the known snapshots (a time-ordered prefix).
  Forecast ForecastAt(const Video& video, const Channel* channel, std::span<const Snapshot> known,
                      Timestamp target) const;
  // The same from a computed feature vector (numeric schema with horizon; its n_snapshots feature
  // picks the calibration cell) and the views of the last known snapshot (nullopt when none): the
  // training report uses it on stored rows.
  Forecast ForecastFromFeatures(const float* x, std::optional<double> last_views) const;

  std::string Name() const override { return "velocity"; }
  Result<nlohmann::json> Predict(const VideoInput& input) const override;
  Result<std::vector<std::string>> Save(const std::filesystem::path& dir) const override;
  nlohmann::json FeatureSchema() const override;

  // A copy re-calibrated on the store's own outcomes (models/velocity_local.h); *report says on
  // how many pairs, or why not.
  std::unique_ptr<Model> RebasedOn(const Dataset& population, nlohmann::json* report) const override;

  // The videos the trees were fitted on, as sorted 32-bit fingerprints of their ids (saved with
  // the model): their residuals are in-sample, so a re-calibration leaves them out.
  void SetTrainedOn(const Dataset& data, const std::vector<size_t>& videos);
  bool TrainedOn(const std::string& video_id) const;

  static Result<std::unique_ptr<Model>> Load(const std::filesystem::path& dir);
  const FlatForest& forest() const { return forest_; }
  const VelocityParams& params() const { return params_; }
  const VelocityCalibration& calibration() const { return calibration_; }

 private:
  std::string xgb_json_;
  FlatForest forest_;
  VelocityParams params_;
  std::vector<int> masked_columns_;  // of params_.masked_features
  VelocityCalibration calibration_;
  std::optional<VelocityStoreCells> store_cells_;  // from RebasedOn
  std::vector<uint32_t> trained_on_;  // sorted fingerprints (SetTrainedOn)
};

}  // namespace vv
