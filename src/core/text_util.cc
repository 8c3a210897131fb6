#include "core/text_util.h"

#include <unicode/stringoptions.h>
#include <unicode/unistr.h>

#include <utf8.h>

#include <algorithm>
#include <cctype>
#include <iterator>

namespace vv {

bool IsValidUtf8(std::string_view text, size_t* bad_offset) {
  auto it = utf8::find_invalid(text.begin(), text.end());
  if (it == text.end()) return true;
  if (bad_offset) *bad_offset = static_cast<size_t>(it - text.begin());
  return false;
}

std::string ToValidUtf8(std::string_view text) {
  if (IsValidUtf8(text)) return std::string(text);
  std::string out;
  utf8::replace_invalid(text.begin(), text.end(), std::back_inserter(out));
  return out;
}

std::string Trim(std::string_view text) {
  size_t b = 0, e = text.size();
  while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
  return std::string(text.substr(b, e - b));
}

std::string ToLowerAscii(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::vector<std::string> SplitString(std::string_view text, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t pos = text.find(sep, start);
    if (pos == std::string_view::npos) {
      out.emplace_back(text.substr(start));
      return out;
    }
    out.emplace_back(text.substr(start, pos - start));
    start = pos + 1;
  }
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

size_t Utf8Length(std::string_view text) {
  return static_cast<size_t>(utf8::unchecked::distance(text.begin(), text.end()));
}

std::string FoldTag(std::string_view tag) {
  const std::string trimmed = Trim(tag);
  bool ascii = true;
  for (unsigned char c : trimmed) ascii = ascii && c < 0x80;
  if (ascii) return ToLowerAscii(trimmed);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(trimmed.data(), static_cast<int32_t>(trimmed.size())));
  u.foldCase(U_FOLD_CASE_DEFAULT);
  std::string out;
  u.toUTF8String(out);
  return out;
}

}  // namespace vv
