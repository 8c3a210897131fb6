#pragma once
// JSON text written straight into a string, byte for byte as nlohmann::json::dump() writes the
// same values (its shortest round-trip doubles, its escapes), for answers on the serving hot path
// where building a JSON tree and dumping it cost more than the prediction. Object keys must be
// written in dump()'s order, which is sorted.
#include <string>
#include <string_view>

namespace vv {

// A string value: quoted, escaped as dump() escapes it (throws on invalid UTF-8 as dump() does).
void AppendJsonString(std::string_view text, std::string* out);
// A number as dump() writes a double: shortest round trip ("0.1", "2.0", "1e-05"); NaN and
// infinities as null.
void AppendJsonNumber(double value, std::string* out);
inline void AppendJsonBool(bool value, std::string* out) { out->append(value ? "true" : "false"); }

}  // namespace vv
