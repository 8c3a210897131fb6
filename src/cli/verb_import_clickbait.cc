// `vv import clickbait --positive FILE --negative FILE [--db URL] [--source NAME]`: labelled
// titles, one per line (logic in src/train/clickbait_import.cc). Registers as a subcommand of
// `vv import` once src/cli/import_subcommands.h is present; until then as `vv import-clickbait`.
#include <CLI/CLI.hpp>

#include <cstdio>

#include "cli/verb.h"
#include "train/clickbait_import.h"
#if __has_include("cli/import_subcommands.h")
#include "cli/import_subcommands.h"
#define VV_HAVE_IMPORT_SUBCOMMANDS 1
#endif

namespace vv::cli {
namespace {

int RunImportClickbait(std::vector<std::string> args) {
  CLI::App app{"Stores labelled clickbait / non-clickbait titles (one title per line; blank lines "
               "skipped) for the clickbait model. All or nothing: one transaction.",
               args[0]};
  std::string positive, negative, db, source = "chakraborty2016";
  app.add_option("--positive", positive, "file of clickbait titles")->required();
  app.add_option("--negative", negative, "file of non-clickbait titles")->required();
  app.add_option("--db", db, "store URL (default: VV_DB, else sqlite:var/vv.db)");
  app.add_option("--source", source, "source name stored with each title");
  std::vector<std::string> reversed(args.rbegin(), args.rend() - 1);
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    return ExitCodeForParseError(app.exit(e));
  }
  auto store = OpenStore(ResolveStoreUrl(db));
  if (!store.ok()) {
    std::fprintf(stderr, "vv import clickbait: %s\n", store.error().ToString().c_str());
    return 1;
  }
  auto stats = train::ImportClickbaitTitles(**store, positive, negative, source);
  if (!stats.ok()) {
    std::fprintf(stderr, "vv import clickbait: %s\n", stats.error().ToString().c_str());
    return 1;
  }
  std::printf("imported %zu clickbait and %zu non-clickbait titles (source %s) into %s",
              stats->positive, stats->negative, source.c_str(), (*store)->Describe().c_str());
  if (stats->conflicting > 0) std::printf("; %zu titles in both files left out", stats->conflicting);
  if (stats->duplicates > 0) std::printf("; %zu repeats ignored", stats->duplicates);
  std::printf("\n");
  return 0;
}

#ifdef VV_HAVE_IMPORT_SUBCOMMANDS
const bool kRegistered = RegisterImportSubcommand(
    {"clickbait", "labelled clickbait titles: --positive FILE --negative FILE", RunImportClickbait});
#else
const bool kRegistered = RegisterVerb(
    {"import-clickbait", "labelled clickbait titles (becomes `vv import clickbait`)",
     RunImportClickbait});
#endif

}  // namespace
}  // namespace vv::cli
