#include "core/json_text.h"

#include <array>
#include <cmath>

#include <nlohmann/json.hpp>

namespace vv {

void AppendJsonString(std::string_view text, std::string* out) {
  // Printable ASCII other than the quote and the backslash is copied as is by dump(); anything
  // else (control characters, UTF-8) takes dump()'s own escaping and validation.
  for (unsigned char c : text) {
    if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
      out->append(nlohmann::json(std::string(text)).dump());
      return;
    }
  }
  out->push_back('"');
  out->append(text);
  out->push_back('"');
}

void AppendJsonNumber(double value, std::string* out) {
  if (!std::isfinite(value)) {
    out->append("null");
    return;
  }
  // The formatter dump() calls for a double (nlohmann's grisu2 to_chars).
  std::array<char, 64> buffer;
  char* end = nlohmann::detail::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  out->append(buffer.data(), end);
}

}  // namespace vv
