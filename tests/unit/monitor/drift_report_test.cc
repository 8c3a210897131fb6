#include "monitor/drift_report.h"

#include <cmath>
#include <thread>

#include <gtest/gtest.h>

#include "monitor/live_window.h"

namespace vv::monitor {
namespace {

std::vector<double> Range(double from, int n, double step = 1) {
  std::vector<double> v;
  for (int i = 0; i < n; ++i) v.push_back(from + i * step);
  return v;
}

TEST(Classify, ThresholdsAndKsSignificance) {
  DriftThresholds t;
  EXPECT_EQ(Classify(0.05, 0.01, 0.05, 0.5, t), DriftStatus::kOk);
  EXPECT_EQ(Classify(0.10, 0.01, 0.05, 0.5, t), DriftStatus::kWarn);
  EXPECT_EQ(Classify(0.25, 0.01, 0.05, 0.5, t), DriftStatus::kDrift);
  EXPECT_EQ(Classify(0.01, 0.01, 0.15, 0.01, t), DriftStatus::kWarn);
  EXPECT_EQ(Classify(0.01, 0.01, 0.30, 0.01, t), DriftStatus::kDrift);
  // A large PSI or D that is not significant (tiny samples) gives no verdict by itself.
  EXPECT_EQ(Classify(0.01, 0.01, 0.30, 0.20, t), DriftStatus::kOk);
  EXPECT_EQ(Classify(0.40, 0.30, 0.01, 0.50, t), DriftStatus::kOk);
}

TEST(CompareColumn, StatusFromStatistics) {
  DriftThresholds t;
  auto same = CompareColumn("same", Range(0, 200), Range(0, 200), t);
  EXPECT_EQ(same.status, DriftStatus::kOk);
  EXPECT_DOUBLE_EQ(same.psi, 0);
  EXPECT_DOUBLE_EQ(same.ks, 0);
  auto moved = CompareColumn("moved", Range(0, 200), Range(100, 200), t);  // half overlaps
  EXPECT_EQ(moved.status, DriftStatus::kDrift);
  EXPECT_NEAR(moved.ks, 0.5, 1e-12);
  auto few = CompareColumn("few", Range(0, 200), Range(500, 5), t);
  EXPECT_EQ(few.status, DriftStatus::kInsufficient);
  EXPECT_EQ(few.n_current, 5u);
  auto none = CompareColumn("none", Range(0, 200), {NAN, NAN}, t);
  EXPECT_EQ(none.status, DriftStatus::kInsufficient);
  EXPECT_TRUE(std::isnan(none.psi));
}

TEST(DriftReport, JsonShapeAndWorstStatus) {
  Columns ref{{"a", "b"}, {Range(0, 100), Range(0, 100)}};
  Columns cur{{"b", "missing", "a"}, {Range(60, 100), Range(0, 100), Range(0, 100)}};
  DriftReport report;
  report.features = CompareColumns(ref, cur, report.thresholds);
  ASSERT_EQ(report.features.size(), 2u);  // "missing" has no reference column
  EXPECT_EQ(report.features[0].name, "b");
  EXPECT_EQ(report.Worst(), DriftStatus::kDrift);
  auto j = report.ToJson();
  EXPECT_EQ(j["format_version"], kReportFormatVersion);
  EXPECT_EQ(j["status"], "drift");
  EXPECT_EQ(j["features"][0]["status"], "drift");
  EXPECT_EQ(j["features"][1]["status"], "ok");
  EXPECT_EQ(j["features"][1]["psi"], 0.0);
  EXPECT_TRUE(j["predictions"].is_array());
  EXPECT_EQ(j["thresholds"]["psi_drift"], 0.25);
  // NaN is not JSON: undefined statistics are null.
  report.features.push_back(CompareColumn("nan", Range(0, 10), {NAN}, report.thresholds));
  EXPECT_TRUE(report.ToJson()["features"][2]["psi"].is_null());
}

TEST(DriftReport, NothingComparedIsInsufficientNotOk) {
  DriftReport report;
  EXPECT_EQ(report.Worst(), DriftStatus::kInsufficient);
  report.features.push_back(CompareColumn("few", Range(0, 200), Range(0, 3), report.thresholds));
  EXPECT_EQ(report.Worst(), DriftStatus::kInsufficient);
  EXPECT_EQ(report.ToJson()["status"], "insufficient");
  report.features.push_back(CompareColumn("same", Range(0, 200), Range(0, 200), report.thresholds));
  EXPECT_EQ(report.Worst(), DriftStatus::kOk);  // the insufficient column does not count
}

TEST(Columns, JsonRoundTripAndErrors) {
  Columns c{{"a", "b"}, {{1, NAN, 3}, {0.5, 0.25, 0}}};
  auto j = c.ToJson();
  EXPECT_TRUE(j["columns"]["a"][1].is_null());
  auto back = Columns::FromJson(j);
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  ASSERT_NE(back->Find("b"), nullptr);
  EXPECT_EQ(*back->Find("b"), (std::vector<double>{0.5, 0.25, 0}));
  EXPECT_TRUE(std::isnan((*back->Find("a"))[1]));
  auto bad = nlohmann::json::parse(R"({"format_version": 1, "columns": {"a": [1, "x"]}})");
  EXPECT_EQ(Columns::FromJson(bad).error().path, "$.columns.a[1]");
  auto newer = nlohmann::json::parse(R"({"format_version": 99, "columns": {}})");
  EXPECT_EQ(Columns::FromJson(newer).error().path, "$.format_version");
}

TEST(DriftThresholds, Validate) {
  DriftThresholds t;
  EXPECT_TRUE(t.Validate().ok());
  t.psi_warn = 0.5;  // above psi_drift
  EXPECT_EQ(t.Validate().error().path, "psi_warn");
}

Timestamp At(int seconds) { return Timestamp(std::chrono::seconds(1'700'000'000 + seconds)); }

TEST(LiveWindow, KeepsTheMostRecentRowsInOrder) {
  LiveWindow w({"x", "y"}, {"p"}, 3);
  for (int i = 0; i < 5; ++i) {
    std::vector<double> f = {double(i), double(10 * i)};
    std::vector<double> p = {i / 10.0};
    w.Add(f, p, At(i));
  }
  auto c = w.Snapshot();
  EXPECT_EQ(c.seen, 5u);
  ASSERT_EQ(c.rows(), 3u);
  EXPECT_EQ(c.features.values[0], (std::vector<double>{2, 3, 4}));
  EXPECT_EQ(c.features.values[1], (std::vector<double>{20, 30, 40}));
  EXPECT_EQ(c.predictions.values[0], (std::vector<double>{0.2, 0.3, 0.4}));
  EXPECT_EQ(*c.first, At(2));
  EXPECT_EQ(*c.last, At(4));
  auto j = c.WindowJson();
  EXPECT_EQ(j["rows"], 3);
  EXPECT_EQ(j["seen"], 5);
}

TEST(LiveWindow, MissingValuesAreNan) {
  LiveWindow w({"x", "y"}, {"p", "q"}, 4);
  std::vector<double> f = {1};
  w.Add(f, {}, At(0));
  auto c = w.Snapshot();
  EXPECT_EQ(c.features.values[0][0], 1);
  EXPECT_TRUE(std::isnan(c.features.values[1][0]));
  EXPECT_TRUE(std::isnan(c.predictions.values[1][0]));
  EXPECT_FALSE(LiveWindow({"x"}, {}, 4).Snapshot().first.has_value());
}

TEST(LiveWindow, ConcurrentWritersNeverTearARow) {
  LiveWindow w({"a", "b", "c"}, {"p"}, 64);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&w, t] {
      for (int i = 0; i < 2000; ++i) {
        double v = t * 100000 + i;
        std::vector<double> f = {v, v, v};
        std::vector<double> p = {v};
        w.Add(f, p, At(i));
        if (i % 500 == 0) w.Snapshot();
      }
    });
  }
  for (auto& th : threads) th.join();
  auto c = w.Snapshot();
  EXPECT_EQ(c.seen, 8000u);
  ASSERT_EQ(c.rows(), 64u);
  for (size_t r = 0; r < 64; ++r) {
    EXPECT_EQ(c.features.values[0][r], c.features.values[1][r]);
    EXPECT_EQ(c.features.values[2][r], c.predictions.values[0][r]);
  }
}

TEST(CompareWindow, LiveRowsAgainstReference) {
  LiveWindow w({"x"}, {"p"}, 100);
  for (int i = 0; i < 100; ++i) {
    std::vector<double> f = {double(i + 50)};
    std::vector<double> p = {double(i)};
    w.Add(f, p, At(i));
  }
  Columns ref_f{{"x"}, {Range(0, 100)}};
  Columns ref_p{{"p"}, {Range(0, 100)}};
  auto report = CompareWindow(ref_f, ref_p, w.Snapshot(), DriftThresholds{});
  ASSERT_EQ(report.features.size(), 1u);
  EXPECT_EQ(report.features[0].status, DriftStatus::kDrift);
  EXPECT_EQ(report.predictions[0].status, DriftStatus::kOk);
  EXPECT_EQ(report.ToJson()["window"]["current"]["rows"], 100);
}

}  // namespace
}  // namespace vv::monitor
