#include <regex>

#include "store/store.h"
#include "store/store_internal.h"

namespace vv {

Result<std::unique_ptr<Store>> OpenStore(const std::string& url) {
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    return store_internal::OpenPostgresStore(url);
  }
  if (url.rfind("sqlite:", 0) == 0) {
    std::string path = url.substr(7);
    // "sqlite:///abs/path" and "sqlite://rel/path" are accepted too.
    if (path.rfind("//", 0) == 0) path = path.substr(2);
    if (path.empty()) {
      return MakeError(ErrorCode::kInvalidArgument, "sqlite store URL has no file path", url);
    }
    return store_internal::OpenSqliteStore(path);
  }
  static const std::regex kScheme(R"(^([A-Za-z][A-Za-z0-9+.-]*)://)");
  std::smatch match;
  if (std::regex_search(url, match, kScheme)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "unsupported store URL scheme '" + match[1].str() +
                         "' (use sqlite:PATH, a file path, or postgresql://...)",
                     RedactUrl(url));
  }
  if (url.empty()) return MakeError(ErrorCode::kInvalidArgument, "empty store URL");
  return store_internal::OpenSqliteStore(url);
}

}  // namespace vv
