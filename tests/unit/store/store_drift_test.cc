// Contract cases for the drift history (migration 0005_drift_history), on both backends.
#include "unit/store/store_fixture.h"

namespace vv::testing {
namespace {

class StoreDriftTest : public StoreContractTest {};

DriftRecord Report(const char* at, const std::string& source, const std::string& status,
                   double psi) {
  DriftRecord r{.computed_at = T(at), .source = source, .instance = "host:42", .status = status,
                .window_json = R"({"current":{"rows":25}})"};
  r.columns.push_back({.kind = "feature", .name = "title_length", .psi = psi,
                       .psi_p_value = 0.01, .ks = 0.3, .ks_p_value = 0.02, .n_reference = 60,
                       .n_current = 25, .status = status});
  r.columns.push_back({.kind = "feature", .name = "likes_hidden", .n_reference = 60,
                       .n_current = 0, .status = "insufficient"});  // statistics undefined
  r.columns.push_back({.kind = "prediction", .name = "viral.probability", .model = "viral",
                       .version = "v3", .psi = 0.05, .psi_p_value = 0.4, .ks = 0.1,
                       .ks_p_value = 0.5, .n_reference = 500, .n_current = 25, .status = "ok"});
  return r;
}

TEST_P(StoreDriftTest, ReportsComeBackNewestFirstWithTheirColumns) {
  auto first = store_->AppendDriftReport(Report("2024-03-01T10:00:00Z", "serve", "ok", 0.02));
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  auto second = store_->AppendDriftReport(Report("2024-03-02T10:00:00Z", "cli", "drift", 0.4));
  ASSERT_TRUE(second.ok()) << second.error().ToString();
  EXPECT_NE(*first, *second);

  auto all = store_->LoadDriftHistory({});
  ASSERT_TRUE(all.ok()) << all.error().ToString();
  ASSERT_EQ(all->size(), 2u);
  const DriftRecord& newest = (*all)[0];
  EXPECT_EQ(newest.id, *second);
  EXPECT_EQ(newest.computed_at, T("2024-03-02T10:00:00Z"));
  EXPECT_EQ(newest.source, "cli");
  EXPECT_EQ(newest.instance, "host:42");
  EXPECT_EQ(newest.status, "drift");
  EXPECT_EQ(newest.window_json, R"({"current":{"rows":25}})");
  ASSERT_EQ(newest.columns.size(), 3u);
  // Ordered by kind, then name.
  EXPECT_EQ(newest.columns[0].name, "likes_hidden");
  EXPECT_FALSE(newest.columns[0].psi.has_value());
  EXPECT_EQ(newest.columns[1].name, "title_length");
  EXPECT_DOUBLE_EQ(*newest.columns[1].psi, 0.4);
  EXPECT_EQ(newest.columns[1].n_current, 25);
  EXPECT_EQ(newest.columns[2].kind, "prediction");
  EXPECT_EQ(newest.columns[2].model, "viral");
  EXPECT_EQ(newest.columns[2].version, "v3");
  EXPECT_EQ((*all)[1].id, *first);
}

TEST_P(StoreDriftTest, FiltersByColumnSourceTimeAndLimit) {
  ASSERT_TRUE(store_->AppendDriftReport(Report("2024-03-01T10:00:00Z", "serve", "ok", 0.02)).ok());
  ASSERT_TRUE(store_->AppendDriftReport(Report("2024-03-02T10:00:00Z", "serve", "warn", 0.15)).ok());
  ASSERT_TRUE(store_->AppendDriftReport(Report("2024-03-03T10:00:00Z", "cli", "drift", 0.4)).ok());

  auto series = store_->LoadDriftHistory({.column = "title_length"});
  ASSERT_TRUE(series.ok()) << series.error().ToString();
  ASSERT_EQ(series->size(), 3u);
  for (const auto& r : *series) ASSERT_EQ(r.columns.size(), 1u);
  EXPECT_DOUBLE_EQ(*(*series)[0].columns[0].psi, 0.4);
  EXPECT_DOUBLE_EQ(*(*series)[2].columns[0].psi, 0.02);

  EXPECT_EQ(store_->LoadDriftHistory({.source = "serve"})->size(), 2u);
  EXPECT_EQ(store_->LoadDriftHistory({.since = T("2024-03-02T00:00:00Z")})->size(), 2u);
  auto newest = store_->LoadDriftHistory({.limit = 1});
  ASSERT_EQ(newest->size(), 1u);
  EXPECT_EQ((*newest)[0].status, "drift");
  // A column nobody recorded: the reports, without columns.
  auto none = store_->LoadDriftHistory({.column = "no_such_column"});
  ASSERT_EQ(none->size(), 3u);
  EXPECT_TRUE((*none)[0].columns.empty());
}

TEST_P(StoreDriftTest, KeptAcrossReopenAndAtomicInATransaction) {
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->AppendDriftReport(Report("2024-03-01T10:00:00Z", "serve", "ok", 0.02)).ok());
  ASSERT_TRUE(store_->Rollback().ok());
  EXPECT_TRUE(store_->LoadDriftHistory({})->empty());
  ASSERT_TRUE(store_->AppendDriftReport(Report("2024-03-01T10:00:00Z", "serve", "ok", 0.02)).ok());
  Reopen();
  auto kept = store_->LoadDriftHistory({});
  ASSERT_TRUE(kept.ok()) << kept.error().ToString();
  ASSERT_EQ(kept->size(), 1u);
  EXPECT_EQ((*kept)[0].columns.size(), 3u);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreDriftTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace vv::testing
