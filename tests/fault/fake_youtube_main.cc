// The collector tests' fake YouTube API (tests/integration/collect/fake_youtube.h) as a
// process, for tests/fault/run_fault.sh: it kills `vv collect` mid-run, which needs a server
// outside the killed process.
//   fake_youtube_server REGIONS VIDEOS_PER_REGION DELAY_MS
// prints "BASE_URL API_KEY" on one line, then serves until SIGTERM or SIGINT. Every answer
// waits DELAY_MS first, so a run lasts long enough to be killed in the middle.
#include <signal.h>

#include <chrono>
#include <ctime>
#include <cstdio>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "integration/collect/fake_youtube.h"

namespace {

// `fake_youtube_server analyze`: a small invented world for analysis by URL (the browser tests
// and the demo with VV_DEMO_FAKE_YOUTUBE=1). Its videos were published hours before the server
// started, and their views grow with every minute it runs, so a tracked video's page fills in.
//   UCvvDemoChannel000000001 (@vvdemo, /user/vvdemo): vvDemoVid01 (6 h old), vvDemoVid02 (3 d),
//     vvDemoVid03 (12 d)
//   vvPrivate01: private; vvDeleted01 and any other id: no such video; @nobody: unknown handle.
void AddAnalyzeWorld(vv::testing::FakeYouTubeServer& server) {
  using vv::testing::MakeVideoItem;
  const std::string channel = "UCvvDemoChannel000000001";
  auto iso = [](std::chrono::system_clock::time_point t) {
    std::time_t s = std::chrono::system_clock::to_time_t(t);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&s));
    return std::string(buf);
  };
  auto now = std::chrono::system_clock::now();
  struct Demo { const char* id; const char* title; int hours; int64_t views; int category; const char* duration; };
  const Demo demos[] = {
      {"vvDemoVid01", "I tried 100 days of coding", 6, 5200, 28, "PT10M12S"},
      {"vvDemoVid02", "Cooking pasta like an Italian grandmother", 72, 48000, 26, "PT14M3S"},
      {"vvDemoVid03", "My desk setup for 2024 (budget edition)", 288, 150000, 28, "PT8M40S"},
      {"vvPrivate01", "A private draft", 30, 10, 22, "PT1M"},
  };
  std::vector<std::string> uploads;
  for (const auto& d : demos) {
    auto item = MakeVideoItem(d.id, channel, d.title, d.views, d.views / 25, d.views / 180, d.category, d.duration);
    item["snippet"]["publishedAt"] = iso(now - std::chrono::hours(d.hours));
    item["snippet"]["tags"] = {"demo", "vv"};
    item["snippet"]["description"] = std::string("An invented video of the fake YouTube API: ") + d.title;
    server.AddVideo(item);
    if (std::string(d.id) != "vvPrivate01") uploads.push_back(d.id);
  }
  server.SetPrivate("vvPrivate01");
  server.AddChannel(vv::testing::MakeChannelItem(channel, "ViralVelocity Demo", 48200), uploads);
  server.SetHandle(channel, "@vvdemo");
  server.SetUsername(channel, "vvdemo");
}

}  // namespace

int main(int argc, char** argv) {
  const bool analyze = argc >= 2 && std::string(argv[1]) == "analyze";
  if (!analyze && argc != 4) {
    std::fprintf(stderr, "usage: %s US,GB VIDEOS_PER_REGION DELAY_MS\n       %s analyze\n", argv[0], argv[0]);
    return 2;
  }
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  // Blocked before the server thread starts, so only sigwait below sees them.
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  vv::testing::FakeYouTubeServer server;
  if (analyze) {
    AddAnalyzeWorld(server);
    // Views grow by about one per second of the server's life, on every answer.
    const auto started = std::chrono::steady_clock::now();
    server.SetFault([&server, started](const vv::testing::FakeRequest& request, int) {
      if (request.resource == "videos") {
        int64_t grown = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started).count();
        server.SetViews("vvDemoVid01", 5200 + grown);
        server.SetViews("vvDemoVid02", 48000 + grown / 4);
      }
      return std::optional<vv::testing::FakeReply>();
    });
    std::printf("%s %s\n", server.base_url().c_str(), server.api_key().c_str());
    std::fflush(stdout);
    int signal = 0;
    sigwait(&stop, &signal);
    return 0;
  }
  const int per_region = std::stoi(argv[2]);
  const int delay_ms = std::stoi(argv[3]);
  std::stringstream regions(argv[1]);
  std::string region;
  while (std::getline(regions, region, ',')) {
    std::vector<std::string> ids;
    for (int i = 0; i < per_region; ++i) {
      // Invented ids and titles; every fifth video is on two regions' charts.
      const int n = (i % 5 == 0) ? i : static_cast<int>(region[0]) * 1000 + i;
      const std::string id = "vid" + std::to_string(n);
      const std::string channel = "UCfault" + std::to_string(n % 37);
      server.AddVideo(vv::testing::MakeVideoItem(id, channel, "Fault test video " + std::to_string(n),
                                                 1000 + 7 * n, 10 + n % 50, n % 20, 10 + n % 14));
      ids.push_back(id);
    }
    server.SetTrending(region, 0, ids);
  }
  server.SetFault([delay_ms](const vv::testing::FakeRequest&, int) {
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    return std::optional<vv::testing::FakeReply>();
  });
  std::printf("%s %s\n", server.base_url().c_str(), server.api_key().c_str());
  std::fflush(stdout);
  int signal = 0;
  sigwait(&stop, &signal);
  return 0;
}
