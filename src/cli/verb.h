#pragma once
// Each verb of `vv` lives in its own file and registers itself here, so that adding a verb
// touches no shared file.
#include <functional>
#include <string>
#include <vector>

namespace vv::cli {

struct Verb {
  std::string name;     // "generate", "import", "stats", ...
  std::string summary;  // one line for `vv --help`
  // args[0] is "vv <name>"; returns the process exit code (0 ok, 1 failure, 2 usage).
  std::function<int(std::vector<std::string> args)> run;
};

bool RegisterVerb(Verb verb);
const std::vector<Verb>& Verbs();

// Parses with CLI11 and maps its errors to exit codes: --help prints and returns 0,
// an unknown flag prints usage and returns 2.
int ExitCodeForParseError(int cli11_exit_code);

}  // namespace vv::cli
