#pragma once
// The one reader of the YAML config files (config/training.yaml, config/serve.yaml): a file is
// checked against a schema of dotted keys before any work. An unknown key or an out-of-range
// value is refused with the key path ("velocity.max_depth") and file:line; keys left out take
// the schema's defaults, so the JSON handed on is always complete.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace vv {

enum class KeyKind { kInt, kNumber, kBool, kString, kNumberList };

struct KeySpec {
  std::string path;  // "velocity.max_depth"
  KeyKind kind = KeyKind::kNumber;
  double min = 0, max = 0;          // inclusive bounds for numbers, ints and list elements
  nlohmann::json default_value;
  std::vector<std::string> choices;  // allowed strings (kString); empty = any
};

KeySpec IntKey(std::string path, int64_t def, double min, double max);
KeySpec NumKey(std::string path, double def, double min, double max);
KeySpec BoolKey(std::string path, bool def);
KeySpec StrKey(std::string path, std::string def, std::vector<std::string> choices);
KeySpec ListKey(std::string path, std::vector<double> def, double min, double max);

// Every key of the schema at its default, as nested JSON ({"velocity": {"max_depth": 6}}).
nlohmann::json SchemaDefaults(const std::vector<KeySpec>& schema);

// Parses YAML text and checks it against the schema; `origin` names the file in messages.
Result<nlohmann::json> ParseWithSchema(const std::string& yaml_text, const std::string& origin,
                                       const std::vector<KeySpec>& schema);

}  // namespace vv
