// Issue 14: a garbled alias file or manifest is a kDataLoss value naming the file and the JSON
// path, for every reader (load, promote, rollback, listing); never an exception.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <functional>

#include "core/sha256.h"
#include "registry/registry.h"
#include "testing/mean_model.h"

namespace vv::registry {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class RegistryCorruptTest : public ::testing::Test {
 protected:
  void SetUp() override {
    vv::testing::RegisterTestModelKinds();
    root_ = fs::temp_directory_path() /
            ("vv_registry_corrupt_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    reg_ = Registry(root_);
    for (double mean : {1.0, 2.0}) {
      ASSERT_TRUE(reg_.Publish("test_mean", vv::testing::MeanModel(mean), {}).ok());
    }
    ASSERT_TRUE(reg_.Promote("test_mean", "v1").ok());
  }
  void TearDown() override { fs::remove_all(root_); }
  void WriteAliases(const std::string& text) {
    std::ofstream(root_ / "test_mean" / "aliases.json", std::ios::trunc) << text;
  }
  void EditManifest(const std::function<void(json&)>& edit) {
    const fs::path path = root_ / "test_mean" / "v1" / "manifest.json";
    json manifest = json::parse(*ReadWholeFile(path));
    edit(manifest);
    std::ofstream(path, std::ios::trunc) << manifest.dump();
  }

  fs::path root_;
  Registry reg_{fs::path()};
};

TEST_F(RegistryCorruptTest, MistypedAliasesAreRefusedWithTheirPath) {
  for (const auto& [text, path] : std::vector<std::pair<std::string, std::string>>{
           {R"({"champion": 5})", "$.champion"},
           {R"({"champion": "../v1"})", "$.champion"},
           {R"({"challenger": ["v1"]})", "$.challenger"},
           {R"({"champion": "v1", "history": "v1"})", "$.history"},
           {R"({"champion": "v1", "history": ["v1", 2]})", "$.history[1]"},
           {R"({"champion": "v1")", ""}}) {
    WriteAliases(text);
    auto aliases = reg_.Aliases("test_mean");
    ASSERT_FALSE(aliases.ok()) << text;
    EXPECT_EQ(aliases.error().code, ErrorCode::kDataLoss);
    EXPECT_NE(aliases.error().path.find("aliases.json" + (path.empty() ? "" : ":" + path)),
              std::string::npos) << aliases.error().ToString();
    EXPECT_FALSE(reg_.LoadChampion("test_mean").ok());
    EXPECT_FALSE(reg_.Promote("test_mean", "v2").ok());
    EXPECT_FALSE(reg_.Rollback("test_mean").ok());
    EXPECT_FALSE(reg_.Versions("test_mean").ok());
  }
  WriteAliases(R"({"champion": null, "history": []})");  // null: no champion, not corrupt
  EXPECT_FALSE(reg_.Champion("test_mean")->has_value());
  EXPECT_TRUE(reg_.Promote("test_mean", "v2").ok());
}

TEST_F(RegistryCorruptTest, ManifestFieldsAreCheckedByType) {
  const std::string good = *ReadWholeFile(root_ / "test_mean" / "v1" / "manifest.json");
  const std::string hash = Sha256Hex("x");
  for (const auto& [edit, path] : std::vector<std::pair<std::function<void(json&)>, std::string>>{
           {[](json& m) { m["created_at"] = 5; }, "$.created_at"},
           {[](json& m) { m["report"] = json::array(); }, "$.report"},
           {[](json& m) { m["files"] = "mean.txt"; }, "$.files"},
           // The checksum must not be sent elsewhere: /dev/zero would never end.
           {[&](json& m) { m["files"] = {{"/dev/zero", hash}}; }, "$.files"},
           {[&](json& m) { m["files"] = {{"../../v2/mean.txt", hash}}; }, "$.files"},
           {[](json& m) { m["files"]["mean.txt"] = "not hex"; }, "$.files"},
           {[](json& m) { m["format_version"] = 1.5; }, "$"}}) {
    std::ofstream(root_ / "test_mean" / "v1" / "manifest.json", std::ios::trunc) << good;
    EditManifest(edit);
    auto manifest = reg_.ReadManifest("test_mean", "v1");
    ASSERT_FALSE(manifest.ok()) << path;
    EXPECT_EQ(manifest.error().code, ErrorCode::kDataLoss);
    EXPECT_NE(manifest.error().path.find("manifest.json:" + path), std::string::npos)
        << manifest.error().ToString();
    EXPECT_FALSE(reg_.LoadChampion("test_mean").ok());
    auto versions = reg_.Versions("test_mean");  // listed, with the error in place of it
    ASSERT_TRUE(versions.ok());
    EXPECT_TRUE(versions->front().manifest.contains("error"));
  }
  // Brackets nested past any stack: refused, not recursed into.
  std::ofstream(root_ / "test_mean" / "v1" / "manifest.json", std::ios::trunc)
      << std::string(200000, '[') << std::string(200000, ']');
  EXPECT_EQ(reg_.ReadManifest("test_mean", "v1").error().code, ErrorCode::kDataLoss);
}

TEST_F(RegistryCorruptTest, VerifyFilesSeesAFileChangedInPlace) {
  auto manifest = reg_.ReadManifest("test_mean", "v1");
  ASSERT_TRUE(manifest.ok());
  FileHashCache cache;
  EXPECT_TRUE(reg_.VerifyFiles("test_mean", "v1", *manifest).ok());
  EXPECT_TRUE(reg_.VerifyFiles("test_mean", "v1", *manifest, &cache).ok());
  const fs::path file = root_ / "test_mean" / "v1" / "mean.txt";
  EXPECT_EQ(*cache.Sha256(file), *Sha256File(file));
  std::string text = *ReadWholeFile(file);
  text[0] = text[0] == '7' ? '8' : '7';  // same size, same inode
  std::fstream(file, std::ios::in | std::ios::out | std::ios::binary) << text;
  EXPECT_FALSE(reg_.VerifyFiles("test_mean", "v1", *manifest, &cache).ok());
  EXPECT_FALSE(reg_.VerifyFiles("test_mean", "v1", *manifest).ok());
  EXPECT_EQ(*cache.Sha256(file), *Sha256File(file));
}

}  // namespace
}  // namespace vv::registry
