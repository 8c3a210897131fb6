// `vv analyze` as a process against the fake Data API v3: the summary and --json answers, the
// store it leaves, and the exit code of every failure. (The six real champions answering an
// analyzed video: tests/cli/demo_e2e.sh.)
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/time_util.h"
#include "integration/collect/fake_youtube.h"
#include "store/store.h"

namespace vv::testing {
namespace {

using nlohmann::json;

constexpr const char* kChannel = "UCcli0000000000000000001";

class AnalyzeCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/vv-analyze-cli-XXXXXX";
    dir_ = mkdtemp(tmpl);
    db_url_ = "sqlite:" + dir_ + "/vv.db";
    server_ = std::make_unique<FakeYouTubeServer>();
    auto item = MakeVideoItem("cliVideo001", kChannel, "I tried 100 days of coding", 5000, 250, 40, 28);
    item["snippet"]["publishedAt"] = FormatIso8601(Now() - std::chrono::hours(6));
    server_->AddVideo(item);
    server_->AddVideo(MakeVideoItem("cliPrivate1", kChannel, "Private", 1, 0, 0, 28));
    server_->SetPrivate("cliPrivate1");
    server_->AddChannel(MakeChannelItem(kChannel, "CLI Channel", 777), {"cliVideo001"});
    server_->SetHandle(kChannel, "clichannel");
  }
  void TearDown() override {
    server_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Runs `vv analyze <args> --db ... --api-base ... --registry <empty>`; stdout and stderr
  // together in *output.
  int Run(std::vector<std::string> args, std::string* output, const std::string& key = "default") {
    const char* bin = std::getenv("VV_BIN");
    std::string vv = bin ? bin : std::string(VV_BINARY_DIR) + "/bin/vv";
    std::string out_path = dir_ + "/out" + std::to_string(runs_++) + ".txt";
    args.insert(args.begin(), {vv, "analyze"});
    std::vector<std::string> common = {"--db", db_url_, "--api-base", server_->base_url(),
                                       "--registry", dir_ + "/models", "--retries", "1"};
    if (args.size() < 3 || args[2] != "--help") args.insert(args.end(), common.begin(), common.end());
    std::string api_key = key == "default" ? server_->api_key() : key;
    pid_t pid = fork();
    if (pid == 0) {
      FILE* out = std::fopen(out_path.c_str(), "w");
      dup2(fileno(out), 1);
      dup2(fileno(out), 2);
      unsetenv("VV_YOUTUBE_KEY_FILE");
      if (api_key.empty()) unsetenv("YOUTUBE_API_KEY"); else setenv("YOUTUBE_API_KEY", api_key.c_str(), 1);
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    std::ifstream in(out_path);
    std::stringstream ss;
    ss << in.rdbuf();
    *output = ss.str();
    EXPECT_EQ(output->find(server_->api_key()), std::string::npos) << "the key leaked:\n" << *output;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  std::string dir_, db_url_;
  std::unique_ptr<FakeYouTubeServer> server_;
  int runs_ = 0;
};

TEST_F(AnalyzeCliTest, AVideoIsFetchedStoredTrackedAndSummarized) {
  std::string out;
  ASSERT_EQ(Run({"https://www.youtube.com/watch?v=cliVideo001&t=5s"}, &out), 0) << out;
  for (const char* needle : {"I tried 100 days of coding", "CLI Channel", "fetched from YouTube (2 quota units)",
                             "tracking: next snapshot", "every 1 h for the first 48 h", "predictions:",
                             "velocity", "viral", "clickbait", "genre", "tags", "anomaly"}) {
    EXPECT_NE(out.find(needle), std::string::npos) << needle << "\n" << out;
  }
  // Fresh now: --json answers from the store, the shape of POST /v1/analyze.
  ASSERT_EQ(Run({"cliVideo001", "--json"}, &out), 0) << out;
  json answer = json::parse(out, nullptr, false);
  ASSERT_FALSE(answer.is_discarded()) << out;
  EXPECT_EQ(answer["kind"], "video");
  EXPECT_EQ(answer["fetched"], false);
  EXPECT_EQ(answer["predictions"].size(), 6u);
  EXPECT_EQ(answer["tracking"]["active"], true);
  EXPECT_EQ(server_->calls("videos"), 1);

  auto store = OpenStore(db_url_);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ((*store)->LoadSnapshots("cliVideo001")->size(), 1u);
  EXPECT_TRUE((*store)->GetTrackedVideo("cliVideo001")->has_value());
  EXPECT_EQ((*store)->LoadRuns(10)->front().kind, "analyze");

  // The tracked video is `vv collect videos`'s to snapshot: not due yet, so no call.
  std::string vv = std::getenv("VV_BIN") ? std::getenv("VV_BIN") : std::string(VV_BINARY_DIR) + "/bin/vv";
  std::string cmd = "YOUTUBE_API_KEY=" + server_->api_key() + " " + vv + " collect videos --db " + db_url_ +
                    " --api-base " + server_->base_url() + " > " + dir_ + "/collect.txt 2>&1";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
  EXPECT_EQ(server_->calls("videos"), 1);
}

TEST_F(AnalyzeCliTest, AChannelByHandle) {
  std::string out;
  ASSERT_EQ(Run({"youtube.com/@CliChannel"}, &out), 0) << out;
  EXPECT_NE(out.find("CLI Channel"), std::string::npos) << out;
  EXPECT_NE(out.find("cliVideo001"), std::string::npos) << out;
  EXPECT_NE(out.find("5,000 views"), std::string::npos) << out;
}

TEST_F(AnalyzeCliTest, ExitCodesNameTheFailure) {
  std::string out;
  EXPECT_EQ(Run({"https://vimeo.com/1"}, &out), 2) << out;
  EXPECT_NE(out.find("youtu.be/ID"), std::string::npos) << out;
  EXPECT_EQ(Run({"cliPrivate1"}, &out), 3) << out;
  EXPECT_NE(out.find("private, deleted or never existed"), std::string::npos) << out;
  EXPECT_EQ(Run({"@nobody"}, &out), 3) << out;
  EXPECT_EQ(Run({"cliVideo001"}, &out, ""), 4) << out;
  EXPECT_NE(out.find("YOUTUBE_API_KEY"), std::string::npos) << out;
  EXPECT_EQ(Run({"cliVideo001"}, &out, "wrong-key"), 4) << out;
  server_->SetQuotaExhausted(true);
  EXPECT_EQ(Run({"cliVideo001"}, &out), 75) << out;
  EXPECT_NE(out.find("quota"), std::string::npos) << out;
  EXPECT_EQ(Run({"--bogus"}, &out), 2) << out;
  auto store = OpenStore(db_url_);
  ASSERT_TRUE(store.ok());
  EXPECT_FALSE((*store)->GetVideo("cliVideo001")->has_value()) << "nothing stored by a failed analysis";
}

TEST_F(AnalyzeCliTest, HelpDocumentsFormsKeyAndSchedule) {
  std::string out;
  EXPECT_EQ(Run({"--help"}, &out), 0);
  for (const char* needle : {"youtu.be/", "/@handle", "YOUTUBE_API_KEY", "--api-base", "--max-age",
                             "every hour for the first 48 h", "Exit status"}) {
    EXPECT_NE(out.find(needle), std::string::npos) << needle << "\n" << out;
  }
}

}  // namespace
}  // namespace vv::testing
