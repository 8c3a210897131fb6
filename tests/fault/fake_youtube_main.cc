// The collector tests' fake YouTube API (tests/integration/collect/fake_youtube.h) as a
// process, for tests/fault/run_fault.sh: it kills `vv collect` mid-run, which needs a server
// outside the killed process.
//   fake_youtube_server REGIONS VIDEOS_PER_REGION DELAY_MS
// prints "BASE_URL API_KEY" on one line, then serves until SIGTERM or SIGINT. Every answer
// waits DELAY_MS first, so a run lasts long enough to be killed in the middle.
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "integration/collect/fake_youtube.h"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s US,GB VIDEOS_PER_REGION DELAY_MS\n", argv[0]);
    return 2;
  }
  const int per_region = std::stoi(argv[2]);
  const int delay_ms = std::stoi(argv[3]);
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  // Blocked before the server thread starts, so only sigwait below sees them.
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  vv::testing::FakeYouTubeServer server;
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
