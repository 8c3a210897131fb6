#include "serve/drift.h"

#include <array>
#include <chrono>
#include <cmath>
#include <limits>

#include "features/numeric_features.h"
#include "monitor/base_drift.h"

namespace vv::serve {

namespace {
struct PredictionField {
  const char* model;
  const char* field;
};
constexpr PredictionField kFields[DriftMonitor::kPredictionColumns] = {
    {"viral", "probability"}, {"clickbait", "score"}, {"anomaly", "score"}};
}  // namespace

const std::vector<std::string>& DriftMonitor::PredictionNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& f : kFields) out.push_back(std::string(f.model) + "." + f.field);
    return out;
  }();
  return names;
}

DriftMonitor::DriftMonitor(size_t capacity)
    : window_(monitor::BaseDriftFeatureNames(), PredictionNames(), capacity) {}

void DriftMonitor::SetReference(monitor::Columns features, std::vector<VideoInput> inputs,
                                nlohmann::json description) {
  size_t rows = features.values.empty() ? 0 : features.values.front().size();
  if (rows == 0) {
    unavailable_ = "the store holds no video with a publication time, so there is no reference "
                   "sample (import or generate data, then restart vv serve)";
    return;
  }
  reference_ = std::move(features);
  reference_inputs_ = std::move(inputs);
  description_ = std::move(description);
  description_["videos"] = rows;
  has_reference_ = true;
}

int DriftMonitor::PredictionColumn(std::string_view model) {
  for (size_t i = 0; i < std::size(kFields); ++i) {
    if (model == kFields[i].model) return static_cast<int>(i);
  }
  return -1;
}

namespace {
double Headline(const PredictionField& f, const nlohmann::json& prediction) {
  if (prediction.is_object()) {
    auto v = prediction.find(f.field);
    if (v != prediction.end() && v->is_number()) return v->get<double>();
  }
  return std::numeric_limits<double>::quiet_NaN();
}
}  // namespace

std::array<double, DriftMonitor::kPredictionColumns> DriftMonitor::Headlines(
    const nlohmann::json& by_model) {
  std::array<double, kPredictionColumns> predictions;
  for (size_t i = 0; i < predictions.size(); ++i) {
    const PredictionField& f = kFields[i];
    double value = std::numeric_limits<double>::quiet_NaN();
    auto model = by_model.find(f.model);
    if (model != by_model.end() && model->is_object()) {
      auto prediction = model->find("prediction");
      if (prediction != model->end()) value = Headline(f, *prediction);
    }
    predictions[i] = value;
  }
  return predictions;
}

bool DriftMonitor::TakeRow() {
  if (!has_reference_) return false;  // nothing to compare with: skip the work (and the budget)
  const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::steady_clock::now().time_since_epoch())
                          .count();
  int64_t second = budget_second_.load(std::memory_order_relaxed);
  // The thread that moves the budget to a new second resets it; a row another thread counts in
  // between may be lost from the count, so a second can take a few rows more than the budget.
  if (second != now &&
      budget_second_.compare_exchange_strong(second, now, std::memory_order_relaxed)) {
    budget_used_.store(0, std::memory_order_relaxed);
  }
  return budget_used_.fetch_add(1, std::memory_order_relaxed) < kMaxRowsPerSecond;
}

void DriftMonitor::RecordPredictions(const VideoInput& input,
                                     std::span<const double> predictions) {
  if (TakeRow()) AddRow(input, predictions);
}

void DriftMonitor::AddRow(const VideoInput& input, std::span<const double> predictions) {
  std::array<double, features::kNumBaseFeatures + features::kNumTemporalFeatures> features;
  monitor::BaseDriftFeaturesInto(input.video, input.channel ? &*input.channel : nullptr,
                                 input.snapshots, features.data());
  window_.Add(features, predictions,
              std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

std::vector<double> DriftMonitor::PredictionReference(size_t i, const LoadedModel& loaded) const {
  std::lock_guard<std::mutex> lock(prediction_reference_mu_);
  VersionValues& cached = prediction_reference_[i];
  if (cached.version != loaded.version || cached.values.empty()) {
    cached.version = loaded.version;
    cached.values.clear();
    for (const VideoInput& input : reference_inputs_) {
      auto prediction = loaded.model->Predict(input);
      cached.values.push_back(prediction.ok() ? Headline(kFields[i], *prediction)
                                              : std::numeric_limits<double>::quiet_NaN());
    }
  }
  return cached.values;
}

Result<monitor::DriftReport> DriftMonitor::Compute(const ModelSnapshot& models) const {
  if (!has_reference_) return MakeError(ErrorCode::kUnavailable, unavailable_, "/v1/drift");
  monitor::Columns predictions;
  for (size_t i = 0; i < kPredictionColumns; ++i) {
    const LoadedModel* loaded = models.Find(kFields[i].model);
    if (!loaded || reference_inputs_.empty()) continue;  // nothing to compare that column with
    predictions.names.push_back(PredictionNames()[i]);
    predictions.values.push_back(PredictionReference(i, *loaded));
  }
  return monitor::CompareWindow(reference_, predictions, window_.Snapshot(), thresholds_);
}

Result<nlohmann::json> DriftMonitor::Report(const ModelSnapshot& models) const {
  VV_ASSIGN_OR_RETURN(monitor::DriftReport report, Compute(models));
  nlohmann::json j = report.ToJson();
  j["reference"] = description_;
  j["reference"]["prediction_inputs"] = reference_inputs_.size();
  const size_t rows = j["window"]["current"].value("rows", size_t{0});
  if (rows < thresholds_.min_samples) {
    j["note"] = "the live window holds " + std::to_string(rows) +
                " predictions; drift needs at least " + std::to_string(thresholds_.min_samples) +
                " (POST /v1/predict feeds it), so every column is 'insufficient'";
  }
  return j;
}

}  // namespace vv::serve
