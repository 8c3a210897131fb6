// Cleaning and storing 10,000 YouTube API video items (issue 5 target: < 2 s): the collector's
// whole path after the network: parse 200 videos.list pages of 50, clean (entities, NFC, tags),
// deduplicate (one latest-snapshot lookup per video), write each page in one transaction with
// the run record, into a fresh SQLite file.
#include <benchmark/benchmark.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "collect/collect_session.h"
#include "collect/youtube_parse.h"

namespace vv {
namespace {

constexpr int kItems = 10000;
constexpr int kPerPage = 50;

class NoNetwork : public HttpFetcher {
 public:
  Result<HttpResponse> Get(const std::string&, bool*) override {
    return MakeError(ErrorCode::kInternal, "the benchmark makes no calls");
  }
};

std::vector<std::string> MakePages() {
  std::vector<std::string> pages;
  for (int p = 0; p < kItems / kPerPage; ++p) {
    nlohmann::json items = nlohmann::json::array();
    for (int i = p * kPerPage; i < (p + 1) * kPerPage; ++i) {
      std::string id = "vid" + std::to_string(i);
      // Decomposed accents (NFC work), entities and messy tags, as scraped titles have.
      std::string title = "Caf\x65\xCC\x81 &amp; Cr\xC3\xA8me &#39;Live&#39; session #" + std::to_string(i);
      std::string description(400, 'x');
      description += " \xE2\x80\x94 follow us &gt;&gt; https://example.com/" + id;
      nlohmann::json stats = {{"viewCount", std::to_string(1000 + i * 37)}, {"commentCount", "12"}};
      if (i % 5) stats["likeCount"] = std::to_string(i);
      items.push_back({{"kind", "youtube#video"}, {"id", id},
                       {"snippet", {{"publishedAt", "2024-03-01T12:00:00Z"},
                                    {"channelId", "UCbenchbenchbenchbench" + std::to_string(i % 100)},
                                    {"title", title}, {"description", description},
                                    {"tags", {"Music", " music ", "Live Session", "caf\x65\xCC\x81"}},
                                    {"categoryId", "10"}, {"defaultAudioLanguage", "en"},
                                    {"thumbnails", {{"high", {{"url", "https://i.ytimg.com/vi/" + id + "/hq.jpg"}}}}}}},
                       {"contentDetails", {{"duration", "PT4M13S"}}},
                       {"statistics", stats}});
    }
    pages.push_back(nlohmann::json{{"kind", "youtube#videoListResponse"}, {"items", items}}.dump());
  }
  return pages;
}

void BM_CleanAndStore10k(benchmark::State& state) {
  std::vector<std::string> pages = MakePages();
  NoNetwork fetcher;
  std::string dir = std::filesystem::temp_directory_path() / "vv-collect-bench";
  int round = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::filesystem::remove_all(dir);
    auto store = OpenStore("sqlite:" + dir + "/bench" + std::to_string(round++) + ".db");
    if (!store.ok()) return state.SkipWithError(store.error().ToString().c_str());
    auto session = CollectSession::Start(**store, fetcher, "bench", SessionOptions{});
    if (!session.ok()) return state.SkipWithError(session.error().ToString().c_str());
    state.ResumeTiming();
    Timestamp now = Now();
    for (const auto& body : pages) {
      auto page = ParseVideoListResponse(body, "youtube:US");
      if (!page.ok()) return state.SkipWithError(page.error().ToString().c_str());
      for (auto& s : page->snapshots) s.captured_at = now;
      if (!(*session)->WritePage({}, std::move(page->videos), std::move(page->snapshots)).ok()) {
        return state.SkipWithError("write failed");
      }
    }
    state.PauseTiming();
    if ((*session)->run().rows != 2 * kItems) state.SkipWithError("not every row was written");
    session->reset();
    store->reset();
    state.ResumeTiming();
  }
  std::filesystem::remove_all(dir);
  state.SetItemsProcessed(state.iterations() * kItems);
}
BENCHMARK(BM_CleanAndStore10k)->Unit(benchmark::kMillisecond)->Iterations(3);


}  // namespace
}  // namespace vv

BENCHMARK_MAIN();
