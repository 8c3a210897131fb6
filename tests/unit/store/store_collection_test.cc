// Contract cases for the collection bookkeeping (migration 0002_collection), the store
// markers (0003_store_markers) and tracked videos (0004_tracked_videos), on both backends.
#include "unit/store/store_fixture.h"

namespace vv::testing {
namespace {

class StoreCollectionTest : public StoreContractTest {};

TEST_P(StoreCollectionTest, RunsRecordProgressAndOutcome) {
  CollectionRun run{.kind = "trending", .started_at = T("2024-03-02T10:00:00Z"), .worker = "h:1"};
  auto id = store_->StartRun(run);
  ASSERT_TRUE(id.ok()) << id.error().ToString();
  run.id = *id;
  run.calls = 3;
  run.units = 3;
  run.rows = 20;
  run.errors = 1;
  run.status = "partial";
  run.message = "1 item skipped";
  run.ended_at = T("2024-03-02T10:01:00Z");
  ASSERT_TRUE(store_->UpdateRun(run).ok());
  CollectionRun second{.kind = "channels", .started_at = T("2024-03-02T11:00:00Z")};
  auto id2 = store_->StartRun(second);
  ASSERT_TRUE(id2.ok());
  EXPECT_GT(*id2, *id);
  auto runs = store_->LoadRuns(10);
  ASSERT_TRUE(runs.ok());
  ASSERT_EQ(runs->size(), 2u);
  EXPECT_EQ((*runs)[0].kind, "channels");
  EXPECT_EQ((*runs)[0].status, "running");
  EXPECT_FALSE((*runs)[0].ended_at.has_value());
  const CollectionRun& first = (*runs)[1];
  EXPECT_EQ(first.units, 3);
  EXPECT_EQ(first.rows, 20);
  EXPECT_EQ(first.errors, 1);
  EXPECT_EQ(first.status, "partial");
  EXPECT_EQ(first.message, "1 item skipped");
  EXPECT_EQ(first.worker, "h:1");
  EXPECT_EQ(first.ended_at, T("2024-03-02T10:01:00Z"));
  EXPECT_EQ(*store_->UnitsUsedSince(T("2024-03-02T00:00:00Z")), 3);
  EXPECT_EQ(*store_->UnitsUsedSince(T("2024-03-02T10:30:00Z")), 0);
  CollectionRun missing{.id = 999999};
  EXPECT_FALSE(store_->UpdateRun(missing).ok());
}

TEST_P(StoreCollectionTest, ChannelJobsAreClaimedOnce) {
  std::vector<std::string> ids = {"UCb", "UCa", "UCc"};
  Timestamp now = T("2024-03-02T10:00:00Z");
  ASSERT_TRUE(store_->UpsertTrackedChannels(ids, now).ok());
  ASSERT_TRUE(store_->UpsertTrackedChannels(ids, T("2030-01-01T00:00:00Z")).ok());  // no change
  auto lease = now + std::chrono::minutes(10);
  auto first = store_->ClaimChannelJobs("w1", now, lease, 2);
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  EXPECT_EQ(first->size(), 2u);
  auto second = store_->ClaimChannelJobs("w2", now, lease, 10);
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->size(), 1u);
  for (const auto& id : *first) EXPECT_NE(id, (*second)[0]);
  EXPECT_TRUE(store_->ClaimChannelJobs("w3", now, lease, 10)->empty());

  // Collected: due again in an hour. Released without next_due: due now for the next claim.
  ASSERT_TRUE(store_->FinishChannelJob((*first)[0], now + std::chrono::hours(1)).ok());
  ASSERT_TRUE(store_->FinishChannelJob((*first)[1], std::nullopt).ok());
  auto third = store_->ClaimChannelJobs("w3", now, lease, 10);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(*third, std::vector<std::string>{(*first)[1]});
  // An expired lease (the worker died) makes the job claimable again.
  auto later = store_->ClaimChannelJobs("w4", lease + std::chrono::seconds(1),
                                        lease + std::chrono::minutes(20), 10);
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->size(), 2u);  // second's and third's leases ran out; first[0] not due yet
}

TEST_P(StoreCollectionTest, LatestSnapshotTimes) {
  Video a = FullVideo("a");
  Video b = FullVideo("b");
  ASSERT_TRUE(store_->UpsertVideos(std::vector<Video>{a, b}).ok());
  std::vector<Snapshot> snaps = {{.video_id = "a", .captured_at = T("2024-03-01T00:00:00Z"), .views = 1},
                                 {.video_id = "a", .captured_at = T("2024-03-03T00:00:00Z"), .views = 3},
                                 {.video_id = "a", .captured_at = T("2024-03-02T00:00:00Z"), .views = 2}};
  ASSERT_TRUE(store_->UpsertSnapshots(snaps).ok());
  std::vector<std::string> ids = {"a", "b", "nope"};
  auto latest = store_->LatestSnapshotTimes(ids);
  ASSERT_TRUE(latest.ok()) << latest.error().ToString();
  ASSERT_EQ(latest->size(), 1u);
  EXPECT_EQ((*latest)[0].first, "a");
  EXPECT_EQ((*latest)[0].second, T("2024-03-03T00:00:00Z"));
}

// Migration 0003_store_markers: the partial-data-set marker of `vv generate`.
TEST_P(StoreCollectionTest, MarkersFollowTheirTransaction) {
  EXPECT_EQ(*PartialStoreWarning(*store_), "");
  // Rolled back with the transaction that set it.
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->SetMarker({kGenerationMarker, "vv generate --videos 9", T("2024-03-02T10:00:00Z")}).ok());
  ASSERT_TRUE(store_->Rollback().ok());
  EXPECT_TRUE(store_->LoadMarkers()->empty());
  // Committed: it survives a reopen, and setting it again overwrites.
  ASSERT_TRUE(InTransaction(*store_, [&]() -> Status {
    return store_->SetMarker({kGenerationMarker, "first", T("2024-03-02T10:00:00Z")});
  }).ok());
  ASSERT_TRUE(store_->SetMarker({kGenerationMarker, "vv generate --videos 9", T("2024-03-02T11:00:00Z")}).ok());
  Reopen();
  auto markers = store_->LoadMarkers();
  ASSERT_TRUE(markers.ok()) << markers.error().ToString();
  ASSERT_EQ(markers->size(), 1u);
  EXPECT_EQ((*markers)[0].value, "vv generate --videos 9");
  EXPECT_EQ((*markers)[0].set_at, T("2024-03-02T11:00:00Z"));
  auto warning = PartialStoreWarning(*store_);
  ASSERT_TRUE(warning.ok());
  EXPECT_NE(warning->find("PARTIAL data set: `vv generate --videos 9`, started 2024-03-02T11:00:00Z"),
            std::string::npos) << *warning;
  ASSERT_TRUE(store_->ClearMarker(kGenerationMarker).ok());
  ASSERT_TRUE(store_->ClearMarker(kGenerationMarker).ok());  // clearing twice is fine
  EXPECT_TRUE(store_->LoadMarkers()->empty());
}

// Migration 0004_tracked_videos: the snapshot schedule of analyzed videos.
TEST_P(StoreCollectionTest, TrackedVideosAreClaimedOnceAndEnd) {
  ASSERT_TRUE(store_->UpsertVideos(std::vector<Video>{FullVideo("a"), FullVideo("b"), FullVideo("c")}).ok());
  Timestamp now = T("2024-03-02T10:00:00Z");
  EXPECT_FALSE(store_->GetTrackedVideo("a")->has_value());
  // The video must exist.
  EXPECT_FALSE(store_->TrackVideo({.video_id = "nope", .tracked_since = now, .next_due = now}).ok());
  ASSERT_TRUE(store_->TrackVideo({.video_id = "a", .tracked_since = now, .next_due = now, .reason = "analyze"}).ok());
  ASSERT_TRUE(store_->TrackVideo({.video_id = "b", .tracked_since = now, .next_due = now + std::chrono::hours(1),
                                  .reason = "analyze"}).ok());
  ASSERT_TRUE(store_->TrackVideo({.video_id = "c", .tracked_since = now, .reason = "analyze",
                                  .ended = "schedule complete"}).ok());
  // Tracking again keeps the start and the reason, and sets the next time.
  ASSERT_TRUE(store_->TrackVideo({.video_id = "a", .tracked_since = now + std::chrono::hours(5),
                                  .next_due = now, .reason = "other"}).ok());
  auto a = store_->GetTrackedVideo("a");
  ASSERT_TRUE(a.ok() && a->has_value()) << (a.ok() ? "" : a.error().ToString());
  EXPECT_EQ((*a)->tracked_since, now);
  EXPECT_EQ((*a)->next_due, now);
  EXPECT_EQ((*a)->reason, "analyze");
  EXPECT_EQ((*a)->ended, "");
  auto c = store_->GetTrackedVideo("c");
  EXPECT_FALSE((*c)->next_due.has_value());
  EXPECT_EQ((*c)->ended, "schedule complete");

  auto lease = now + std::chrono::minutes(10);
  auto first = store_->ClaimVideoJobs("w1", now, lease, 10);
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  EXPECT_EQ(*first, std::vector<std::string>{"a"});  // b is not due, c is over
  EXPECT_TRUE(store_->ClaimVideoJobs("w2", now, lease, 10)->empty());  // a is claimed
  // Snapshotted: due again in an hour; b is due by then too.
  ASSERT_TRUE(store_->FinishVideoJob("a", now + std::chrono::hours(1)).ok());
  auto later = store_->ClaimVideoJobs("w2", now + std::chrono::hours(1), now + std::chrono::hours(2), 10);
  EXPECT_EQ(*later, (std::vector<std::string>{"a", "b"}));
  // Released without a time: stays due. Ended: never claimed again.
  ASSERT_TRUE(store_->FinishVideoJob("a", std::nullopt).ok());
  ASSERT_TRUE(store_->FinishVideoJob("b", std::nullopt, "gone").ok());
  auto again = store_->ClaimVideoJobs("w3", now + std::chrono::hours(1), now + std::chrono::hours(2), 10);
  EXPECT_EQ(*again, std::vector<std::string>{"a"});
  auto b = store_->GetTrackedVideo("b");
  EXPECT_FALSE((*b)->next_due.has_value());
  EXPECT_EQ((*b)->ended, "gone");
  // It survives a reopen.
  Reopen();
  EXPECT_TRUE(store_->GetTrackedVideo("b")->has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreCollectionTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace vv::testing
