#include "train/pipeline.h"

#include <gtest/gtest.h>

#include <sstream>

#include "testing/mean_model.h"
#include "train/dataset.h"

namespace vv::train {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    vv::testing::RegisterTestModelKinds();
    root_ = fs::temp_directory_path() /
            ("vv_pipeline_test_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  TrainRequest Request(std::vector<std::string> models, double quality) {
    TrainRequest r;
    r.models = std::move(models);
    r.config = DefaultTrainingConfig();
    r.config.root["test_mean"] = {{"quality", quality}};
    r.config.root["gates"]["test_mean"] = {{"min_quality", 0.6}};
    return r;
  }

  fs::path root_;
  Dataset data_ = vv::testing::MakeDataset(12, 6);
};

TEST_F(PipelineTest, FailingModelDoesNotStopTheOthers) {
  registry::Registry reg(root_);
  std::ostringstream progress;
  const TrainSummary s = RunTraining(data_, Request({"test_fail", "test_mean"}, 0.9), reg, progress);
  ASSERT_EQ(s.models.size(), 2u);
  EXPECT_FALSE(s.AllOk());
  EXPECT_FALSE(s.models[0].trained);
  EXPECT_NE(s.models[0].error.find("too little data"), std::string::npos);
  EXPECT_TRUE(s.models[1].trained);
  EXPECT_EQ(s.models[1].version, "v1");
  EXPECT_TRUE(s.models[1].promoted);
  EXPECT_EQ(reg.Champion("test_mean")->value(), "v1");
  const std::string log = progress.str();
  EXPECT_NE(log.find("test_fail: FAILED"), std::string::npos) << log;
  EXPECT_NE(log.find("test_mean: trained in"), std::string::npos) << log;
  // The manifest carries the split, the config section and the dataset fingerprint.
  auto manifest = reg.ReadManifest("test_mean", "v1");
  ASSERT_TRUE(manifest.ok());
  EXPECT_EQ((*manifest)["report"]["split"]["method"], "by-channel");
  EXPECT_EQ((*manifest)["training_config"]["quality"], 0.9);
  EXPECT_EQ((*manifest)["dataset_fingerprint"], DatasetFingerprint(data_));
}

TEST_F(PipelineTest, GatesDecidePromotion) {
  registry::Registry reg(root_);
  std::ostringstream progress;
  // Below the threshold: written, kept as challenger, no champion.
  TrainSummary low = RunTraining(data_, Request({"test_mean"}, 0.5), reg, progress);
  EXPECT_FALSE(low.models[0].promoted);
  EXPECT_TRUE(low.AllOk());  // failing a gate is not an error
  EXPECT_FALSE(reg.Champion("test_mean")->has_value());
  EXPECT_EQ((*reg.Aliases("test_mean"))["challenger"], "v1");
  // Good: champion.
  EXPECT_TRUE(RunTraining(data_, Request({"test_mean"}, 0.9), reg, progress).models[0].promoted);
  EXPECT_EQ(reg.Champion("test_mean")->value(), "v2");
  // Passes the threshold but regresses beyond tolerance against the 0.9 champion.
  TrainSummary worse = RunTraining(data_, Request({"test_mean"}, 0.7), reg, progress);
  EXPECT_FALSE(worse.models[0].promoted);
  ASSERT_FALSE(worse.models[0].gate_failures.empty());
  EXPECT_NE(worse.models[0].gate_failures[0].find("regresses"), std::string::npos);
  EXPECT_EQ(reg.Champion("test_mean")->value(), "v2");
  EXPECT_EQ(worse.models[0].version, "v3");
}

TEST_F(PipelineTest, DeterministicReportForASeed) {
  registry::Registry reg(root_);
  std::ostringstream progress;
  const auto a = RunTraining(data_, Request({"test_mean"}, 0.9), reg, progress);
  const auto b = RunTraining(data_, Request({"test_mean"}, 0.9), reg, progress);
  EXPECT_EQ(a.models[0].report["metrics"], b.models[0].report["metrics"]);
  EXPECT_EQ(a.models[0].report["split"], b.models[0].report["split"]);
}

TEST_F(PipelineTest, ResolveModelList) {
  auto all = ResolveModelList("all");
  ASSERT_TRUE(all.ok());
  EXPECT_NE(std::find(all->begin(), all->end(), "test_mean"), all->end());
  auto some = ResolveModelList("test_mean, test_fail,test_mean");
  ASSERT_TRUE(some.ok());
  EXPECT_EQ(*some, (std::vector<std::string>{"test_mean", "test_fail"}));
  auto bad = ResolveModelList("test_mean,velocitty");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("velocitty"), std::string::npos);
}

TEST_F(PipelineTest, FingerprintIgnoresRowOrderButSeesContent) {
  Dataset reversed = data_;
  std::reverse(reversed.videos.begin(), reversed.videos.end());
  EXPECT_EQ(DatasetFingerprint(data_), DatasetFingerprint(reversed));
  reversed.snapshots[reversed.videos[0].id].back().views = 1;
  EXPECT_NE(DatasetFingerprint(data_), DatasetFingerprint(reversed));
}

}  // namespace
}  // namespace vv::train
