// Training and held-out report of the velocity model (see velocity.h).
//
// Rows: for every train video with two or more snapshots, predict each later snapshot from three
// reference states: nothing known (metadata and channel only, when published_at is known), the
// first snapshot, and the middle snapshot (videos with four or more), so serving is
// in-distribution whatever history a request carries. Rows are sampled (seeded) down to
// max_train_rows. The tree count is chosen on the validation split (n_estimators is the maximum);
// the same split gives the conformal quantiles and the mRSE point shift per calibration cell.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <random>

#include "core/time_util.h"
#include "eval/baselines_regression.h"
#include "eval/metrics.h"
#include "features/numeric_features.h"
#include "models/growth_util.h"
#include "models/velocity.h"
#include "models/xgb_util.h"

namespace vv {

namespace {

// Reference states a row predicts from: nothing known yet, the first snapshot, a middle one.
enum RefMask : unsigned { kRefNone = 1, kRefFirst = 2, kRefMiddle = 4 };

struct Pairs {
  DenseMatrix x;
  std::vector<float> growth;   // label: log1p(target views) - log1p(reference views)
  std::vector<double> base;    // log1p(reference views)
  std::vector<double> actual;  // target views
  std::vector<double> horizon;
  std::vector<uint8_t> known;  // snapshots known at the reference
  std::vector<uint8_t> at_horizon;  // 1: the target is a configured horizon (what serving asks)
  std::vector<eval::GrowthQuery> queries;  // for the baselines (only when asked)
};

std::vector<Snapshot> WithViews(const std::vector<Snapshot>& all) {
  std::vector<Snapshot> out;
  for (const auto& s : all) {
    if (s.views) out.push_back(s);
  }
  return out;
}

struct Target {
  Timestamp time;
  double views;
  bool at_horizon = false;
};

// What a reference state (the first k snapshots known) is asked about: every later snapshot,
// and, with horizons, the views at each horizon after publication that falls after the reference
// and within the observed span (interpolated): serving asks for exactly those times, often a few
// hours ahead, which daily snapshots alone would never show the model.
std::vector<Target> TargetsOf(const Video& video, const std::vector<Snapshot>& snaps, size_t k,
                              const std::vector<double>* horizons) {
  std::vector<Target> out;
  const std::optional<Timestamp> ref =
      k ? std::optional(snaps[k - 1].captured_at) : video.published_at;
  for (size_t t = std::max<size_t>(k, 1); t < snaps.size(); ++t) {
    if (ref && snaps[t].captured_at <= *ref) continue;
    out.push_back({snaps[t].captured_at, static_cast<double>(*snaps[t].views)});
  }
  if (!horizons || !video.published_at || !ref) return out;
  for (double h : *horizons) {
    const Timestamp at = *video.published_at + std::chrono::seconds(std::llround(h * 3600));
    if (at <= *ref || at >= snaps.back().captured_at) continue;
    if (auto views = InterpolateViews(snaps, video.published_at, at)) out.push_back({at, *views, true});
  }
  return out;
}

void AppendQuery(const Video& video, const std::vector<Snapshot>& snaps, size_t k, Timestamp target,
                 Pairs* p) {
  eval::GrowthQuery q;
  for (size_t j = 0; j < k; ++j) {
    q.known_age_hours.push_back(HoursBetween(*video.published_at, snaps[j].captured_at));
    q.known_views.push_back(static_cast<double>(*snaps[j].views));
  }
  q.target_age_hours = HoursBetween(*video.published_at, target);
  p->queries.push_back(std::move(q));
}

// Rows for every (reference state in refs, target of TargetsOf) of the given videos. keep < 1
// subsamples rows (seeded) so huge datasets train in bounded memory.
Pairs BuildPairs(const Dataset& data, const std::vector<size_t>& videos, unsigned refs,
                 double keep, uint32_t seed, bool with_queries,
                 const std::vector<double>* horizons = nullptr) {
  Pairs p;
  p.x.cols = features::kNumNumericFeatures;
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  features::FeatureBuffer buf;
  for (size_t vi : videos) {
    const Video& video = data.videos[vi];
    auto it = data.snapshots.find(video.id);
    if (it == data.snapshots.end()) continue;
    std::vector<Snapshot> snaps = WithViews(it->second);
    if (snaps.size() < 2) continue;
    const Channel* channel = FindChannel(data, video);
    std::vector<size_t> known_counts;  // how many snapshots are known at the reference
    if ((refs & kRefNone) && video.published_at) known_counts.push_back(0);
    if (refs & kRefFirst) known_counts.push_back(1);
    if ((refs & kRefMiddle) && snaps.size() >= 4) known_counts.push_back(snaps.size() / 2);
    for (size_t k : known_counts) {
      std::span<const Snapshot> known(snaps.data(), k);
      const double base = k ? std::log1p(static_cast<double>(*snaps[k - 1].views)) : 0.0;
      for (const Target& target : TargetsOf(video, snaps, k, horizons)) {
        if (keep < 1 && u(rng) >= keep) continue;
        features::ComputeFeaturesInto(video, channel, known, target.time, buf.data());
        p.x.AppendRow(buf.data());
        p.growth.push_back(static_cast<float>(std::log1p(target.views) - base));
        p.base.push_back(base);
        p.actual.push_back(target.views);
        p.horizon.push_back(buf[features::kNumBaseFeatures + features::kNumTemporalFeatures]);
        p.known.push_back(static_cast<uint8_t>(std::min<size_t>(k, 255)));
        p.at_horizon.push_back(target.at_horizon ? 1 : 0);
        if (with_queries) AppendQuery(video, snaps, k, target.time, &p);
      }
    }
  }
  return p;
}

Result<VelocityParams> ParseVelocityParams(const nlohmann::json& config) {
  VelocityParams p;
  if (!config.is_object()) return p;
  try {
    if (config.contains("horizons_hours")) {
      p.horizons_hours = config["horizons_hours"].get<std::vector<double>>();
      if (p.horizons_hours.empty()) throw std::invalid_argument("empty");
      for (double h : p.horizons_hours) {
        if (!(h > 0 && h <= 24 * 3650)) throw std::invalid_argument("range");
      }
    }
  } catch (const std::exception&) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "config velocity.horizons_hours must be a non-empty list of hours in (0, 87600]",
                     "velocity.horizons_hours");
  }
  if (config.contains("interval_level")) {
    const auto& v = config["interval_level"];
    if (!v.is_number() || !(v.get<double>() > 0 && v.get<double>() < 1)) {
      return MakeError(ErrorCode::kInvalidArgument, "config velocity.interval_level must be in (0, 1)",
                       "velocity.interval_level");
    }
    p.interval_level = v.get<double>();
  }
  if (config.contains("point_estimate")) {
    const auto& v = config["point_estimate"];
    if (!v.is_string() || (v != "mrse" && v != "median")) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "config velocity.point_estimate must be \"mrse\" or \"median\"",
                       "velocity.point_estimate");
    }
    p.point_estimate = v.get<std::string>();
  }
  if (config.contains("growth_cap")) {
    const auto& v = config["growth_cap"];
    if (!v.is_string() || (v != "constant" && v != "none")) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "config velocity.growth_cap must be \"constant\" or \"none\"",
                       "velocity.growth_cap");
    }
    p.growth_cap = v.get<std::string>();
  }
  return p;
}

constexpr size_t kMinCell = 30;  // fewer pairs than this in a cell: the pooled values are steadier

// Per cell, the log of the constant growth factor f minimising the relative squared error of
// views_now * f on the training pairs: with x = views_now / actual, f = sum x / sum x^2.
std::array<double, VelocityCalibration::kCells> FitGrowthCaps(const Pairs& train) {
  std::array<double, VelocityCalibration::kCells> sx{}, sx2{};
  std::array<size_t, VelocityCalibration::kCells> n{};
  for (size_t i = 0; i < train.actual.size(); ++i) {
    if (train.known[i] == 0 || !(train.actual[i] > 0)) continue;
    const double x = std::expm1(train.base[i]) / train.actual[i];
    const int cell = VelocityCalibration::Cell(train.known[i], train.horizon[i]);
    sx[cell] += x, sx2[cell] += x * x, ++n[cell];
  }
  VelocityCalibration c;  // cells default to no cap
  for (int k = 0; k < VelocityCalibration::kCells; ++k) {
    if (n[k] >= kMinCell && sx[k] > 0) c.max_log_growth[k] = std::max(0.0, std::log(sx[k] / sx2[k]));
  }
  return c.max_log_growth;
}

// Per cell, the log shift minimising the relative squared error: with r = exp(pred) / actual,
// argmin_c sum (e^c r - 1)^2 gives e^c = sum r / sum r^2.
void FitLogShifts(const Pairs& val, const std::vector<double>& log_pred, const VelocityParams& params,
                  VelocityCalibration* c) {
  std::array<double, VelocityCalibration::kCells> sr{}, sr2{};
  std::array<size_t, VelocityCalibration::kCells> n{};
  double all_sr = 0, all_sr2 = 0;
  for (size_t i = 0; i < log_pred.size(); ++i) {
    if (!(val.actual[i] > 0)) continue;
    const int cell = VelocityCalibration::Cell(val.known[i], val.horizon[i]);
    const double r = std::expm1(log_pred[i]) / val.actual[i];
    sr[cell] += r, sr2[cell] += r * r, all_sr += r, all_sr2 += r * r, ++n[cell];
  }
  const double pooled = all_sr2 > 0 ? std::log(all_sr / all_sr2) : 0.0;
  for (int k = 0; k < VelocityCalibration::kCells; ++k) {
    c->log_shift[k] = params.point_estimate == "median"   ? 0.0
                      : n[k] >= kMinCell && sr2[k] > 0 ? std::log(sr[k] / sr2[k])
                                                        : pooled;
  }
}

// Both tails of the signed residuals: [lower, upper] holds `level` of them (split-conformal, one
// quantile per tail: growth errors are skewed). The shortest window was tried too: it reaches
// down to the views now and over-covered every 2020 store (0.88-0.99) while equal tails hold
// 0.62-0.92 there and ~0.8 in-domain.
std::pair<double, double> ConformalBounds(const std::vector<double>& residuals, double level) {
  const double tail = (1 + level) / 2;
  std::vector<double> negated(residuals.size());
  for (size_t i = 0; i < residuals.size(); ++i) negated[i] = -residuals[i];
  return {-ConformalQuantile(negated, tail), ConformalQuantile(residuals, tail)};
}

// The point shift (mRSE) and the growth cap per cell, then the interval around the final point
// estimate, so the interval is centred on what is served, cap included.
VelocityCalibration Calibrate(const Pairs& train, const Pairs& val, const std::vector<double>& log_pred,
                              const VelocityParams& params) {
  VelocityCalibration c;
  FitLogShifts(val, log_pred, params, &c);
  if (params.growth_cap == "constant") c.max_log_growth = FitGrowthCaps(train);
  // The interval is calibrated on the targets serving asks for (the configured horizons) when the
  // validation split has enough of them: later snapshots sit a whole day apart in trending data.
  size_t horizon_pairs = 0;
  for (size_t i = 0; i < val.at_horizon.size(); ++i) horizon_pairs += val.at_horizon[i];
  const bool horizons_only = horizon_pairs >= kMinCell;
  std::array<std::vector<double>, VelocityCalibration::kCells> res;
  std::vector<double> all_log, all_share;
  for (size_t i = 0; i < log_pred.size(); ++i) {
    if (horizons_only && !val.at_horizon[i]) continue;
    const int cell = VelocityCalibration::Cell(val.known[i], val.horizon[i]);
    double point = log_pred[i] + c.log_shift[cell];
    if (val.known[i] == 0) {
      res[cell].push_back(std::log1p(val.actual[i]) - point);
      all_log.push_back(res[cell].back());
      continue;
    }
    point = std::min(point, val.base[i] + c.max_log_growth[cell]);
    const double g = std::max(point - val.base[i], VelocityCalibration::kMinLogGrowth);
    res[cell].push_back((std::log1p(val.actual[i]) - val.base[i]) / g);
    all_share.push_back(res[cell].back());
  }
  const auto pooled_log = ConformalBounds(all_log, params.interval_level);
  const auto pooled_share = ConformalBounds(all_share, params.interval_level);
  for (int k = 0; k < VelocityCalibration::kCells; ++k) {
    const bool with_snapshot = k >= kNumHorizonBuckets;
    const auto b = res[k].size() >= kMinCell ? ConformalBounds(res[k], params.interval_level)
                                             : with_snapshot ? pooled_share : pooled_log;
    // The served interval holds the point estimate (a capped point can sit below every residual).
    if (with_snapshot) {
      c.growth_lo[k] = std::clamp(b.first, 0.0, 1.0), c.growth_hi[k] = std::max(1.0, b.second);
    } else {
      c.log_lo[k] = std::min(0.0, b.first), c.log_hi[k] = std::max(0.0, b.second);
    }
  }
  return c;
}

nlohmann::json RegressionMetrics(const std::vector<double>& pred, const std::vector<double>& actual,
                                  const std::vector<double>* lo, const std::vector<double>* hi) {
  nlohmann::json m = {{"mrse", eval::Mrse(pred, actual)},
                      {"median_ape", eval::MedianApe(pred, actual)},
                      {"mae_log", eval::MaeLog(pred, actual)},
                      {"r2_log", eval::R2Log(pred, actual)},
                      {"n", actual.size()}};
  if (lo && hi) m["coverage_80"] = eval::Coverage(*lo, *hi, actual);
  return m;
}

// The metrics overall and by horizon bucket, over the given subset of test pairs.
nlohmann::json MetricsWithBuckets(const Pairs& test, const std::vector<double>& pred,
                                  const std::vector<double>* lo, const std::vector<double>* hi) {
  nlohmann::json out = RegressionMetrics(pred, test.actual, lo, hi);
  nlohmann::json buckets = nlohmann::json::object();
  for (int b = 0; b < kNumHorizonBuckets; ++b) {
    std::vector<double> p, a, l, h;
    for (size_t i = 0; i < pred.size(); ++i) {
      if (HorizonBucket(test.horizon[i]) != b) continue;
      p.push_back(pred[i]);
      a.push_back(test.actual[i]);
      if (lo) l.push_back((*lo)[i]), h.push_back((*hi)[i]);
    }
    if (!a.empty()) buckets[HorizonBucketName(b)] = RegressionMetrics(p, a, lo ? &l : nullptr, hi ? &h : nullptr);
  }
  out["by_horizon"] = buckets;
  return out;
}

}  // namespace

namespace {

constexpr size_t kMinTrainPairs = 20;
constexpr size_t kMinValidationPairs = 10;

size_t CountPairs(const Dataset& data, const std::vector<size_t>& videos) {
  size_t count = 0;
  for (size_t vi : videos) {
    auto it = data.snapshots.find(data.videos[vi].id);
    if (it == data.snapshots.end()) continue;
    size_t n = WithViews(it->second).size();
    if (n < 2) continue;
    count += (data.videos[vi].published_at ? n : 0) + (n - 1) + (n >= 4 ? n - n / 2 : 0);
  }
  return count;
}

struct Baselines {
  eval::SzaboHuberman sh;
  eval::PintoMultivariateLinear pinto;
  double sh_scale = 1;  // the one factor that minimises S-H's relative squared error on train
  // Constant scaling: views now times the mRSE-optimal factor of the horizon bucket (train pairs).
  std::array<double, kNumHorizonBuckets> constant_factor{1, 1, 1, 1};
};

Result<Baselines> FitBaselines(const Dataset& data, const std::vector<size_t>& train, uint32_t seed) {
  std::vector<size_t> dated;
  for (size_t vi : train) {
    if (data.videos[vi].published_at) dated.push_back(vi);
  }
  Pairs p = BuildPairs(data, dated, kRefFirst, 1.0, seed, true);
  Baselines b;
  VV_RETURN_IF_ERROR(b.sh.Fit(p.queries, p.actual));
  VV_RETURN_IF_ERROR(b.pinto.Fit(p.queries, p.actual));
  double sr = 0, sr2 = 0;
  for (size_t i = 0; i < p.queries.size(); ++i) {
    if (p.actual[i] <= 0) continue;
    double r = b.sh.Predict(p.queries[i]) / p.actual[i];
    sr += r, sr2 += r * r;
  }
  if (sr2 > 0) b.sh_scale = sr / sr2;
  std::array<double, kNumHorizonBuckets> sx{}, sx2{};
  for (size_t i = 0; i < p.queries.size(); ++i) {
    if (!(p.actual[i] > 0)) continue;
    const double x = std::expm1(p.base[i]) / p.actual[i];
    sx[HorizonBucket(p.horizon[i])] += x, sx2[HorizonBucket(p.horizon[i])] += x * x;
  }
  for (int k = 0; k < kNumHorizonBuckets; ++k) {
    if (sx2[k] > 0) b.constant_factor[k] = sx[k] / sx2[k];
  }
  return b;
}

// The test protocol (first snapshot known) on the validation pairs: hyper-parameters are compared
// on these numbers, never on the test split's. The calibration was fitted on the same pairs, so
// they are a little optimistic, equally for every setting.
nlohmann::json ValidationMetrics(const VelocityModel& model, const Pairs& val) {
  std::vector<double> pred, lo, hi, actual;
  for (size_t i = 0; i < val.actual.size(); ++i) {
    if (val.known[i] != 1) continue;
    auto f = model.ForecastFromFeatures(val.x.row(i), std::expm1(val.base[i]));
    pred.push_back(f.views), lo.push_back(f.lo), hi.push_back(f.hi), actual.push_back(val.actual[i]);
  }
  if (actual.empty()) return nlohmann::json::object();
  return RegressionMetrics(pred, actual, &lo, &hi);
}

class VelocityTrainer : public ModelTrainer {
 public:
  std::string Name() const override { return "velocity"; }

  Result<TrainedModel> Train(const Dataset& data, const Split& split,
                             const nlohmann::json& config) const override {
    VV_ASSIGN_OR_RETURN(XgbParams xgb,
                        ParseXgbParams(config, "velocity",
                                       {"horizons_hours", "interval_level", "point_estimate", "growth_cap", "max_train_rows"}));
    VV_ASSIGN_OR_RETURN(VelocityParams params, ParseVelocityParams(config));
    size_t max_rows = 400000;
    if (config.is_object() && config.contains("max_train_rows")) {
      const auto& v = config["max_train_rows"];
      if (!v.is_number_integer() || v.get<int64_t>() < 100) {
        return MakeError(ErrorCode::kInvalidArgument, "config velocity.max_train_rows must be an integer >= 100",
                         "velocity.max_train_rows");
      }
      max_rows = v.get<size_t>();
    }
    const unsigned refs = kRefNone | kRefFirst | kRefMiddle;
    size_t total = CountPairs(data, split.train);
    double keep = total > max_rows ? static_cast<double>(max_rows) / static_cast<double>(total) : 1.0;
    Pairs train = BuildPairs(data, split.train, refs, keep, xgb.seed, false, &params.horizons_hours);
    if (train.actual.size() < kMinTrainPairs) {
      return MakeError(ErrorCode::kFailedPrecondition,
                       "velocity: needs at least " + std::to_string(kMinTrainPairs) +
                           " training pairs from train-split videos with two or more snapshots; found " +
                           std::to_string(train.actual.size()),
                       "velocity");
    }
    double mean = 0;
    for (float g : train.growth) mean += g;
    xgb.objective = "reg:squarederror";
    xgb.base_score = mean / static_cast<double>(train.growth.size());
    VV_ASSIGN_OR_RETURN(std::string xgb_json, TrainXgboost(train.x, train.growth, xgb));
    VV_ASSIGN_OR_RETURN(FlatForest forest, FlatForest::FromXgboostJson(nlohmann::json::parse(xgb_json)));

    size_t val_total = CountPairs(data, split.validation);
    double val_keep = val_total > 200000 ? 200000.0 / static_cast<double>(val_total) : 1.0;
    Pairs val = BuildPairs(data, split.validation, refs, val_keep, xgb.seed + 1, false,
                           &params.horizons_hours);
    if (val.actual.size() < kMinValidationPairs) {
      return MakeError(ErrorCode::kFailedPrecondition,
                       "velocity: the validation split has " + std::to_string(val.actual.size()) +
                           " pairs from videos with two or more snapshots; the conformal interval needs " +
                           std::to_string(kMinValidationPairs),
                       "velocity");
    }
    // n_estimators is the maximum: the tree count with the least validation error is kept.
    {
      std::vector<double> loss(forest.NumTrees(), 0.0);
      std::vector<float> prefix(forest.NumTrees());
      for (size_t i = 0; i < val.actual.size(); ++i) {
        forest.PrefixMargins(val.x.row(i), prefix.data());
        for (size_t k = 0; k < prefix.size(); ++k) loss[k] += std::pow(prefix[k] - val.growth[i], 2);
      }
      VV_RETURN_IF_ERROR(TrimToBestTreeCount(loss, &xgb_json, &forest));
    }
    std::vector<double> val_log(val.actual.size());
    for (size_t i = 0; i < val_log.size(); ++i) val_log[i] = val.base[i] + forest.PredictMargin(val.x.row(i));
    VelocityCalibration cal = Calibrate(train, val, val_log, params);
    auto model = std::make_unique<VelocityModel>(std::move(xgb_json), std::move(forest), params, cal);
    VV_ASSIGN_OR_RETURN(nlohmann::json report, Report(*model, data, split, xgb.seed));
    report["trees"] = model->forest().NumTrees();
    report["validation"] = ValidationMetrics(*model, val);
    return TrainedModel{std::move(model), std::move(report)};
  }

 private:
  // The protocol: each test video with two or more snapshots, seen with its first
  // snapshot only, predicted at every later snapshot. Videos without published_at are left out
  // (the baselines need ages); their count is reported.
  static Result<nlohmann::json> Report(const VelocityModel& model, const Dataset& data,
                                       const Split& split, uint32_t seed) {
    std::vector<size_t> dated;
    for (size_t vi : split.test) {
      if (data.videos[vi].published_at) dated.push_back(vi);
    }
    const size_t undated = split.test.size() - dated.size();
    Pairs test = BuildPairs(data, dated, kRefFirst, 1.0, seed, true);
    if (test.actual.empty()) {
      return MakeError(ErrorCode::kFailedPrecondition,
                       "velocity: no test-split video with a publication time and two or more snapshots",
                       "velocity");
    }
    const size_t n = test.actual.size();
    std::vector<double> pred(n), lo(n), hi(n), sh(n), sh_scaled(n), pinto(n), constant(n), persistence(n);
    for (size_t i = 0; i < n; ++i) {
      auto f = model.ForecastFromFeatures(test.x.row(i), std::expm1(test.base[i]));
      pred[i] = f.views, lo[i] = f.lo, hi[i] = f.hi;
    }
    VV_ASSIGN_OR_RETURN(Baselines b, FitBaselines(data, split.train, seed));
    for (size_t i = 0; i < n; ++i) {
      sh[i] = b.sh.Predict(test.queries[i]);
      sh_scaled[i] = sh[i] * b.sh_scale;
      pinto[i] = b.pinto.Predict(test.queries[i]);
      persistence[i] = std::expm1(test.base[i]);
      constant[i] = persistence[i] * b.constant_factor[HorizonBucket(test.horizon[i])];
    }
    nlohmann::json report = {
        {"n", n},
        {"metrics", MetricsWithBuckets(test, pred, &lo, &hi)},
        {"baselines",
         {{"szabo_huberman", MetricsWithBuckets(test, sh, nullptr, nullptr)},
          {"szabo_huberman_mrse_scaled", MetricsWithBuckets(test, sh_scaled, nullptr, nullptr)},
          {"pinto_ml", MetricsWithBuckets(test, pinto, nullptr, nullptr)},
          {"constant_scaling", MetricsWithBuckets(test, constant, nullptr, nullptr)},
          {"persistence", MetricsWithBuckets(test, persistence, nullptr, nullptr)}}},
        {"protocol", "test videos with >= 2 snapshots, first snapshot known, every later snapshot predicted"},
        {"test_videos_without_published_at", undated}};
    // The same test videos with nothing known but metadata and channel (no baseline can do this).
    Pairs cold = BuildPairs(data, dated, kRefNone, 1.0, seed, false);
    if (!cold.actual.empty()) {
      std::vector<double> cp(cold.actual.size()), cl(cp.size()), ch(cp.size());
      for (size_t i = 0; i < cp.size(); ++i) {
        auto f = model.ForecastFromFeatures(cold.x.row(i), std::nullopt);
        cp[i] = f.views, cl[i] = f.lo, ch[i] = f.hi;
      }
      report["metadata_only"] = MetricsWithBuckets(cold, cp, &cl, &ch);
    }
    return report;
  }
};

const bool kRegistered = RegisterModelKind(
    "velocity", [] { return std::make_unique<VelocityTrainer>(); }, VelocityModel::Load);

}  // namespace

}  // namespace vv
