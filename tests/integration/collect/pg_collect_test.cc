// Collection on PostgreSQL: page transactions with the run record, quota resume, and several
// collectors sharing channels through FOR UPDATE SKIP LOCKED claims.
#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <thread>

#include "integration/collect/collect_fixture.h"

namespace vv::testing {
namespace {

TEST_F(PgCollectTest, TrendingWithQuotaStopAndResume) {
  server_->SetTrending("US", 0, AddVideos("us", 120));
  server_->SetFault([](const FakeRequest&, int n) -> std::optional<FakeReply> {
    if (n == 2) return QuotaExceededReply();
    return std::nullopt;
  });
  CollectConfig config = Config();
  config.regions = {"US"};
  auto run = MakeCollector(config).CollectTrending();
  ASSERT_TRUE(run.ok()) << run.error().ToString();
  EXPECT_EQ(run->status, "quota_exceeded");
  ExpectWholeStore(50, 50);
  EXPECT_EQ(LastRun().rows, 100);
  server_->SetFault(nullptr);
  Advance(std::chrono::hours(24));
  auto next = MakeCollector(config).CollectTrending();
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->status, "ok") << next->message;
  ExpectWholeStore(120, 170);
}

TEST_F(PgCollectTest, ConcurrentClaimsNeverOverlap) {
  std::vector<std::string> ids;
  for (int i = 0; i < 200; ++i) {
    std::string n = std::to_string(i);
    ids.push_back("UC" + std::string(22 - n.size(), 'p') + n);
  }
  Timestamp now = clock_;
  ASSERT_TRUE(store_->UpsertTrackedChannels(ids, now).ok());
  std::mutex mu;
  std::multiset<std::string> claimed;
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w) {
    workers.emplace_back([&, w] {
      auto store = OpenStore(db_url_);
      ASSERT_TRUE(store.ok()) << store.error().ToString();
      while (true) {
        auto got = (*store)->ClaimChannelJobs("w" + std::to_string(w), now, now + std::chrono::minutes(10), 7);
        ASSERT_TRUE(got.ok()) << got.error().ToString();
        if (got->empty()) break;
        std::lock_guard lock(mu);
        claimed.insert(got->begin(), got->end());
      }
    });
  }
  for (auto& t : workers) t.join();
  EXPECT_EQ(claimed.size(), ids.size());
  EXPECT_EQ(std::set<std::string>(claimed.begin(), claimed.end()).size(), ids.size());  // no repeats
}

TEST_F(PgCollectTest, ChannelCollectionOnPostgres) {
  std::vector<std::string> uploads = AddVideos("c", 70, "UCpgpgpgpgpgpgpgpgpgpg01");
  server_->AddChannel(MakeChannelItem("UCpgpgpgpgpgpgpgpgpgpg01", "PG", 7), uploads);
  CollectConfig config = Config();
  config.depth = 70;
  auto collector = MakeCollector(config);
  ASSERT_TRUE(collector.TrackChannels({"UCpgpgpgpgpgpgpgpgpgpg01"}).ok());
  auto run = collector.CollectChannels();
  ASSERT_TRUE(run.ok()) << run.error().ToString();
  EXPECT_EQ(run->status, "ok") << run->message;
  EXPECT_EQ(run->units, 1 + 2 + 2);
  ExpectWholeStore(70, 70);
}

}  // namespace
}  // namespace vv::testing
