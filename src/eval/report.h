#pragma once
// Evaluation output: the per-model entry of `vv evaluate --json`
//   {"version", "n", "metrics": {...}, "baselines": {"<baseline>": {...}}}
// and the plain-text table that puts a model's metrics beside its baselines.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace vv::eval {

// The evaluation entry of a registry manifest (its stored held-out report).
nlohmann::json EntryFromManifest(const nlohmann::json& manifest);

// Numbers of a metrics object flattened with dotted keys ("by_horizon.le_1d.mrse"); arrays and
// strings (confusion matrices, labels) are left out of tables. NaN is stored as null: kept.
std::vector<std::pair<std::string, nlohmann::json>> FlattenMetrics(const nlohmann::json& metrics);

// One table: a row per metric, a column for the model and one per baseline.
std::string FormatTable(const std::string& model, const nlohmann::json& entry);
// The same table as Markdown (docs/MODELS.md).
std::string FormatMarkdownTable(const std::string& model, const nlohmann::json& entry);

// 4 significant digits, "n/a" for null.
std::string FormatValue(const nlohmann::json& value);

}  // namespace vv::eval
