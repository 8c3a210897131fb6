// Training and held-out report of the velocity model (see velocity.h).
//
// Rows (velocity_pairs.h): for every train video with two or more snapshots, predict each later
// snapshot and each configured horizon inside the observed span from three reference states:
// nothing known (metadata and channel only, when published_at is known), the first snapshot, and
// the middle snapshot (videos with four or more), so serving is in-distribution whatever history
// a request carries. Rows are sampled (seeded) down to max_train_rows. The tree count is chosen
// on the validation split (n_estimators is the maximum); the same split gives the conformal
// interval and the mRSE point shift per calibration cell, the training pairs the growth cap
// (velocity_calibrate.cc).
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
#include "models/velocity_pairs.h"
#include "models/xgb_util.h"

namespace vv {

namespace {

using velocity_train::BuildPairs;
using velocity_train::Calibrate;
using velocity_train::kRefFirst;
using velocity_train::kRefMiddle;
using velocity_train::kRefNone;
using velocity_train::Pairs;

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
    size_t n = SnapshotsWithViews(it->second).size();
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

// The protocol of `vv evaluate --db` on the test split: first snapshot known, each configured
// horizon after publication that falls between two later snapshots: the in-domain twin of the
// foreign tables, to tune on instead of them. Null when no test video has such a horizon.
nlohmann::json AtHorizonsMetrics(const VelocityModel& model, const Dataset& data,
                                 const std::vector<size_t>& videos, uint32_t seed, const Baselines& b) {
  const Pairs all = BuildPairs(data, videos, kRefFirst, 1.0, seed, false, &model.params().horizons_hours);
  Pairs served;  // the horizon targets only (the metrics read actual and horizon)
  std::vector<double> pred, lo, hi, constant, persistence;
  for (size_t i = 0; i < all.actual.size(); ++i) {
    if (!all.at_horizon[i]) continue;
    const auto f = model.ForecastFromFeatures(all.x.row(i), std::expm1(all.base[i]));
    pred.push_back(f.views), lo.push_back(f.lo), hi.push_back(f.hi);
    persistence.push_back(std::expm1(all.base[i]));
    constant.push_back(persistence.back() * b.constant_factor[HorizonBucket(all.horizon[i])]);
    served.actual.push_back(all.actual[i]), served.horizon.push_back(all.horizon[i]);
  }
  if (served.actual.empty()) return nullptr;
  nlohmann::json m = MetricsWithBuckets(served, pred, &lo, &hi);
  m["baselines"] = {{"constant_scaling", MetricsWithBuckets(served, constant, nullptr, nullptr)},
                    {"persistence", MetricsWithBuckets(served, persistence, nullptr, nullptr)}};
  return m;
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
    model->SetTrainedOn(data, split.train);
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
    report["at_horizons"] = AtHorizonsMetrics(model, data, dated, seed, b);
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
