#pragma once
// `vv import <what>`: each kind of import is a subcommand that registers itself from its own
// file (verb_import.cc has `trending`; verb_import_clickbait.cc adds `clickbait`), so adding
// one touches no shared file. Register from a static initializer:
//   static const bool kRegistered = vv::cli::RegisterImportSubcommand({"clickbait", "...", Run});
#include <functional>
#include <string>
#include <vector>

namespace vv::cli {

struct ImportSubcommand {
  std::string name;     // "trending", "clickbait"
  std::string summary;  // one line for `vv import --help`
  // args[0] is "vv import <name>", then the subcommand's own arguments; returns the exit code
  // (0 ok, 1 failure, 2 usage).
  std::function<int(std::vector<std::string> args)> run;
};

bool RegisterImportSubcommand(ImportSubcommand subcommand);
const std::vector<ImportSubcommand>& ImportSubcommands();

}  // namespace vv::cli
