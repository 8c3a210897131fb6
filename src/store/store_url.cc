#include <cstdlib>
#include <regex>

#include "store/store.h"

namespace vv {

std::string ResolveStoreUrl(const std::string& flag_value) {
  if (!flag_value.empty()) return flag_value;
  if (const char* env = std::getenv("VV_DB"); env && *env) return env;
  return "sqlite:var/vv.db";
}

std::string RedactUrl(const std::string& url) {
  // scheme://user:password@host -> scheme://user:***@host
  static const std::regex kPassword(R"(^([a-z]+://[^:/@]*):[^@]*@)");
  std::string out = std::regex_replace(url, kPassword, "$1:***@");
  // key=value form: password=secret
  static const std::regex kKeyValue(R"(password=[^ &]*)");
  return std::regex_replace(out, kKeyValue, "password=***");
}

}  // namespace vv
