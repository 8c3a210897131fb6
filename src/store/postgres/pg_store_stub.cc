#include "store/store_internal.h"

namespace vv::store_internal {
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url) {
  return MakeError(ErrorCode::kUnavailable, "PostgreSQL backend not built yet", RedactUrl(url));
}
}  // namespace vv::store_internal
