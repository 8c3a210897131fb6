// `vv models` end to end: the real binary against a registry written with the test model kind.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>

#include "registry/registry.h"
#include "testing/mean_model.h"

namespace vv::registry {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct CmdRun {
  int code;
  std::string out;
};

CmdRun Vv(const std::string& args) {
  const char* bin = std::getenv("VV_BIN");
  std::string cmd = std::string(bin ? bin : VV_BINARY_DIR "/bin/vv") + " " + args + " 2>/dev/null";
  CmdRun r{0, ""};
  FILE* pipe = popen(cmd.c_str(), "r");
  std::array<char, 4096> buf{};
  while (size_t n = fread(buf.data(), 1, buf.size(), pipe)) r.out.append(buf.data(), n);
  const int status = pclose(pipe);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

class ModelsCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    vv::testing::RegisterTestModelKinds();
    root_ = fs::temp_directory_path() / ("vv_models_cli_" + std::to_string(::getpid()));
    fs::remove_all(root_);
    Registry reg(root_);
    for (double mean : {1.0, 2.0}) {
      PublishInfo info;
      info.report = {{"n", 5}, {"metrics", {{"mae_log", mean / 10}}}};
      ASSERT_TRUE(reg.Publish("test_mean", vv::testing::MeanModel(mean), info).ok());
    }
    ASSERT_TRUE(reg.Promote("test_mean", "v1").ok());
  }
  void TearDown() override { fs::remove_all(root_); }
  std::string Flag() const { return " --registry " + root_.string(); }
  fs::path root_;
};

TEST_F(ModelsCliTest, ListJsonShape) {
  CmdRun r = Vv("models list --json" + Flag());
  ASSERT_EQ(r.code, 0) << r.out;
  json rows = json::parse(r.out);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["name"], "test_mean");
  EXPECT_EQ(rows[0]["version"], "v1");
  EXPECT_EQ(rows[0]["aliases"], json({"champion"}));
  EXPECT_EQ(rows[0]["metrics"]["mae_log"], 0.1);
  EXPECT_FALSE(rows[0]["created_at"].get<std::string>().empty());
  EXPECT_EQ(rows[1]["aliases"], json::array());
}

TEST_F(ModelsCliTest, PromoteRollbackShow) {
  ASSERT_EQ(Vv("models promote test_mean v2" + Flag()).code, 0);
  EXPECT_EQ((*Registry(root_).Aliases("test_mean"))["champion"], "v2");
  CmdRun show = Vv("models show test_mean --json" + Flag());
  ASSERT_EQ(show.code, 0);
  EXPECT_EQ(json::parse(show.out)["manifest"]["version"], "v2");
  CmdRun back = Vv("models rollback test_mean --json" + Flag());
  ASSERT_EQ(back.code, 0);
  EXPECT_EQ(json::parse(back.out)["champion"], "v1");
  EXPECT_EQ(Vv("models rollback test_mean" + Flag()).code, 1);  // nothing left to roll back to
  EXPECT_EQ(Vv("models promote test_mean v7" + Flag()).code, 1);
  EXPECT_EQ(Vv("models frobnicate" + Flag()).code, 2);
  EXPECT_EQ(Vv("models list --bogus" + Flag()).code, 2);
}

TEST_F(ModelsCliTest, EvaluateStoredReports) {
  CmdRun r = Vv("evaluate --json --models test_mean" + Flag());
  ASSERT_EQ(r.code, 0) << r.out;
  json j = json::parse(r.out);
  EXPECT_EQ(j["models"]["test_mean"]["version"], "v1");
  EXPECT_EQ(j["models"]["test_mean"]["n"], 5);
  EXPECT_EQ(j["models"]["test_mean"]["metrics"]["mae_log"], 0.1);
  EXPECT_TRUE(j["models"]["test_mean"].contains("baselines"));
  EXPECT_EQ(j["models"]["test_mean"]["alias"], "champion");
}

TEST_F(ModelsCliTest, EvaluateFallsBackToChallengerAndFailsWithNeither) {
  Registry reg(root_);
  PublishInfo info;
  info.report = {{"n", 3}, {"metrics", {{"quality", 0.1}}}};
  ASSERT_TRUE(reg.Publish("test_other", vv::testing::MeanModel(3.0), info).ok());
  CmdRun none = Vv("evaluate --json --models test_other" + Flag());
  EXPECT_EQ(none.code, 1);  // neither champion nor challenger
  ASSERT_TRUE(reg.SetChallenger("test_other", "v1").ok());
  CmdRun r = Vv("evaluate --json --models test_other" + Flag());
  ASSERT_EQ(r.code, 0) << r.out;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["models"]["test_other"]["alias"], "challenger");
  EXPECT_EQ(j["models"]["test_other"]["metrics"]["quality"], 0.1);
  EXPECT_EQ(Vv("evaluate --models nosuchmodel" + Flag()).code, 2);
}

}  // namespace
}  // namespace vv::registry
