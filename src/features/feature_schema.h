#pragma once
// A model's inputs are named and ordered by a schema; its hash is saved in every manifest and a
// serving request is refused when the hashes differ (no train/serve skew).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace vv {

struct FeatureSchema {
  int version = 1;
  std::vector<std::string> names;  // column order of the feature vector

  // sha256 of the canonical JSON of (version, names): stable across runs and machines.
  std::string Hash() const;
  nlohmann::json ToJson() const;  // {"version", "hash", "features": [...]}
};

}  // namespace vv
