// RemoveLeftovers: what a killed `vv train` leaves in the registry goes on the next run, what a
// live concurrent publisher is writing stays.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "registry/registry.h"
#include "testing/mean_model.h"

namespace vv::registry {
namespace {

namespace fs = std::filesystem;

class LeftoversTest : public ::testing::Test {
 protected:
  void SetUp() override {
    vv::testing::RegisterTestModelKinds();
    root_ = fs::temp_directory_path() / ("vv_leftovers_test_" + std::to_string(::getpid()) +
                                         "_" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(model_dir());
  }
  void TearDown() override { fs::remove_all(root_); }

  fs::path model_dir() const { return root_ / "test_mean"; }

  // A child that makes a staging folder as Publish does (a file inside), then either dies by
  // SIGKILL at once or waits to be killed. Returns its pid once the folder exists.
  pid_t StagingChild(bool die_at_once) {
    int ready[2];
    EXPECT_EQ(::pipe(ready), 0);
    pid_t pid = ::fork();
    if (pid == 0) {
      fs::path staging = model_dir() / StagingDirName();
      fs::create_directories(staging);
      std::ofstream(staging / "model.json") << "{\"half\": ";
      if (die_at_once) ::kill(::getpid(), SIGKILL);
      (void)!::write(ready[1], "x", 1);
      ::pause();
      ::_exit(0);
    }
    char byte;
    ::close(ready[1]);
    if (!die_at_once) {
      EXPECT_EQ(::read(ready[0], &byte, 1), 1);
    }
    ::close(ready[0]);
    if (die_at_once) ::waitpid(pid, nullptr, 0);
    return pid;
  }

  std::vector<std::string> Names() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(model_dir())) out.push_back(e.path().filename());
    std::sort(out.begin(), out.end());
    return out;
  }

  fs::path root_;
};

TEST_F(LeftoversTest, KilledPublisherFolderIsRemovedAndReported) {
  Registry reg(root_);
  vv::testing::MeanModel model(2.0);
  ASSERT_TRUE(reg.Publish("test_mean", model, {}).ok());
  const pid_t dead = StagingChild(/*die_at_once=*/true);
  ASSERT_EQ(Names().size(), 2u);  // v1 and the dead child's staging folder
  auto found = reg.RemoveLeftovers();
  ASSERT_TRUE(found.ok()) << found.error().ToString();
  ASSERT_EQ(found->size(), 1u);
  EXPECT_TRUE((*found)[0].removed);
  EXPECT_EQ((*found)[0].path.filename().string().rfind(".staging-", 0), 0u);
  EXPECT_NE((*found)[0].reason.find("pid " + std::to_string(dead)), std::string::npos)
      << (*found)[0].reason;
  EXPECT_EQ(Names(), std::vector<std::string>{"v1"});
  // The next publish takes the next number: the killed one never claimed a version.
  auto next = reg.Publish("test_mean", model, {});
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(*next, "v2");
}

TEST_F(LeftoversTest, LiveConcurrentPublisherIsLeftAlone) {
  Registry reg(root_);
  const pid_t live = StagingChild(/*die_at_once=*/false);
  auto found = reg.RemoveLeftovers();
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found->empty());
  EXPECT_EQ(Names().size(), 1u);
  ::kill(live, SIGKILL);
  ::waitpid(live, nullptr, 0);
  found = reg.RemoveLeftovers();
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->size(), 1u);
  EXPECT_TRUE(Names().empty());
}

TEST_F(LeftoversTest, UnknownOwnersGoOnlyAfterTheGracePeriod) {
  // Another host's publisher (its pid cannot be checked here), an older name without a host,
  // and a temporary alias file of another host: all fresh, so kept.
  const fs::path other_host = model_dir() / ".staging-elsewhere.example-4242-17";
  const fs::path legacy = model_dir() / ".staging-4242-17";
  const fs::path alias_tmp = model_dir() / "aliases.json.tmp-elsewhere.example-4242-18";
  fs::create_directories(other_host);
  std::ofstream(other_host / "xgb.json") << "{}";
  fs::create_directories(legacy);
  std::ofstream(alias_tmp) << "{";
  std::ofstream(model_dir() / "aliases.json") << "{}";
  Registry reg(root_);
  auto found = reg.RemoveLeftovers();
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found->empty());
  // Two hours untouched (the folder and what it holds): past the grace period.
  const auto old = fs::file_time_type::clock::now() - std::chrono::hours(2);
  for (const fs::path& p : {other_host, other_host / "xgb.json", legacy, alias_tmp}) {
    fs::last_write_time(p, old);
  }
  found = reg.RemoveLeftovers();
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->size(), 3u);
  for (const auto& l : *found) EXPECT_NE(l.reason.find("untouched for 120 min"), std::string::npos) << l.reason;
  EXPECT_EQ(Names(), std::vector<std::string>{"aliases.json"});
}

}  // namespace
}  // namespace vv::registry
