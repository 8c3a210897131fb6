#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "cli/verb.h"

namespace {

void PrintUsage(std::FILE* out) {
  std::fprintf(out,
               "vv: ViralVelocity, YouTube video performance prediction\n\n"
               "usage: vv <command> [options]   (vv <command> --help for its options)\n\n"
               "commands:\n");
  for (const auto& verb : vv::cli::Verbs()) {
    std::fprintf(out, "  %-10s %s\n", verb.name.c_str(), verb.summary.c_str());
  }
  std::fprintf(out,
               "\nThe store is chosen by --db or VV_DB: sqlite:PATH (default sqlite:var/vv.db)\n"
               "or postgresql://user:password@host:port/dbname.\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    PrintUsage(stderr);
    return 2;
  }
  std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    PrintUsage(stdout);
    return 0;
  }
  for (const auto& verb : vv::cli::Verbs()) {
    if (verb.name != name) continue;
    std::vector<std::string> args;
    args.push_back("vv " + name);
    for (int i = 2; i < argc; ++i) args.emplace_back(argv[i]);
    try {
      return verb.run(std::move(args));
    } catch (const std::exception& e) {
      // Exceptions mean bugs or corruption (DESIGN.md "Errors"); say so and fail.
      std::fprintf(stderr, "vv %s: internal error: %s\n", name.c_str(), e.what());
      return 1;
    }
  }
  std::fprintf(stderr, "vv: unknown command '%s'\n\n", name.c_str());
  PrintUsage(stderr);
  return 2;
}
