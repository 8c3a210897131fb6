#pragma once
// config/training.yaml: every hyper-parameter, horizon, threshold and gate. The file is checked
// against a schema (train/config_schema.cc, read by core/config_schema.h) before any work: an
// unknown key or an out-of-range value is refused with the key path ("velocity.max_depth") and
// file:line. Keys left out take the schema's defaults, so the JSON handed to trainers is always
// complete.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/config_schema.h"
#include "core/result.h"

namespace vv::train {

using vv::KeySpec;
using vv::KeyKind;

// The schema of config/training.yaml.
const std::vector<KeySpec>& TrainingConfigSchema();

struct TrainingConfig {
  nlohmann::json root;  // complete: defaults filled in

  uint64_t seed() const { return root["seed"].get<uint64_t>(); }
  // A model's section plus the global seed ({"seed": N, ...}); {} + seed for unknown models.
  nlohmann::json Section(const std::string& model) const;
  // sha256 of the canonical JSON of the whole config.
  std::string Hash() const;
};

// Built-in defaults only (when no file is given and config/training.yaml is absent).
TrainingConfig DefaultTrainingConfig();
// Parses and validates YAML text; `origin` names the file in messages.
Result<TrainingConfig> ParseTrainingConfig(const std::string& yaml_text, const std::string& origin);
Result<TrainingConfig> LoadTrainingConfig(const std::filesystem::path& path);

}  // namespace vv::train
