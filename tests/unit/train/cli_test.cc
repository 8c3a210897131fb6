// `vv train` / `vv import clickbait` bad input, end to end through the real binary.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "store/store.h"

namespace vv::train {
namespace {

namespace fs = std::filesystem;

struct CmdRun {
  int code;
  std::string out;  // stdout and stderr
};

CmdRun Vv(const std::string& args) {
  const char* bin = std::getenv("VV_BIN");
  std::string cmd = std::string(bin ? bin : VV_BINARY_DIR "/bin/vv") + " " + args + " 2>&1";
  CmdRun r{0, ""};
  FILE* pipe = popen(cmd.c_str(), "r");
  std::array<char, 4096> buf{};
  while (size_t n = fread(buf.data(), 1, buf.size(), pipe)) r.out.append(buf.data(), n);
  const int status = pclose(pipe);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("vv_train_cli_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / name, std::ios::binary) << content;
    return (dir_ / name).string();
  }
  // `vv import clickbait` once wired into `vv import`, `vv import-clickbait` before.
  static std::string ImportClickbait() {
    return Vv("--help").out.find("import-clickbait") != std::string::npos ? "import-clickbait"
                                                                           : "import clickbait";
  }
  fs::path dir_;
};

TEST_F(CliTest, TrainRefusesBadConfigBeforeAnyWork) {
  const std::string config = Write("bad.yaml", "velocity:\n  max_depth: 0\n");
  const fs::path db = dir_ / "never.db";
  CmdRun r = Vv("train --config " + config + " --db sqlite:" + db.string() + " --registry " +
                (dir_ / "models").string());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("velocity.max_depth"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("bad.yaml:2"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(db));  // the store was never opened
  EXPECT_FALSE(fs::exists(dir_ / "models"));

  const std::string unknown = Write("unknown.yaml", "viral:\n  quantille: 0.9\n");
  r = Vv("train --config " + unknown + " --db sqlite:" + db.string());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("viral.quantille: unknown key"), std::string::npos) << r.out;
}

TEST_F(CliTest, TrainRefusesUnknownModel) {
  CmdRun r = Vv("train --models nonsense,velocity --db sqlite:" + (dir_ / "x.db").string());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("nonsense"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir_ / "x.db"));
}

TEST_F(CliTest, ImportClickbait) {
  const std::string pos = Write("pos.txt", "You Won't Believe What Happened Next\n\n");
  const std::string neg = Write("neg.txt", "Senate approves budget\nRates unchanged\n");
  const std::string url = "sqlite:" + (dir_ / "vv.db").string();
  CmdRun r = Vv(ImportClickbait() + " --positive " + pos + " --negative " + neg + " --db " + url);
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("imported 1 clickbait and 2 non-clickbait"), std::string::npos) << r.out;
  auto store = OpenStore(url);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ((*store)->LoadLabelledTitles()->size(), 3u);
  store->reset();

  const std::string bad = Write("bad.txt", "fine\n\xc3\x28 broken\n");
  r = Vv(ImportClickbait() + " --positive " + bad + " --negative " + neg + " --db " + url);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("bad.txt:2"), std::string::npos) << r.out;
  EXPECT_EQ(Vv(ImportClickbait() + " --positive " + pos + " --db " + url).code, 2);  // missing flag
}

}  // namespace
}  // namespace vv::train
