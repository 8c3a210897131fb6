#pragma once
// GET /v1/drift's state: the live window the predict handlers feed (base features from
// src/features, as `vv drift` and training compute them, plus the headline predictions) and the
// reference sample built once at start from the store's videos. Each prediction column is
// compared with the loaded model's own predictions on a sample of those videos, computed once
// per model version (off the request path: on the drift route's worker or the recorder).
#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "models/model.h"
#include "monitor/live_window.h"
#include "serve/model_set.h"

namespace vv::serve {

class DriftMonitor {
 public:
  static constexpr size_t kDefaultCapacity = 5000;
  explicit DriftMonitor(size_t capacity = kDefaultCapacity);

  // Reference videos whose predictions are the prediction columns' reference.
  static constexpr size_t kReferenceInputs = 500;

  // Called once before serving; a reference with no rows leaves drift unavailable with `why`.
  // inputs: up to kReferenceInputs of the reference videos, each as of its first snapshot.
  void SetReference(monitor::Columns features, std::vector<VideoInput> inputs,
                    nlohmann::json description);
  void SetThresholds(const monitor::DriftThresholds& thresholds) { thresholds_ = thresholds; }
  const monitor::DriftThresholds& thresholds() const { return thresholds_; }
  bool available() const { return has_reference_; }
  void SetUnavailable(std::string why) { unavailable_ = std::move(why); }

  // One live row from the predictions' headline numbers, one per PredictionNames() entry (NaN
  // for a model that did not answer).
  void RecordPredictions(const VideoInput& input, std::span<const double> predictions);
  // The same from the /v1/predict "predictions" object that by_model() returns
  // ({"viral": {"version", "prediction": {"probability"}}, ...}; missing models are NaN).
  // by_model is called only for a row the budget admits: a cache hit parses its answer for it.
  template <typename ByModel>
  void Record(const VideoInput& input, ByModel&& by_model) {
    if (TakeRow()) AddRow(input, Headlines(by_model()));
  }
  // The PredictionNames() column a model's headline number goes to, or -1.
  static int PredictionColumn(std::string_view model);
  static constexpr size_t kPredictionColumns = 3;

  // The live window against the reference: every feature, and the prediction column of each
  // model loaded in `models`. Unavailable when there is no reference sample.
  Result<monitor::DriftReport> Compute(const ModelSnapshot& models) const;
  // Compute's report as GET /v1/drift answers it.
  Result<nlohmann::json> Report(const ModelSnapshot& models) const;
  // Rows ever added to the window (the recorder stores a report only when this moved).
  uint64_t seen() const { return window_.Snapshot().seen; }

  // The prediction columns: "<model>.<field>".
  static const std::vector<std::string>& PredictionNames();

  // At most this many rows a second enter the window; further predictions in the same second
  // are not recorded. The window then spans at least capacity / kMaxRowsPerSecond seconds of
  // traffic at any load (at 90k predictions/s, 5000 rows held the last 55 ms), and a busy server
  // does not compute drift features (a third of a viral prediction's own CPU) for rows that
  // newer ones push out before anyone reads them.
  static constexpr uint32_t kMaxRowsPerSecond = 1000;

 private:
  // True when a row may enter the window now: a reference exists and this second's budget lasts.
  bool TakeRow();
  void AddRow(const VideoInput& input, std::span<const double> predictions);
  static std::array<double, kPredictionColumns> Headlines(const nlohmann::json& by_model);
  // The column-i model's headline numbers on the reference inputs, for the loaded version.
  std::vector<double> PredictionReference(size_t i, const LoadedModel& loaded) const;

  monitor::LiveWindow window_;
  monitor::Columns reference_;
  std::vector<VideoInput> reference_inputs_;
  nlohmann::json description_ = nlohmann::json::object();
  bool has_reference_ = false;
  monitor::DriftThresholds thresholds_;
  struct VersionValues {
    std::string version;
    std::vector<double> values;
  };
  mutable std::mutex prediction_reference_mu_;
  mutable std::array<VersionValues, kPredictionColumns> prediction_reference_;
  std::atomic<int64_t> budget_second_{-1};  // steady-clock second the budget counts
  std::atomic<uint32_t> budget_used_{0};
  std::string unavailable_ = "no store is open, so there is no reference sample";
};

}  // namespace vv::serve
