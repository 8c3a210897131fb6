#include "train/config.h"

#include <cmath>

#include "core/sha256.h"
#include "registry/registry.h"

namespace vv::train {

namespace {

using nlohmann::json;

Status CheckSplitFractions(const json& root, const std::string& origin) {
  const double sum = root["split"]["train"].get<double>() +
                     root["split"]["validation"].get<double>() +
                     root["split"]["test"].get<double>();
  if (std::abs(sum - 1.0) > 1e-6) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "split: train + validation + test must be 1 (is " + json(sum).dump() + ")",
                     origin);
  }
  return {};
}

}  // namespace

json TrainingConfig::Section(const std::string& model) const {
  json section = root.contains(model) && root[model].is_object() ? root[model] : json::object();
  section["seed"] = root["seed"];
  return section;
}

std::string TrainingConfig::Hash() const { return Sha256Hex(root.dump()); }

TrainingConfig DefaultTrainingConfig() {
  TrainingConfig config;
  config.root = SchemaDefaults(TrainingConfigSchema());
  return config;
}

Result<TrainingConfig> ParseTrainingConfig(const std::string& yaml_text, const std::string& origin) {
  TrainingConfig config;
  VV_ASSIGN_OR_RETURN(config.root, ParseWithSchema(yaml_text, origin, TrainingConfigSchema()));
  VV_RETURN_IF_ERROR(CheckSplitFractions(config.root, origin));
  return config;
}

Result<TrainingConfig> LoadTrainingConfig(const std::filesystem::path& path) {
  auto text = registry::ReadWholeFile(path);
  if (!text.ok()) {
    return MakeError(ErrorCode::kNotFound, "cannot read training config", path.string());
  }
  return ParseTrainingConfig(*text, path.string());
}

}  // namespace vv::train
