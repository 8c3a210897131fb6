#include "registry/registry.h"

#include <gtest/gtest.h>

#include <fstream>

#include "testing/mean_model.h"

namespace vv::registry {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    vv::testing::RegisterTestModelKinds();
    root_ = fs::temp_directory_path() /
            ("vv_registry_test_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  std::string Publish(const Registry& reg, double mean) {
    vv::testing::MeanModel model(mean);
    PublishInfo info;
    info.training_config = {{"quality", 0.7}};
    info.dataset_fingerprint = "fp";
    info.report = {{"n", 3}, {"metrics", {{"mae_log", 0.25}}}};
    auto version = reg.Publish("test_mean", model, info);
    EXPECT_TRUE(version.ok()) << version.error().ToString();
    return version.ok() ? *version : "";
  }

  double LoadedMean(const LoadedModel& m) {
    return dynamic_cast<const vv::testing::MeanModel&>(*m.model).mean();
  }

  fs::path root_;
};

TEST_F(RegistryTest, PublishWritesManifestAndRoundTrips) {
  Registry reg(root_);
  EXPECT_EQ(Publish(reg, 1.5), "v1");
  EXPECT_EQ(Publish(reg, 2.5), "v2");  // monotonic
  auto manifest = reg.ReadManifest("test_mean", "v1");
  ASSERT_TRUE(manifest.ok()) << manifest.error().ToString();
  EXPECT_EQ((*manifest)["format_version"], kFormatVersion);
  EXPECT_EQ((*manifest)["name"], "test_mean");
  EXPECT_EQ((*manifest)["version"], "v1");
  EXPECT_EQ((*manifest)["dataset_fingerprint"], "fp");
  EXPECT_EQ((*manifest)["feature_schema_hash"], "test-schema-hash");
  EXPECT_EQ((*manifest)["training_config"]["quality"], 0.7);
  EXPECT_EQ((*manifest)["training_config_hash"].get<std::string>().size(), 64u);
  EXPECT_EQ((*manifest)["report"]["metrics"]["mae_log"], 0.25);
  EXPECT_EQ((*manifest)["files"]["mean.txt"].get<std::string>().size(), 64u);
  EXPECT_FALSE((*manifest)["created_at"].get<std::string>().empty());

  ASSERT_TRUE(reg.Promote("test_mean", "v2").ok());
  auto loaded = reg.LoadChampion("test_mean");
  ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
  EXPECT_EQ(loaded->version, "v2");
  EXPECT_DOUBLE_EQ(LoadedMean(*loaded), 2.5);
  auto v1 = reg.LoadRef("test_mean@v1");
  ASSERT_TRUE(v1.ok());
  EXPECT_DOUBLE_EQ(LoadedMean(*v1), 1.5);

  auto names = reg.Names();
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(*names, std::vector<std::string>{"test_mean"});
  auto versions = reg.Versions("test_mean");
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_TRUE((*versions)[0].aliases.empty());
  EXPECT_EQ((*versions)[1].aliases, std::vector<std::string>{"champion"});
}

TEST_F(RegistryTest, PromoteAndRollbackMoveTheAlias) {
  Registry reg(root_);
  Publish(reg, 1);
  Publish(reg, 2);
  Publish(reg, 3);
  EXPECT_FALSE(reg.LoadChampion("test_mean").ok());  // no champion yet
  ASSERT_TRUE(reg.Promote("test_mean", "v1").ok());
  ASSERT_TRUE(reg.Promote("test_mean", "v3").ok());
  ASSERT_TRUE(reg.SetChallenger("test_mean", "v2").ok());
  EXPECT_EQ(reg.Champion("test_mean")->value(), "v3");
  auto rolled = reg.Rollback("test_mean");
  ASSERT_TRUE(rolled.ok());
  EXPECT_EQ(*rolled, "v1");
  EXPECT_EQ(reg.Champion("test_mean")->value(), "v1");
  EXPECT_EQ((*reg.Aliases("test_mean"))["challenger"], "v2");
  auto again = reg.Rollback("test_mean");
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.error().message.find("no previous champion"), std::string::npos);
  EXPECT_FALSE(reg.Promote("test_mean", "v9").ok());  // unknown version refused
  EXPECT_EQ(reg.Champion("test_mean")->value(), "v1");
}

TEST_F(RegistryTest, CorruptOrTruncatedFileRefusedAndPreviousChampionKept) {
  Registry reg(root_);
  Publish(reg, 1.5);
  ASSERT_TRUE(reg.Promote("test_mean", "v1").ok());
  ChampionHolder holder(reg, "test_mean");
  ASSERT_TRUE(holder.Refresh().ok());
  ASSERT_EQ(holder.Current()->version, "v1");

  Publish(reg, 2.5);
  ASSERT_TRUE(reg.Promote("test_mean", "v2").ok());
  const fs::path file = root_ / "test_mean" / "v2" / "mean.txt";
  std::ofstream(file, std::ios::trunc) << "9.5\n";  // same size class, different bytes
  Status st = holder.Refresh();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, ErrorCode::kDataLoss);
  EXPECT_NE(st.error().message.find("sha256 mismatch"), std::string::npos);
  EXPECT_NE(st.error().path.find("mean.txt"), std::string::npos);
  EXPECT_EQ(holder.Current()->version, "v1");  // still in service
  EXPECT_DOUBLE_EQ(LoadedMean(*holder.Current()), 1.5);

  std::ofstream(file, std::ios::trunc).close();  // truncated to zero bytes
  EXPECT_EQ(reg.LoadChampion("test_mean").error().code, ErrorCode::kDataLoss);
  fs::remove(file);  // missing
  EXPECT_EQ(reg.LoadChampion("test_mean").error().code, ErrorCode::kDataLoss);
  EXPECT_EQ(holder.Current()->version, "v1");

  // A truncated manifest is refused too.
  std::ofstream(root_ / "test_mean" / "v1" / "manifest.json", std::ios::trunc) << "{\"format";
  auto v1 = reg.Load("test_mean", "v1");
  ASSERT_FALSE(v1.ok());
  EXPECT_EQ(v1.error().code, ErrorCode::kDataLoss);
}

TEST_F(RegistryTest, NewerFormatVersionRefused) {
  Registry reg(root_);
  Publish(reg, 1.0);
  const fs::path path = root_ / "test_mean" / "v1" / "manifest.json";
  json manifest = json::parse(*ReadWholeFile(path));
  manifest["format_version"] = kFormatVersion + 1;
  ASSERT_TRUE(WriteFileAtomic(path, manifest.dump()).ok());
  auto loaded = reg.Load("test_mean", "v1");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(loaded.error().message.find("newer"), std::string::npos);
  EXPECT_NE(loaded.error().message.find(std::to_string(kFormatVersion + 1)), std::string::npos);
}

TEST_F(RegistryTest, AliasesFileWrittenAtomicallyWithoutLeftovers) {
  Registry reg(root_);
  Publish(reg, 1.0);
  ASSERT_TRUE(reg.Promote("test_mean", "v1").ok());
  for (const auto& entry : fs::directory_iterator(root_ / "test_mean")) {
    const std::string n = entry.path().filename().string();
    EXPECT_EQ(n.find(".tmp"), std::string::npos) << n;
    EXPECT_EQ(n.find(".staging"), std::string::npos) << n;
  }
  json aliases = json::parse(*ReadWholeFile(root_ / "test_mean" / "aliases.json"));
  EXPECT_EQ(aliases["champion"], "v1");
}

TEST_F(RegistryTest, BadNamesAndVersionsRefused) {
  Registry reg(root_);
  EXPECT_FALSE(reg.ReadManifest("../etc", "v1").ok());
  EXPECT_FALSE(reg.ReadManifest("test_mean", "latest").ok());
  EXPECT_EQ(VersionNumber("v12"), 12);
  EXPECT_FALSE(VersionNumber("v0").has_value());
  EXPECT_FALSE(VersionNumber("12").has_value());
}

}  // namespace
}  // namespace vv::registry

#include "registry/policy.h"

namespace vv::registry {
namespace {

TEST_F(RegistryTest, PruneKeepsNewestAndEveryPinnedVersion) {
  Registry reg(root_);
  for (int i = 1; i <= 5; ++i) Publish(reg, i);
  ASSERT_TRUE(reg.Promote("test_mean", "v1").ok());
  ASSERT_TRUE(reg.Promote("test_mean", "v2").ok());  // v1 goes onto the rollback history
  auto removed = PruneVersions(reg, "test_mean", 2);
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, std::vector<std::string>{"v3"});  // v1, v2 pinned; v4, v5 newest
  EXPECT_TRUE(fs::exists(root_ / "test_mean" / "v1"));
  EXPECT_FALSE(fs::exists(root_ / "test_mean" / "v3"));
  EXPECT_EQ(Publish(reg, 6), "v6");  // numbering stays monotonic
}

TEST_F(RegistryTest, PolicyFileValidated) {
  fs::create_directories(root_);
  std::ofstream(root_ / "ok.yaml") << "registry: elsewhere\nkeep_versions: 3\n";
  auto ok = LoadRegistryPolicy(root_ / "ok.yaml");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->root, "elsewhere");
  EXPECT_EQ(ok->keep_versions, 3);
  std::ofstream(root_ / "bad.yaml") << "registry: x\nkeep_version: 3\n";
  auto bad = LoadRegistryPolicy(root_ / "bad.yaml");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("keep_version: unknown key"), std::string::npos);
  EXPECT_NE(bad.error().path.find("bad.yaml:2"), std::string::npos);
  std::ofstream(root_ / "range.yaml") << "keep_versions: -1\n";
  EXPECT_FALSE(LoadRegistryPolicy(root_ / "range.yaml").ok());
  auto shipped = LoadRegistryPolicy(std::string(VV_SOURCE_DIR) + "/config/models.yaml");
  ASSERT_TRUE(shipped.ok()) << shipped.error().ToString();
}

}  // namespace
}  // namespace vv::registry
