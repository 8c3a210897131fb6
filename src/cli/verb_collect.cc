// `vv collect`: the YouTube Data API v3 collector (src/collect/collectors.h).
#include <CLI/CLI.hpp>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <thread>

#include "cli/verb.h"
#include "collect/collectors.h"
#include "core/text_util.h"
#include "core/time_util.h"

namespace vv::cli {
namespace {

constexpr const char* kFooter = R"(
API key: set YOUTUBE_API_KEY, or name a file holding it with --key-file (first line). The key is
  sent only to the API; it never appears in output, logs, errors or the store (URLs print key=***).
Quota: each videos.list, channels.list, playlistItems.list call costs 1 unit (search.list 100);
  calls are batched 50 ids per request. --daily-budget (default 10000, the API's default daily
  allowance) caps the units of all runs in one quota day (midnight Pacific, taken as UTC-8):
  a run stops before passing it, and stops at once when the API answers quotaExceeded. Either
  way what was collected is kept and the run record lists what is left for the next run.
Tracked videos (`vv analyze`): snapshotted every hour for the first 48 h after publication,
  then daily until 30 days (src/collect/track_schedule.h); `vv collect videos` takes what is
  due, 50 videos per call, and `vv collect run` does it every round.
Schedule: `vv collect run --interval 1h` loops trending, channel and video collection; or run the
  one-shot commands from cron or a systemd timer (docs/DEPLOYMENT.md). Several `vv collect run`
  processes on one PostgreSQL store share the tracked channels without polling one twice.
Runs: every run is recorded in collection_runs (`vv collect runs` shows them).
Exit status: 0 ok; 1 failed or partial (some items or lists failed); 2 usage; 75 stopped by
  quota (try again after the quota day resets).
Options may also come from --config FILE (TOML/INI, one section per subcommand:
  [trending] key-file = "/etc/vv/youtube.key"  daily-budget = 5000); flags override it.)";

std::atomic<bool> g_stop{false};
extern "C" void OnSignal(int) { g_stop = true; }

Result<std::chrono::seconds> ParseInterval(const std::string& text) {
  char* end = nullptr;
  double n = std::strtod(text.c_str(), &end);
  std::string unit = Trim(end ? end : "");
  double scale = unit == "s" ? 1 : unit == "m" ? 60 : unit == "h" ? 3600 : unit == "d" ? 86400 : -1;
  if (end == text.c_str() || scale < 0 || n <= 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "'" + text + "' is not an interval (e.g. 90s, 30m, 1h, 1d)", "--interval");
  }
  return std::chrono::seconds(static_cast<int64_t>(n * scale));
}

struct Flags {
  std::string db, key_file, api_base = kDefaultApiBase, regions, categories, ids, file;
  std::string interval = "1h", lease = "10m", channel_interval;
  int64_t daily_budget = 10000;
  int depth = 50, pages = 4, retries = 5, timeout_s = 30, iterations = 0, limit = 20;
};

void AddCommon(CLI::App* app, Flags& f) {
  app->add_option("--db", f.db, "store URL (default: VV_DB, else sqlite:var/vv.db)");
  app->add_option("--key-file", f.key_file, "file whose first line is the API key (if YOUTUBE_API_KEY is unset)")
      ->envname("VV_YOUTUBE_KEY_FILE");
  app->add_option("--api-base", f.api_base, "API root URL (default " + std::string(kDefaultApiBase) + ")");
  app->add_option("--daily-budget", f.daily_budget, "quota units allowed per quota day (default 10000)")
      ->envname("VV_COLLECT_DAILY_BUDGET");
  app->add_option("--retries", f.retries, "attempts per request on 5xx/429/network errors (default 5)");
  app->add_option("--timeout", f.timeout_s, "seconds per request (default 30)");
}

void AddTrending(CLI::App* app, Flags& f, bool required) {
  auto* r = app->add_option("--regions", f.regions, "region codes, e.g. US,GB,IN");
  if (required) r->required();
  app->add_option("--categories", f.categories, "category ids, e.g. 10,20 (default: the overall chart)");
  app->add_option("--pages", f.pages, "pages of 50 per chart (default 4, the API's 200-video maximum)");
}

void AddChannels(CLI::App* app, Flags& f) {
  app->add_option("--file", f.file, "channel ids to track, one per line");
  app->add_option("--ids", f.ids, "channel ids to track, comma-separated");
  app->add_option("--depth", f.depth, "newest uploads per channel to snapshot (default 50)");
  app->add_option("--lease", f.lease, "how long a claimed channel is reserved (default 10m)");
  app->add_option("--channel-interval", f.channel_interval,
                  "a collected channel is due again after this (default: --interval, 1h)");
}

Result<CollectConfig> BuildConfig(const Flags& f) {
  CollectConfig config;
  VV_ASSIGN_OR_RETURN(config.client.api_key, LoadApiKey(f.key_file));
  config.client.api_base = f.api_base;
  config.client.retry.max_attempts = f.retries;
  config.http.total_timeout = std::chrono::seconds(f.timeout_s);
  config.daily_budget = f.daily_budget;
  config.depth = f.depth;
  config.trending_pages = f.pages;
  if (!f.regions.empty()) { VV_ASSIGN_OR_RETURN(config.regions, ParseRegions(f.regions)); }
  if (!f.categories.empty()) { VV_ASSIGN_OR_RETURN(config.categories, ParseCategoryIds(f.categories)); }
  VV_ASSIGN_OR_RETURN(config.lease, ParseInterval(f.lease));
  VV_ASSIGN_OR_RETURN(config.channel_interval,
                      ParseInterval(f.channel_interval.empty() ? f.interval : f.channel_interval));
  if (f.timeout_s < 1) return MakeError(ErrorCode::kInvalidArgument, "--timeout must be >= 1");
  VV_RETURN_IF_ERROR(config.Validate());
  return config;
}

Result<std::vector<std::string>> ChannelIdsFromFlags(const Flags& f) {
  std::vector<std::string> ids;
  if (!f.file.empty()) { VV_ASSIGN_OR_RETURN(ids, ReadChannelFile(f.file)); }
  for (std::string id : SplitString(f.ids, ',')) {
    id = Trim(id);
    if (id.empty()) continue;
    VV_RETURN_IF_ERROR(ValidateChannelIds({id}, "--ids"));
    ids.push_back(id);
  }
  return ids;
}

void PrintRun(const CollectionRun& run) {
  std::printf("run %lld %s: %s, %lld calls, %lld units, %lld rows, %lld errors\n  %s\n",
              static_cast<long long>(run.id), run.kind.c_str(), run.status.c_str(),
              static_cast<long long>(run.calls), static_cast<long long>(run.units),
              static_cast<long long>(run.rows), static_cast<long long>(run.errors), run.message.c_str());
  std::fflush(stdout);
}

int Fail(const Error& error, int code) {
  std::fprintf(stderr, "vv collect: %s\n", error.ToString().c_str());
  return code;
}

int ShowRuns(Store& store, int limit) {
  auto runs = store.LoadRuns(limit);
  if (!runs.ok()) return Fail(runs.error(), 1);
  for (const auto& run : *runs) {
    std::printf("%lld\t%s\t%s\t%s\t%s\tcalls=%lld units=%lld rows=%lld errors=%lld\t%s\n",
                static_cast<long long>(run.id), run.kind.c_str(), FormatIso8601(run.started_at).c_str(),
                run.ended_at ? FormatIso8601(*run.ended_at).c_str() : "-", run.status.c_str(),
                static_cast<long long>(run.calls), static_cast<long long>(run.units),
                static_cast<long long>(run.rows), static_cast<long long>(run.errors), run.message.c_str());
  }
  return 0;
}

// The `run` loop: trending (when regions are set) then channels, every interval, until a
// signal or --iterations. Returns the exit code of the last round.
int RunLoop(Collector& collector, const CollectConfig& config, std::chrono::seconds interval, int iterations) {
  int code = 0;
  for (int round = 0; iterations <= 0 || round < iterations; ++round) {
    auto started = std::chrono::steady_clock::now();
    code = 0;
    if (!config.regions.empty()) {
      auto run = collector.CollectTrending();
      if (!run.ok()) return Fail(run.error(), 1);
      PrintRun(*run);
      code = std::max(code, ExitCodeForRun(*run));
    }
    auto run = collector.CollectChannels();
    if (!run.ok()) return Fail(run.error(), 1);
    PrintRun(*run);
    code = std::max(code, ExitCodeForRun(*run));
    if (!g_stop) {
      auto videos = collector.CollectVideos();
      if (!videos.ok()) return Fail(videos.error(), 1);
      PrintRun(*videos);
      code = std::max(code, ExitCodeForRun(*videos));
    }
    if (g_stop || (iterations > 0 && round + 1 >= iterations)) break;
    while (!g_stop && std::chrono::steady_clock::now() - started < interval) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    if (g_stop) break;
  }
  return code;
}

int RunCollect(std::vector<std::string> args) {
  CLI::App app{"Collects YouTube data through the Data API v3 into the store.", args[0]};
  app.footer(kFooter);
  app.set_config("--config", "", "read options from an INI/TOML file");
  app.require_subcommand(1);
  Flags f;
  auto* trending = app.add_subcommand("trending", "snapshot the trending (mostPopular) charts");
  AddCommon(trending, f);
  AddTrending(trending, f, true);
  auto* channels = app.add_subcommand("channels", "track channels and snapshot their newest uploads");
  AddCommon(channels, f);
  AddChannels(channels, f);
  auto* videos = app.add_subcommand("videos", "snapshot the tracked videos that are due (vv analyze)");
  AddCommon(videos, f);
  auto* run = app.add_subcommand("run", "loop trending, channel and tracked-video collection on a schedule");
  AddCommon(run, f);
  AddTrending(run, f, false);
  AddChannels(run, f);
  run->add_option("--interval", f.interval, "time between rounds (default 1h)");
  run->add_option("--iterations", f.iterations, "stop after this many rounds (default 0: forever)");
  auto* runs = app.add_subcommand("runs", "list recent collection runs");
  runs->add_option("--db", f.db, "store URL (default: VV_DB, else sqlite:var/vv.db)");
  runs->add_option("--limit", f.limit, "how many (default 20)");
  std::vector<std::string> reversed(args.rbegin(), args.rend() - 1);
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    return ExitCodeForParseError(app.exit(e));
  }
  auto store = OpenStore(ResolveStoreUrl(f.db));
  if (!store.ok()) return Fail(store.error(), 1);
  if (runs->parsed()) return ShowRuns(**store, f.limit);

  auto config = BuildConfig(f);
  if (!config.ok()) {
    return Fail(config.error(), config.error().code == ErrorCode::kInvalidArgument ? 2 : 1);
  }
  auto interval = ParseInterval(f.interval);
  if (!interval.ok()) return Fail(interval.error(), 2);
  auto ids = ChannelIdsFromFlags(f);
  if (!ids.ok()) return Fail(ids.error(), 2);
  if (channels->parsed() && ids->empty()) {
    return Fail(MakeError(ErrorCode::kInvalidArgument, "give --file or --ids"), 2);
  }
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  auto fetcher = MakeCurlFetcher(config->http);
  SessionOptions hooks;
  hooks.stop_requested = [] { return g_stop.load(); };
  Collector collector(**store, *fetcher, *config, hooks);
  if (!ids->empty()) {
    if (Status s = collector.TrackChannels(*ids); !s.ok()) return Fail(s.error(), 1);
  }
  if (trending->parsed()) {
    auto result = collector.CollectTrending();
    if (!result.ok()) return Fail(result.error(), 1);
    PrintRun(*result);
    return ExitCodeForRun(*result);
  }
  if (videos->parsed()) {
    auto result = collector.CollectVideos();
    if (!result.ok()) return Fail(result.error(), 1);
    PrintRun(*result);
    return ExitCodeForRun(*result);
  }
  if (channels->parsed()) {
    auto result = collector.CollectChannels();
    if (!result.ok()) return Fail(result.error(), 1);
    PrintRun(*result);
    return ExitCodeForRun(*result);
  }
  return RunLoop(collector, *config, *interval, f.iterations);
}

const bool kRegistered = RegisterVerb(
    {"collect", "collect YouTube trending charts and channel uploads (Data API v3)", RunCollect});

}  // namespace
}  // namespace vv::cli
