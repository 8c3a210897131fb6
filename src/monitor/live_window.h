#pragma once
// A bounded, thread-safe window of the most recent live rows (model inputs and predictions),
// fed by the server on each prediction and read by GET /v1/drift. A ring buffer: memory stays
// at capacity * (features + predictions) doubles however long the server runs; Add is one short
// lock and a copy, cheap beside a prediction.
#include <cstdint>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/types.h"
#include "monitor/drift_report.h"

namespace vv::monitor {

class LiveWindow {
 public:
  // capacity >= 1 rows. The names fix the column order of every Add.
  LiveWindow(std::vector<std::string> feature_names, std::vector<std::string> prediction_names,
             size_t capacity);

  // Values beyond the declared names are ignored and missing ones are NaN (unknown), so a
  // caller that lacks some prediction (a model failed) still records the rest.
  void Add(std::span<const double> features, std::span<const double> predictions, Timestamp at);

  struct Contents {
    Columns features;
    Columns predictions;
    uint64_t seen = 0;  // rows ever added; seen - rows were pushed out by newer ones
    size_t capacity = 0;
    std::optional<Timestamp> first;  // oldest row still in the window
    std::optional<Timestamp> last;
    size_t rows() const;
    nlohmann::json WindowJson() const;  // {"rows","capacity","seen","from","to"}
  };
  // A copy, oldest row first, so drift is computed without holding the lock.
  Contents Snapshot() const;

  size_t capacity() const { return capacity_; }

 private:
  const std::vector<std::string> feature_names_;
  const std::vector<std::string> prediction_names_;
  const size_t capacity_;
  mutable std::mutex mu_;
  std::vector<double> features_;     // capacity_ * feature_names_.size(), row-major
  std::vector<double> predictions_;  // capacity_ * prediction_names_.size()
  std::vector<Timestamp> times_;
  uint64_t seen_ = 0;                // next write goes to row seen_ % capacity_
};

// The window against training-time reference columns (matched by name); "window" in the report
// says which rows were compared.
DriftReport CompareWindow(const Columns& reference_features, const Columns& reference_predictions,
                          const LiveWindow::Contents& current, const DriftThresholds& thresholds);

}  // namespace vv::monitor
