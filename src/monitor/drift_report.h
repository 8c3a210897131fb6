#pragma once
// Per-column drift between a reference sample and a current window, with an ok / warn / drift
// status, and the JSON report GET /v1/drift and `vv drift --json` print:
//   {"format_version": 1, "status": worst,
//    "features": [{"name","psi","ks","ks_p_value","n_reference","n_current","status"}...],
//    "predictions": [...same shape...], "window": {...}, "thresholds": {...}}
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/types.h"

namespace vv::monitor {

inline constexpr int kReportFormatVersion = 1;

struct DriftThresholds {
  int bins = 10;            // reference-quantile bins for PSI
  double psi_warn = 0.10;   // the industry rule of thumb: < 0.1 stable, 0.1-0.25 moderate shift
  double psi_drift = 0.25;  // >= 0.25 major shift
  double ks_warn = 0.10;    // KS D at which the shape differs noticeably
  double ks_drift = 0.20;
  double alpha = 0.05;      // a PSI or KS verdict counts only when significant at this level:
                            // small windows are noisy (see PsiResult)
  size_t min_samples = 20;  // fewer finite values on either side: "insufficient", no verdict
  Status Validate() const;
  nlohmann::json ToJson() const;
};

enum class DriftStatus { kOk, kWarn, kDrift, kInsufficient };
std::string_view DriftStatusName(DriftStatus status);

struct ColumnDrift {
  std::string name;
  double psi = 0;
  double psi_p_value = 1;
  double ks = 0;
  double ks_p_value = 1;
  size_t n_reference = 0;  // finite values only
  size_t n_current = 0;
  DriftStatus status = DriftStatus::kInsufficient;
  nlohmann::json ToJson() const;
};

// Named columns of equal length; NaN marks an unknown value.
struct Columns {
  std::vector<std::string> names;
  std::vector<std::vector<double>> values;  // values[c][row]
  const std::vector<double>* Find(std::string_view name) const;

  // The reference sample as a trainer stores it beside a model version and the server reads it:
  // {"format_version": 1, "columns": {"name": [v, null, ...], ...}}; null is NaN.
  nlohmann::json ToJson() const;
  static Result<Columns> FromJson(const nlohmann::json& j);
};

// The status from the two statistics: the worse of PSI's and KS's, each only when its p < alpha.
DriftStatus Classify(double psi, double psi_p_value, double ks, double ks_p_value,
                     const DriftThresholds& t);

ColumnDrift CompareColumn(std::string name, const std::vector<double>& reference,
                          const std::vector<double>& current, const DriftThresholds& t);

// Every column of `current` that also exists in `reference`, in current's order.
std::vector<ColumnDrift> CompareColumns(const Columns& reference, const Columns& current,
                                        const DriftThresholds& t);

struct DriftReport {
  std::vector<ColumnDrift> features;
  std::vector<ColumnDrift> predictions;
  nlohmann::json window = nlohmann::json::object();  // where the samples came from
  DriftThresholds thresholds;
  // The worst status of the columns that could be compared; kInsufficient when none could.
  DriftStatus Worst() const;
  nlohmann::json ToJson() const;
};

}  // namespace vv::monitor
