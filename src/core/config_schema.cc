#include "core/config_schema.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace vv {

namespace {

using nlohmann::json;

json::json_pointer Pointer(const std::string& dotted) {
  std::string p = "/" + dotted;
  for (char& c : p) c = c == '.' ? '/' : c;
  return json::json_pointer(p);
}

std::string Where(const std::string& origin, const YAML::Node& node) {
  return origin + ":" + std::to_string(node.Mark().line + 1);
}

class Validator {
 public:
  Validator(std::string origin, const std::vector<KeySpec>& schema) : origin_(std::move(origin)) {
    for (const auto& spec : schema) {
      leaves_[spec.path] = &spec;
      for (size_t dot = spec.path.find('.'); dot != std::string::npos;
           dot = spec.path.find('.', dot + 1)) {
        sections_.insert(spec.path.substr(0, dot));
      }
    }
  }

  Status Walk(const YAML::Node& node, const std::string& prefix, json& out) {
    if (node.IsNull()) return {};
    if (!node.IsMap()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       (prefix.empty() ? std::string("config") : prefix) + ": expected a mapping",
                       Where(origin_, node));
    }
    for (const auto& item : node) {
      const std::string key = item.first.as<std::string>();
      const std::string path = prefix.empty() ? key : prefix + "." + key;
      if (auto it = leaves_.find(path); it != leaves_.end()) {
        VV_ASSIGN_OR_RETURN(out[Pointer(path)], Value(*it->second, item.second));
      } else if (sections_.count(path)) {
        VV_RETURN_IF_ERROR(Walk(item.second, path, out));
      } else {
        return MakeError(ErrorCode::kInvalidArgument,
                         path + ": unknown key" + Known(prefix), Where(origin_, item.first));
      }
    }
    return {};
  }

 private:
  // "(known in velocity: a, b, c)" to help fix a typo.
  std::string Known(const std::string& prefix) const {
    std::string list;
    const std::string head = prefix.empty() ? "" : prefix + ".";
    std::set<std::string> names;
    for (const auto& [path, spec] : leaves_) {
      if (path.compare(0, head.size(), head) != 0) continue;
      names.insert(path.substr(head.size(), path.find('.', head.size()) - head.size()));
    }
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    return " (known" + (prefix.empty() ? std::string() : " in " + prefix) + ": " + list + ")";
  }

  Error OutOfRange(const KeySpec& spec, const YAML::Node& node, const std::string& text) const {
    return MakeError(ErrorCode::kInvalidArgument,
                     spec.path + ": " + text + " is out of range [" + Fmt(spec.min) + ", " +
                         Fmt(spec.max) + "]",
                     Where(origin_, node));
  }
  static std::string Fmt(double v) {
    json j = v == std::floor(v) && std::abs(v) < 1e15 ? json(static_cast<int64_t>(v)) : json(v);
    return j.dump();
  }

  Result<double> Number(const KeySpec& spec, const YAML::Node& node, bool integer) const {
    const std::string kind = integer ? "an integer" : "a number";
    if (!node.IsScalar()) {
      return MakeError(ErrorCode::kInvalidArgument, spec.path + ": expected " + kind,
                       Where(origin_, node));
    }
    double v = 0;
    try {
      v = integer ? static_cast<double>(node.as<int64_t>()) : node.as<double>();
    } catch (const YAML::Exception&) {
      return MakeError(ErrorCode::kInvalidArgument,
                       spec.path + ": expected " + kind + ", got '" + node.Scalar() + "'",
                       Where(origin_, node));
    }
    if (!std::isfinite(v) || v < spec.min || v > spec.max) {
      return OutOfRange(spec, node, node.Scalar());
    }
    return v;
  }

  Result<json> Value(const KeySpec& spec, const YAML::Node& node) const {
    switch (spec.kind) {
      case KeyKind::kInt: {
        VV_ASSIGN_OR_RETURN(double v, Number(spec, node, true));
        return json(static_cast<int64_t>(v));
      }
      case KeyKind::kNumber: {
        VV_ASSIGN_OR_RETURN(double v, Number(spec, node, false));
        return json(v);
      }
      case KeyKind::kBool:
        try {
          if (node.IsScalar()) return json(node.as<bool>());
        } catch (const YAML::Exception&) {
        }
        return MakeError(ErrorCode::kInvalidArgument, spec.path + ": expected true or false",
                         Where(origin_, node));
      case KeyKind::kString: {
        if (!node.IsScalar()) {
          return MakeError(ErrorCode::kInvalidArgument, spec.path + ": expected a string",
                           Where(origin_, node));
        }
        const std::string v = node.Scalar();
        if (!spec.choices.empty() &&
            std::find(spec.choices.begin(), spec.choices.end(), v) == spec.choices.end()) {
          std::string allowed;
          for (const auto& c : spec.choices) allowed += (allowed.empty() ? "" : ", ") + c;
          return MakeError(ErrorCode::kInvalidArgument,
                           spec.path + ": '" + v + "' is not one of: " + allowed,
                           Where(origin_, node));
        }
        return json(v);
      }
      case KeyKind::kNumberList: {
        if (!node.IsSequence() || node.size() == 0) {
          return MakeError(ErrorCode::kInvalidArgument,
                           spec.path + ": expected a non-empty list of numbers",
                           Where(origin_, node));
        }
        json list = json::array();
        for (const auto& element : node) {
          VV_ASSIGN_OR_RETURN(double v, Number(spec, element, false));
          list.push_back(v);
        }
        return list;
      }
    }
    return MakeError(ErrorCode::kInternal, "unhandled key kind", spec.path);
  }

  std::string origin_;
  std::map<std::string, const KeySpec*> leaves_;
  std::set<std::string> sections_;
};

}  // namespace

KeySpec IntKey(std::string path, int64_t def, double min, double max) {
  return {std::move(path), KeyKind::kInt, min, max, def, {}};
}
KeySpec NumKey(std::string path, double def, double min, double max) {
  return {std::move(path), KeyKind::kNumber, min, max, def, {}};
}
KeySpec BoolKey(std::string path, bool def) {
  return {std::move(path), KeyKind::kBool, 0, 0, def, {}};
}
KeySpec StrKey(std::string path, std::string def, std::vector<std::string> choices) {
  return {std::move(path), KeyKind::kString, 0, 0, def, std::move(choices)};
}
KeySpec ListKey(std::string path, std::vector<double> def, double min, double max) {
  return {std::move(path), KeyKind::kNumberList, min, max, def, {}};
}

json SchemaDefaults(const std::vector<KeySpec>& schema) {
  json root = json::object();
  for (const auto& spec : schema) root[Pointer(spec.path)] = spec.default_value;
  return root;
}

Result<json> ParseWithSchema(const std::string& yaml_text, const std::string& origin,
                             const std::vector<KeySpec>& schema) {
  YAML::Node doc;
  try {
    doc = YAML::Load(yaml_text);
  } catch (const YAML::Exception& e) {
    return MakeError(ErrorCode::kInvalidArgument, "invalid YAML: " + e.msg,
                     origin + ":" + std::to_string(e.mark.line + 1));
  }
  json root = SchemaDefaults(schema);
  Validator validator(origin, schema);
  VV_RETURN_IF_ERROR(validator.Walk(doc, "", root));
  return root;
}

}  // namespace vv
