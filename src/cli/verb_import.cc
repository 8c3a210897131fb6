// `vv import <subcommand>`: dispatches to the subcommands registered in
// import_subcommands.h, and defines `vv import trending` (the Kaggle trending CSV files; the
// work is in collect/kaggle_import.h).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>

#include "cli/import_subcommands.h"
#include "cli/verb.h"
#include "collect/kaggle_import.h"
#include "store/store.h"

namespace vv::cli {

namespace {

std::vector<ImportSubcommand>& MutableSubcommands() {
  static std::vector<ImportSubcommand> subcommands;
  return subcommands;
}

void PrintImportUsage(std::FILE* out) {
  std::fprintf(out, "usage: vv import <what> [options]   (vv import <what> --help)\n\n");
  for (const auto& sub : ImportSubcommands()) {
    std::fprintf(out, "  %-10s %s\n", sub.name.c_str(), sub.summary.c_str());
  }
}

int RunImport(std::vector<std::string> args) {
  if (args.size() < 2) {
    PrintImportUsage(stderr);
    return 2;
  }
  const std::string& name = args[1];
  if (name == "--help" || name == "-h") {
    PrintImportUsage(stdout);
    return 0;
  }
  for (const auto& sub : ImportSubcommands()) {
    if (sub.name != name) continue;
    std::vector<std::string> sub_args{"vv import " + name};
    sub_args.insert(sub_args.end(), args.begin() + 2, args.end());
    return sub.run(std::move(sub_args));
  }
  std::fprintf(stderr, "vv import: unknown kind of import '%s'\n\n", name.c_str());
  PrintImportUsage(stderr);
  return 2;
}

int RunImportTrending(std::vector<std::string> args) {
  CLI::App app{
      "Imports Kaggle trending CSV files (2017, 2017 v1 and 2020+ formats, any "
      "column subset) in one transaction.",
      args[0]};
  collect::TrendingImportOptions options;
  std::string db;
  app.add_option("files", options.files, "CSV files")->required();
  app.add_option("--categories", options.category_files,
                 "category_id.json (items[].id -> snippet.title); repeatable");
  app.add_option("--region", options.region,
                 "region code for sources and category names (default: the file name's "
                 "US_/GB_ prefix)");
  app.add_option("--db", db, "store URL (default: VV_DB, else sqlite:var/vv.db)");
  std::vector<std::string> reversed(args.rbegin(), args.rend() - 1);  // CLI11 wants them reversed
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    return ExitCodeForParseError(app.exit(e));
  }
  std::string url = ResolveStoreUrl(db);
  // Read and check every file before opening the store: bad input never touches it.
  collect::TrendingImportSummary summary;
  auto start = std::chrono::steady_clock::now();
  auto batch = collect::ReadTrendingFiles(options, &summary);
  if (!batch.ok()) {
    std::fprintf(stderr, "vv import trending: %s\n", batch.error().ToString().c_str());
    return 1;
  }
  for (const auto& warning : summary.warnings) {
    std::fprintf(stderr, "vv import trending: warning: %s\n", warning.c_str());
  }
  auto store = OpenStore(url);
  if (!store.ok()) {
    std::fprintf(stderr, "vv import trending: %s\n", store.error().ToString().c_str());
    return 1;
  }
  Status written = collect::WriteTrendingBatch(**store, *batch);
  if (!written.ok()) {
    std::fprintf(stderr, "vv import trending: nothing written: %s\n",
                 written.error().ToString().c_str());
    return 1;
  }
  collect::FillWrittenCounts(*batch, &summary);
  summary.elapsed_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("imported into %s\n%s", (*store)->Describe().c_str(), summary.ToText().c_str());
  return 0;
}

const bool kRegistered =
    RegisterVerb({"import", "import data sets (vv import --help lists them)", RunImport}) &&
    RegisterImportSubcommand({"trending",
                              "Kaggle trending CSV files [--categories JSON] [--region XX]",
                              RunImportTrending});

}  // namespace

bool RegisterImportSubcommand(ImportSubcommand subcommand) {
  auto& subs = MutableSubcommands();
  subs.push_back(std::move(subcommand));
  std::sort(subs.begin(), subs.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return true;
}

const std::vector<ImportSubcommand>& ImportSubcommands() { return MutableSubcommands(); }

}  // namespace vv::cli
