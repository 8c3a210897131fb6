#pragma once
// Shared setup for the collector tests: a fake API server, a temporary SQLite store (or
// PostgreSQL when VV_TEST_PG_URL is set and the test asks for it), and store checks.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "collect/collectors.h"
#include "integration/collect/fake_youtube.h"
#include "store/store.h"

namespace vv::testing {

class CollectTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
  // The store URL for this test: a temporary SQLite file, or (PgCollectTest) a fresh schema.
  virtual std::string MakeDbUrl();

  CollectConfig Config() const;
  // A collector whose clock is clock_ and whose retries do not sleep.
  Collector MakeCollector(const CollectConfig& config);
  // n videos "<prefix>0".. of channel_id, added to the fake server; returns their ids.
  std::vector<std::string> AddVideos(const std::string& prefix, int n, const std::string& channel_id = "UCchannel0000000000000001");
  void Advance(std::chrono::seconds s) { clock_ += s; }

  // Every video is whole (title and channel id set), every snapshot belongs to a stored video,
  // and the counts match.
  void ExpectWholeStore(size_t videos, size_t snapshots);
  CollectionRun LastRun();

  std::string dir_;
  std::string pg_schema_;  // set by PostgreSQL tests, dropped in TearDown
  std::string db_url_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<FakeYouTubeServer> server_;
  std::unique_ptr<HttpFetcher> fetcher_;
  Timestamp clock_;
};

// The same fixture on PostgreSQL (VV_TEST_PG_URL); skips when unset unless VV_REQUIRE_PG=1.
class PgCollectTest : public CollectTest {
 protected:
  std::string MakeDbUrl() override;
};

}  // namespace vv::testing
