#include "monitor/live_window.h"

#include <algorithm>
#include <cmath>

#include "core/time_util.h"

namespace vv::monitor {

LiveWindow::LiveWindow(std::vector<std::string> feature_names,
                       std::vector<std::string> prediction_names, size_t capacity)
    : feature_names_(std::move(feature_names)),
      prediction_names_(std::move(prediction_names)),
      capacity_(std::max<size_t>(capacity, 1)),
      features_(capacity_ * feature_names_.size(), std::nan("")),
      predictions_(capacity_ * prediction_names_.size(), std::nan("")),
      times_(capacity_) {}

void LiveWindow::Add(std::span<const double> features, std::span<const double> predictions,
                     Timestamp at) {
  const size_t nf = feature_names_.size();
  const size_t np = prediction_names_.size();
  std::lock_guard lock(mu_);
  const size_t row = seen_ % capacity_;
  for (size_t j = 0; j < nf; ++j) features_[row * nf + j] = j < features.size() ? features[j] : NAN;
  for (size_t j = 0; j < np; ++j) {
    predictions_[row * np + j] = j < predictions.size() ? predictions[j] : NAN;
  }
  times_[row] = at;
  ++seen_;
}

LiveWindow::Contents LiveWindow::Snapshot() const {
  Contents out;
  out.capacity = capacity_;
  out.features.names = feature_names_;
  out.predictions.names = prediction_names_;
  const size_t nf = feature_names_.size();
  const size_t np = prediction_names_.size();
  std::lock_guard lock(mu_);
  out.seen = seen_;
  const size_t rows = static_cast<size_t>(std::min<uint64_t>(seen_, capacity_));
  const size_t start = seen_ > capacity_ ? seen_ % capacity_ : 0;  // the oldest row
  out.features.values.assign(nf, std::vector<double>(rows));
  out.predictions.values.assign(np, std::vector<double>(rows));
  for (size_t i = 0; i < rows; ++i) {
    const size_t r = (start + i) % capacity_;
    for (size_t j = 0; j < nf; ++j) out.features.values[j][i] = features_[r * nf + j];
    for (size_t j = 0; j < np; ++j) out.predictions.values[j][i] = predictions_[r * np + j];
    if (i == 0) out.first = times_[r];
    out.last = times_[r];
  }
  return out;
}

size_t LiveWindow::Contents::rows() const {
  if (!features.values.empty()) return features.values[0].size();
  return predictions.values.empty() ? 0 : predictions.values[0].size();
}

nlohmann::json LiveWindow::Contents::WindowJson() const {
  auto time = [](const std::optional<Timestamp>& t) {
    return t ? nlohmann::json(FormatIso8601(*t)) : nlohmann::json(nullptr);
  };
  return {{"rows", rows()}, {"capacity", capacity}, {"seen", seen}, {"from", time(first)},
          {"to", time(last)}};
}

DriftReport CompareWindow(const Columns& reference_features, const Columns& reference_predictions,
                          const LiveWindow::Contents& current, const DriftThresholds& thresholds) {
  DriftReport report;
  report.thresholds = thresholds;
  report.features = CompareColumns(reference_features, current.features, thresholds);
  report.predictions = CompareColumns(reference_predictions, current.predictions, thresholds);
  report.window = {{"current", current.WindowJson()}};
  return report;
}

}  // namespace vv::monitor
