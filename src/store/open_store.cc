#include "store/store.h"
#include "store/store_internal.h"
#include "store/store_url.h"

namespace vv {

Result<std::unique_ptr<Store>> OpenStore(const std::string& url) {
  VV_ASSIGN_OR_RETURN(store_internal::StoreTarget target, store_internal::ParseStoreUrl(url));
  if (target.backend == store_internal::Backend::kPostgres) {
    return store_internal::OpenPostgresStore(target.location);
  }
  return store_internal::OpenSqliteStore(target.location);
}

}  // namespace vv
