#include "features/feature_schema.h"

#include "core/sha256.h"

namespace vv {

std::string FeatureSchema::Hash() const {
  nlohmann::json canonical = {{"version", version}, {"features", names}};
  return Sha256Hex(canonical.dump());
}

nlohmann::json FeatureSchema::ToJson() const {
  return {{"version", version}, {"hash", Hash()}, {"features", names}};
}

}  // namespace vv
