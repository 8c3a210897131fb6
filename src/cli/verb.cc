#include "cli/verb.h"

#include <algorithm>

namespace vv::cli {

namespace {
std::vector<Verb>& MutableVerbs() {
  static std::vector<Verb> verbs;
  return verbs;
}
}  // namespace

bool RegisterVerb(Verb verb) {
  auto& verbs = MutableVerbs();
  verbs.push_back(std::move(verb));
  std::sort(verbs.begin(), verbs.end(),
            [](const Verb& a, const Verb& b) { return a.name < b.name; });
  return true;
}

const std::vector<Verb>& Verbs() { return MutableVerbs(); }

int ExitCodeForParseError(int cli11_exit_code) { return cli11_exit_code == 0 ? 0 : 2; }

}  // namespace vv::cli
