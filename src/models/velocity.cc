#include "models/velocity.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>

#include "core/json_read.h"
#include "core/stable_hash.h"
#include "core/time_util.h"
#include "features/numeric_features.h"
#include "models/growth_util.h"
#include "models/velocity_local.h"

namespace vv {

namespace {
constexpr int kFormatVersion = 2;  // 2: asymmetric interval, growth cap
constexpr const char* kXgbFile = "xgb.json";
constexpr const char* kMetaFile = "velocity.json";

uint32_t VideoFingerprint(const std::string& video_id) {
  return static_cast<uint32_t>(Fnv1a(video_id) >> 32);
}
}  // namespace

int HorizonBucket(double hours) {
  if (!(hours > 24)) return 0;  // NaN (unknown) lands in the shortest bucket
  if (hours <= 72) return 1;
  if (hours <= 168) return 2;
  return 3;
}

const char* HorizonBucketName(int bucket) {
  static const char* const kNames[kNumHorizonBuckets] = {"le_1d", "1_3d", "3_7d", "gt_7d"};
  return kNames[std::clamp(bucket, 0, kNumHorizonBuckets - 1)];
}

int VelocityStoreCells::AgeBucket(double age_hours) {
  if (!(age_hours > 12)) return 0;  // NaN (unknown) lands in the youngest bucket
  return age_hours <= 48 ? 1 : 2;
}

int VelocityStoreCells::Index(double age_hours, double horizon_hours) {
  return AgeBucket(age_hours) * kNumHorizonBuckets + HorizonBucket(horizon_hours);
}

int VelocityCalibration::Cell(int known_snapshots, double horizon_hours) {
  return std::clamp(known_snapshots, 0, kStates - 1) * kNumHorizonBuckets + HorizonBucket(horizon_hours);
}

namespace {

// JSON has no infinity: an uncapped cell is written as null.
nlohmann::json CapsToJson(const std::array<double, VelocityCalibration::kCells>& caps) {
  nlohmann::json out = nlohmann::json::array();
  for (double c : caps) out.push_back(std::isfinite(c) ? nlohmann::json(c) : nlohmann::json(nullptr));
  return out;
}

// JSON has no infinity: null is an uncapped cell.
Status ReadCells(const JsonField& calibration, const char* key,
                 std::array<double, VelocityCalibration::kCells>* out) {
  VV_ASSIGN_OR_RETURN(JsonField cells, calibration.Get(key));
  VV_RETURN_IF_ERROR(cells.ArraySize(VelocityCalibration::kCells));
  for (size_t i = 0; i < out->size(); ++i) {
    VV_ASSIGN_OR_RETURN(JsonField cell, cells.At(i));
    if (cell.value().is_null()) {
      (*out)[i] = std::numeric_limits<double>::infinity();
      continue;
    }
    VV_ASSIGN_OR_RETURN((*out)[i], cell.Number());
  }
  return {};
}

}  // namespace

nlohmann::json VelocityCalibration::ToJson() const {
  return {{"log_lo", log_lo},       {"log_hi", log_hi},       {"growth_lo", growth_lo},
          {"growth_hi", growth_hi}, {"log_shift", log_shift}, {"max_log_growth", CapsToJson(max_log_growth)}};
}

Result<VelocityCalibration> VelocityCalibration::FromJson(const nlohmann::json& calibration,
                                                         const std::string& file) {
  const JsonField j(calibration, file, "$.calibration");
  VelocityCalibration c;
  VV_RETURN_IF_ERROR(ReadCells(j, "log_shift", &c.log_shift));
  if (j.Has("quantile")) {  // format 1: symmetric interval, no cap
    std::array<double, kCells> q{};
    VV_RETURN_IF_ERROR(ReadCells(j, "quantile", &q));
    for (int k = 0; k < kCells; ++k) c.log_lo[k] = -q[k], c.log_hi[k] = q[k];
    c.growth_bounds = false;
    return c;
  }
  VV_RETURN_IF_ERROR(ReadCells(j, "log_lo", &c.log_lo));
  VV_RETURN_IF_ERROR(ReadCells(j, "log_hi", &c.log_hi));
  VV_RETURN_IF_ERROR(ReadCells(j, "growth_lo", &c.growth_lo));
  VV_RETURN_IF_ERROR(ReadCells(j, "growth_hi", &c.growth_hi));
  VV_RETURN_IF_ERROR(ReadCells(j, "max_log_growth", &c.max_log_growth));
  return c;
}

const std::vector<std::string>& CountrySpecificFeatures() {
  static const std::vector<std::string> names = {
      "channel_log_subscribers", "channel_log_videos", "channel_log_views",   "channel_age_days",
      "publish_hour",            "publish_weekday",    "title_length",        "title_words",
      "title_caps_ratio",        "title_punctuation",  "title_digits",        "title_questions",
      "title_exclamations",      "title_second_person", "title_superlatives", "title_emoji",
      "tag_count",               "description_length"};
  return names;
}

std::vector<int> FeatureColumns(const std::vector<std::string>& names) {
  const auto schema = features::NumericSchema(true).names;
  std::vector<int> out;
  for (size_t i = 0; i < schema.size(); ++i) {
    if (std::find(names.begin(), names.end(), schema[i]) != names.end()) out.push_back(static_cast<int>(i));
  }
  return out;
}

void MaskColumns(const std::vector<int>& columns, float* x) {
  for (int c : columns) x[c] = std::numeric_limits<float>::quiet_NaN();
}

VelocityModel::VelocityModel(std::string xgb_json, FlatForest forest, VelocityParams params,
                             VelocityCalibration calibration)
    : xgb_json_(std::move(xgb_json)),
      forest_(std::move(forest)),
      params_(std::move(params)),
      masked_columns_(FeatureColumns(params_.masked_features)),
      calibration_(calibration) {}

void VelocityModel::SetTrainedOn(const Dataset& data, const std::vector<size_t>& videos) {
  trained_on_.clear();
  for (size_t i : videos) trained_on_.push_back(VideoFingerprint(data.videos[i].id));
  std::sort(trained_on_.begin(), trained_on_.end());
  trained_on_.erase(std::unique(trained_on_.begin(), trained_on_.end()), trained_on_.end());
}

bool VelocityModel::TrainedOn(const std::string& video_id) const {
  return std::binary_search(trained_on_.begin(), trained_on_.end(), VideoFingerprint(video_id));
}

std::unique_ptr<Model> VelocityModel::RebasedOn(const Dataset& population,
                                                nlohmann::json* report) const {
  LocalVelocityFit fit = FitLocalCalibration(*this, population);
  auto copy = std::make_unique<VelocityModel>(*this);
  copy->store_cells_ = fit.cells;
  if (report) *report = fit.ToJson();
  return copy;
}

VelocityModel::Forecast VelocityModel::ForecastAt(const Video& video, const Channel* channel,
                                                  std::span<const Snapshot> known,
                                                  Timestamp target) const {
  features::FeatureBuffer x;
  features::ComputeFeaturesInto(video, channel, known, target, x.data());
  MaskColumns(masked_columns_, x.data());
  const Snapshot* last = features::LastWithViews(known);
  return ForecastFromFeatures(
      x.data(), last ? std::optional<double>(static_cast<double>(*last->views)) : std::nullopt);
}

VelocityModel::Forecast VelocityModel::ForecastFromFeatures(const float* x,
                                                            std::optional<double> last_views) const {
  const double base = last_views ? std::log1p(*last_views) : 0.0;
  Forecast f;
  f.known_snapshots = last_views ? static_cast<int>(x[features::kNumBaseFeatures]) : 0;
  f.horizon_hours = x[features::kNumBaseFeatures + features::kNumTemporalFeatures];
  f.log_pred = base + forest_.PredictMargin(x);
  const int cell = VelocityCalibration::Cell(f.known_snapshots, f.horizon_hours);
  double point = f.log_pred + calibration_.log_shift[cell];
  if (last_views && f.known_snapshots == 1 && store_cells_) {
    const double age = x[kAgeHoursColumn];
    const auto& c = store_cells_->cells[VelocityStoreCells::Index(age, f.horizon_hours)];
    point = base + std::min(c.scale * (f.log_pred - base) + c.shift, c.max_log_growth);
    f.capped = c.scale * (f.log_pred - base) + c.shift > c.max_log_growth;
    const double g = std::max(point - base, VelocityCalibration::kMinLogGrowth);
    f.lo = std::max(*last_views, std::expm1(base + g * c.growth_lo));
    f.hi = std::max(*last_views, std::expm1(base + g * c.growth_hi));
    f.views = std::clamp(std::expm1(point), f.lo, f.hi);
    return f;
  }
  if (last_views && point > base + calibration_.max_log_growth[cell]) {
    point = base + calibration_.max_log_growth[cell];
    f.capped = true;
  }
  // Views never fall: nothing below the last known count.
  const double floor_views = last_views.value_or(0.0);
  double lo = point + calibration_.log_lo[cell], hi = point + calibration_.log_hi[cell];
  if (last_views && calibration_.growth_bounds) {
    const double g = std::max(point - base, VelocityCalibration::kMinLogGrowth);
    lo = base + g * calibration_.growth_lo[cell];
    hi = base + g * calibration_.growth_hi[cell];
  }
  f.lo = std::max(floor_views, std::expm1(lo));
  f.hi = std::max(floor_views, std::expm1(hi));
  f.views = std::clamp(std::expm1(point), f.lo, f.hi);
  return f;
}

Result<nlohmann::json> VelocityModel::Predict(const VideoInput& input) const {
  VV_RETURN_IF_ERROR(ValidateVideoInput(input));
  auto known = features::KnownSnapshots(input.snapshots, input.as_of);
  const Snapshot* last = features::LastWithViews(known);
  std::optional<Timestamp> origin = input.video.published_at;
  if (!origin) origin = input.as_of;
  if (!origin && last) origin = last->captured_at;
  if (!origin) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "velocity: need published_at, as_of or a snapshot to place the horizons",
                     "$.video.published_at");
  }
  const Channel* channel = input.channel ? &*input.channel : nullptr;
  const double last_views = last ? static_cast<double>(*last->views) : 0.0;
  const std::optional<Timestamp> from_time = last ? std::optional(last->captured_at) : input.video.published_at;
  // Views are cumulative: a later horizon never gets less than an earlier one. Each horizon is
  // forecast on its own, so the running maximum enforces it (in ascending order of hours).
  std::vector<double> hours = params_.horizons_hours;
  std::sort(hours.begin(), hours.end());
  double floor_views = last_views, floor_lo = last_views, floor_hi = last_views;
  nlohmann::json horizons = nlohmann::json::array();
  for (double h : hours) {
    const Timestamp target = *origin + std::chrono::seconds(static_cast<int64_t>(std::llround(h * 3600)));
    nlohmann::json entry = {{"hours", h}};
    if (last && target <= last->captured_at) {
      // Already observed: the known trajectory answers, without an interval.
      double v = InterpolateViews(known, input.video.published_at, target).value_or(last_views);
      entry.update({{"views", v}, {"lo", v}, {"hi", v}, {"observed", true}});
      double age = input.video.published_at ? HoursBetween(*input.video.published_at, target) : 0;
      entry["views_per_hour"] = age > 0 ? v / age : 0.0;
      floor_views = std::max(floor_views, v), floor_lo = std::max(floor_lo, v);
      floor_hi = std::max(floor_hi, v);
    } else {
      Forecast f = ForecastAt(input.video, channel, known, target);
      floor_lo = std::max(floor_lo, f.lo);
      floor_views = std::max({floor_views, f.views, floor_lo});
      floor_hi = std::max({floor_hi, f.hi, floor_views});
      double span = from_time ? HoursBetween(*from_time, target) : h;
      entry.update({{"views", floor_views}, {"lo", floor_lo}, {"hi", floor_hi}, {"observed", false}});
      // The average rate from the last known point (or publication) to the target.
      entry["views_per_hour"] = span > 0 ? (floor_views - last_views) / span : 0.0;
    }
    horizons.push_back(std::move(entry));
  }
  return nlohmann::json{{"model", "velocity"},
                        {"interval_level", params_.interval_level},
                        {"horizons", std::move(horizons)}};
}

nlohmann::json VelocityModel::FeatureSchema() const { return features::NumericSchema(true).ToJson(); }

Result<std::vector<std::string>> VelocityModel::Save(const std::filesystem::path& dir) const {
  nlohmann::json meta = {{"format_version", kFormatVersion},
                         {"model", "velocity"},
                         {"horizons_hours", params_.horizons_hours},
                         {"interval_level", params_.interval_level},
                         {"point_estimate", params_.point_estimate},
                         {"growth_cap", params_.growth_cap},
                         {"masked_features", params_.masked_features},
                         {"calibration", calibration_.ToJson()},
                         {"trained_on_fingerprints", trained_on_},
                         {"schema", FeatureSchema()}};
  VV_RETURN_IF_ERROR(WriteTextFile(dir, kXgbFile, xgb_json_));
  VV_RETURN_IF_ERROR(WriteTextFile(dir, kMetaFile, meta.dump(2)));
  return std::vector<std::string>{kXgbFile, kMetaFile};
}

Result<std::unique_ptr<Model>> VelocityModel::Load(const std::filesystem::path& dir) {
  VV_ASSIGN_OR_RETURN(nlohmann::json meta, ReadJsonFile(dir / kMetaFile));
  const JsonField root(meta, (dir / kMetaFile).string());
  VV_RETURN_IF_ERROR(
      CheckFormatAndSchema(root, kFormatVersion, features::NumericSchema(true).Hash(), "velocity"));
  VelocityParams params;
  VV_ASSIGN_OR_RETURN(params.horizons_hours, root.Numbers("horizons_hours"));
  for (double h : params.horizons_hours) {
    // Added to a timestamp at every prediction: a bounded horizon (ten years) cannot overflow it.
    if (!(h > 0 && h <= 24 * 3660)) return root.Fail("horizons_hours must lie in (0, 87840]");
  }
  VV_ASSIGN_OR_RETURN(params.interval_level, root.Number("interval_level"));
  VV_ASSIGN_OR_RETURN(params.point_estimate, root.String("point_estimate"));
  params.growth_cap = "none";  // format 1 had no cap ...
  if (root.Has("growth_cap")) {
    VV_ASSIGN_OR_RETURN(params.growth_cap, root.String("growth_cap"));
  }
  params.masked_features.clear();  // ... nor mask
  if (root.Has("masked_features")) {
    VV_ASSIGN_OR_RETURN(params.masked_features, root.Strings("masked_features"));
  }
  VV_ASSIGN_OR_RETURN(JsonField calibration, root.Get("calibration"));
  VV_ASSIGN_OR_RETURN(VelocityCalibration cal,
                      VelocityCalibration::FromJson(calibration.value(), root.file()));
  VV_ASSIGN_OR_RETURN(LoadedForest loaded,
                      LoadForestFile(dir / kXgbFile, static_cast<int>(features::kNumNumericFeatures)));
  auto model = std::unique_ptr<VelocityModel>(new VelocityModel(
      std::move(loaded.json), std::move(loaded.forest), std::move(params), cal));
  if (root.Has("trained_on_fingerprints")) {  // older models: none, nothing left out
    VV_ASSIGN_OR_RETURN(JsonField prints, root.Get("trained_on_fingerprints"));
    const auto& j = prints.value();
    if (!j.is_array()) return prints.Fail("must be an array of 32-bit fingerprints");
    for (size_t i = 0; i < j.size(); ++i) {
      if (!j[i].is_number_unsigned() || j[i].get<uint64_t>() > UINT32_MAX) {
        return prints.FailAt(i, "must be an unsigned 32-bit integer");
      }
      model->trained_on_.push_back(j[i].get<uint32_t>());
    }
    if (!std::is_sorted(model->trained_on_.begin(), model->trained_on_.end())) {
      return prints.Fail("must be sorted");
    }
  }
  return std::unique_ptr<Model>(std::move(model));
}

}  // namespace vv
