// GenerateIntoStore against a real SQLite store, with a wrapper that fails a chosen write to
// check that each batch is all or nothing and that a re-run completes an interrupted one.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "collect/generator.h"
#include "store/store.h"

namespace vv {
namespace {

class FailingStore : public Store {
 public:
  FailingStore(Store& inner, int fail_on_snapshot_call)
      : inner_(inner), fail_on_(fail_on_snapshot_call) {}
  int begins = 0, commits = 0, rollbacks = 0;

  std::string Describe() const override { return inner_.Describe(); }
  int SchemaVersion() const override { return inner_.SchemaVersion(); }
  Status Begin() override {
    ++begins;
    return inner_.Begin();
  }
  Status Commit() override {
    ++commits;
    return inner_.Commit();
  }
  Status Rollback() override {
    ++rollbacks;
    return inner_.Rollback();
  }
  Status UpsertChannels(std::span<const Channel> c) override { return inner_.UpsertChannels(c); }
  Status UpsertVideos(std::span<const Video> v) override { return inner_.UpsertVideos(v); }
  Status UpsertSnapshots(std::span<const Snapshot> s) override {
    if (++snapshot_calls_ == fail_on_) {
      return MakeError(ErrorCode::kUnavailable, "injected failure", "test");
    }
    return inner_.UpsertSnapshots(s);
  }
  Status UpsertLabelledTitles(std::span<const LabelledTitle> t) override {
    return inner_.UpsertLabelledTitles(t);
  }
  Status UpsertCategories(std::span<const Category> c) override {
    return inner_.UpsertCategories(c);
  }
  Result<std::vector<Channel>> LoadChannels() override { return inner_.LoadChannels(); }
  Result<std::optional<Channel>> GetChannel(const std::string& id) override {
    return inner_.GetChannel(id);
  }
  Result<std::vector<Video>> LoadVideos(const VideoFilter& f) override {
    return inner_.LoadVideos(f);
  }
  Result<std::optional<Video>> GetVideo(const std::string& id) override {
    return inner_.GetVideo(id);
  }
  Result<std::vector<Snapshot>> LoadSnapshots(const std::string& id) override {
    return inner_.LoadSnapshots(id);
  }
  Result<std::vector<LabelledTitle>> LoadLabelledTitles() override {
    return inner_.LoadLabelledTitles();
  }
  Result<std::vector<Category>> LoadCategories() override { return inner_.LoadCategories(); }
  Result<StoreStats> Stats() override { return inner_.Stats(); }
  Status SetMarker(const StoreMarker& m) override { return inner_.SetMarker(m); }
  Status ClearMarker(const std::string& name) override { return inner_.ClearMarker(name); }
  Result<std::vector<StoreMarker>> LoadMarkers() override { return inner_.LoadMarkers(); }

 private:
  Store& inner_;
  int fail_on_;
  int snapshot_calls_ = 0;
};

class GenerateStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() / ("vv_generate_test_" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    auto opened = OpenStore("sqlite:" + (dir_ / "vv.db").string());
    ASSERT_TRUE(opened.ok()) << opened.error().ToString();
    store_ = std::move(opened).value();
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
};

GeneratorConfig SmallConfig() {
  GeneratorConfig c;
  c.videos = 250;
  c.batch_size = 100;
  c.seed = 3;
  return c;
}

TEST_F(GenerateStoreTest, WritesEverythingInBatches) {
  FailingStore store(*store_, /*fail_on_snapshot_call=*/-1);
  int64_t last_progress = 0;
  auto summary = GenerateIntoStore(SmallConfig(), store, [&](int64_t n) { last_progress = n; });
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  EXPECT_EQ(last_progress, 250);
  EXPECT_EQ(store.commits, 1 + 3);  // channels, then 100 + 100 + 50 videos
  auto stats = store_->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->videos, 250);
  EXPECT_EQ(stats->channels, summary->channels);
  EXPECT_EQ(stats->snapshots, summary->snapshots);
  auto video = store_->GetVideo(DataGenerator(SmallConfig()).MakeVideo(17).video.id);
  ASSERT_TRUE(video.ok() && video->has_value());
  EXPECT_TRUE((*video)->clickbait_label.has_value());
  EXPECT_EQ((*video)->source, "generate");
}

TEST_F(GenerateStoreTest, AFailedBatchLeavesNothingAndARerunCompletes) {
  FailingStore failing(*store_, /*fail_on_snapshot_call=*/2);
  auto summary = GenerateIntoStore(SmallConfig(), failing);
  ASSERT_FALSE(summary.ok());
  EXPECT_NE(summary.error().message.find("injected failure"), std::string::npos);
  EXPECT_EQ(failing.rollbacks, 1);
  auto stats = store_->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->videos, 100);  // the first batch only: the second was rolled back whole
  // The store says it is partial, and which command completes it.
  auto warning = PartialStoreWarning(*store_);
  ASSERT_TRUE(warning.ok()) << warning.error().ToString();
  EXPECT_NE(warning->find("PARTIAL"), std::string::npos) << *warning;
  EXPECT_NE(warning->find("vv generate --videos 250 --seed 3 --days 30"), std::string::npos)
      << *warning;

  auto rerun = GenerateIntoStore(SmallConfig(), *store_);
  ASSERT_TRUE(rerun.ok()) << rerun.error().ToString();
  stats = store_->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->videos, 250);
  EXPECT_EQ(stats->snapshots, rerun->snapshots);
  warning = PartialStoreWarning(*store_);
  ASSERT_TRUE(warning.ok());
  EXPECT_EQ(*warning, "");
}

TEST_F(GenerateStoreTest, MarkerComesAndGoesWithTheRows) {
  // Fails the last batch: the marker set with the first rows must still be there.
  FailingStore failing(*store_, /*fail_on_snapshot_call=*/3);
  ASSERT_FALSE(GenerateIntoStore(SmallConfig(), failing).ok());
  auto markers = store_->LoadMarkers();
  ASSERT_TRUE(markers.ok());
  ASSERT_EQ(markers->size(), 1u);
  EXPECT_EQ((*markers)[0].name, kGenerationMarker);
  FailingStore whole(*store_, -1);
  ASSERT_TRUE(GenerateIntoStore(SmallConfig(), whole).ok());
  EXPECT_EQ(whole.commits, 1 + 3);  // cleared inside the last batch's transaction
  markers = store_->LoadMarkers();
  ASSERT_TRUE(markers.ok());
  EXPECT_TRUE(markers->empty());
}

TEST_F(GenerateStoreTest, InvalidConfigWritesNothing) {
  GeneratorConfig bad = SmallConfig();
  bad.days = 0;
  FailingStore store(*store_, -1);
  EXPECT_FALSE(GenerateIntoStore(bad, store).ok());
  EXPECT_EQ(store.begins, 0);
}

}  // namespace
}  // namespace vv
