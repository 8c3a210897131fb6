// `vv generate`: fills the store with a synthetic data set (collect/generator.h).
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>

#include "cli/verb.h"
#include "collect/generator.h"
#include "store/store.h"

namespace vv::cli {
namespace {

int RunGenerate(std::vector<std::string> args) {
  CLI::App app{
      "Generates a synthetic data set shaped like the real trending data: channels, "
      "videos with clickbait and anomaly labels, snapshots over --days. The same "
      "--seed gives the same data.",
      args[0]};
  GeneratorConfig config;
  std::string db;
  bool quiet = false;
  app.add_option("--videos", config.videos, "number of videos")->required();
  app.add_option("--channels", config.channels, "number of channels (default: videos / 20)");
  const CLI::Validator kNotNegative(
      [](std::string& v) { return v.starts_with('-') ? std::string("must not be negative") : ""; },
      "N >= 0");
  app.add_option("--seed", config.seed, "random seed (default 42)")->check(kNotNegative);
  app.add_option("--days", config.days, "days observed after each publication (default 30)");
  app.add_option("--db", db, "store URL (default: VV_DB, else sqlite:var/vv.db)");
  app.add_flag("--quiet", quiet, "no progress on stderr");
  std::vector<std::string> reversed(args.rbegin(), args.rend() - 1);  // CLI11 wants them reversed
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    return ExitCodeForParseError(app.exit(e));
  }
  if (Status valid = config.Validate(); !valid.ok()) {
    std::fprintf(stderr, "vv generate: %s\n", valid.error().ToString().c_str());
    return 2;
  }
  std::string url = ResolveStoreUrl(db);
  auto store = OpenStore(url);
  if (!store.ok()) {
    std::fprintf(stderr, "vv generate: %s\n", store.error().ToString().c_str());
    return 1;
  }
  auto start = std::chrono::steady_clock::now();
  int64_t next_report = 20000;
  auto progress = [&](int64_t done) {
    if (quiet || done < next_report || done == config.videos) return;
    std::fprintf(stderr, "vv generate: %lld of %lld videos\n", static_cast<long long>(done),
                 static_cast<long long>(config.videos));
    next_report += 20000;
  };
  auto summary = GenerateIntoStore(config, **store, progress);
  if (!summary.ok()) {
    std::fprintf(stderr, "vv generate: into %s: %s\n", (*store)->Describe().c_str(),
                 summary.error().ToString().c_str());
    return 1;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "generated %lld channels, %lld videos (%lld clickbait titles, %lld anomalies), "
      "%lld snapshots into %s in %.1f s (seed %llu)\n",
      static_cast<long long>(summary->channels), static_cast<long long>(summary->videos),
      static_cast<long long>(summary->clickbait), static_cast<long long>(summary->anomalies),
      static_cast<long long>(summary->snapshots), (*store)->Describe().c_str(), seconds,
      static_cast<unsigned long long>(config.seed));
  return 0;
}

const bool kRegistered =
    RegisterVerb({"generate", "fill the store with a synthetic data set (deterministic per --seed)",
                  RunGenerate});

}  // namespace
}  // namespace vv::cli
