#include "eval/report.h"

#include <gtest/gtest.h>

namespace vv::eval {
namespace {

using nlohmann::json;

const json kManifest = {
    {"version", "v3"},
    {"report",
     {{"n", 120},
      {"metrics", {{"mrse", 0.5}, {"r2_log", nullptr}, {"by_horizon", {{"le_1d", {{"mrse", 0.25}}}}},
                   {"confusion", {{"labels", {0, 1}}}}}},
      {"baselines", {{"szabo_huberman", {{"mrse", 0.75}}}}}}}};

TEST(Report, EntryFromManifest) {
  const json entry = EntryFromManifest(kManifest);
  EXPECT_EQ(entry["version"], "v3");
  EXPECT_EQ(entry["n"], 120);
  EXPECT_EQ(entry["metrics"]["mrse"], 0.5);
  EXPECT_EQ(entry["baselines"]["szabo_huberman"]["mrse"], 0.75);
}

TEST(Report, FlattenKeepsNumbersAndNulls) {
  const auto flat = FlattenMetrics(kManifest["report"]["metrics"]);
  std::vector<std::string> keys;
  for (const auto& [k, v] : flat) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"by_horizon.le_1d.mrse", "mrse", "r2_log"}));
}

TEST(Report, TablePutsBaselineBesideModel) {
  const std::string table = FormatTable("velocity", EntryFromManifest(kManifest));
  EXPECT_NE(table.find("velocity v3"), std::string::npos) << table;
  EXPECT_NE(table.find("szabo_huberman"), std::string::npos);
  // The mrse row holds 0.5 then 0.75; a metric the baseline lacks shows "-"; null shows n/a.
  EXPECT_NE(table.find("mrse                   0.5          0.75"), std::string::npos) << table;
  EXPECT_NE(table.find("n/a"), std::string::npos);
  const std::string md = FormatMarkdownTable("velocity", EntryFromManifest(kManifest));
  EXPECT_NE(md.find("| mrse | 0.5 | 0.75 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| r2_log | n/a | - |"), std::string::npos) << md;
}

}  // namespace
}  // namespace vv::eval
