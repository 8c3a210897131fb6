// The live drift window takes at most DriftMonitor::kMaxRowsPerSecond rows a second, and every
// row below that budget.
#include <gtest/gtest.h>

#include <cmath>
#include <thread>

#include "core/time_util.h"
#include "monitor/base_drift.h"
#include "serve/drift.h"

namespace vv::serve {
namespace {

size_t WindowRows(const DriftMonitor& drift) {
  auto report = drift.Report(ModelSnapshot{});
  EXPECT_TRUE(report.ok());
  return (*report)["window"]["current"]["rows"].get<size_t>();
}

void Reference(DriftMonitor* drift) {
  const auto& names = monitor::BaseDriftFeatureNames();
  monitor::Columns reference{names, std::vector<std::vector<double>>(names.size(), {1.0, 2.0})};
  drift->SetReference(std::move(reference), {}, nlohmann::json::object());
}

VideoInput Input() {
  VideoInput in;
  in.video.title = "a title";
  in.video.published_at = FromUnixSeconds(1'700'000'000);
  return in;
}

TEST(DriftBudget, EveryRowBelowTheBudget) {
  DriftMonitor drift(100);
  Reference(&drift);
  const double predictions[] = {0.5, NAN, 0.25};
  for (int i = 0; i < 25; ++i) drift.RecordPredictions(Input(), predictions);
  EXPECT_EQ(WindowRows(drift), 25u);
}

TEST(DriftBudget, AtMostTheBudgetASecondFromTwoThreads) {
  DriftMonitor drift(10 * DriftMonitor::kMaxRowsPerSecond);
  Reference(&drift);
  const double predictions[] = {0.5, NAN, 0.25};
  const auto start = std::chrono::steady_clock::now();
  auto flood = [&] {
    for (uint32_t i = 0; i < 2 * DriftMonitor::kMaxRowsPerSecond; ++i) {
      drift.RecordPredictions(Input(), predictions);
    }
  };
  std::thread other(flood);
  flood();
  other.join();
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::steady_clock::now() - start)
                           .count();
  // The floods may straddle second boundaries: one budget per second touched, plus the few
  // rows a reset can let through.
  const size_t rows = WindowRows(drift);
  EXPECT_GE(rows, DriftMonitor::kMaxRowsPerSecond);
  EXPECT_LE(rows, (seconds + 2) * (DriftMonitor::kMaxRowsPerSecond + 2));
}

}  // namespace
}  // namespace vv::serve
