#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace vv {

// True when text is valid UTF-8; otherwise *bad_offset gets the byte offset of the first error.
bool IsValidUtf8(std::string_view text, size_t* bad_offset = nullptr);
// text with each invalid UTF-8 sequence replaced by U+FFFD (valid text comes back unchanged).
std::string ToValidUtf8(std::string_view text);
std::string Trim(std::string_view text);
std::string ToLowerAscii(std::string_view text);
std::vector<std::string> SplitString(std::string_view text, char sep);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);
// Number of Unicode code points (text must be valid UTF-8).
size_t Utf8Length(std::string_view text);
// The form tags are compared in: trimmed, Unicode case folding (ICU), so "Music", "MUSIC" and
// "music" are one tag, as are "Straße" and "STRASSE". The importer dedups with it, and the
// tags model and its evaluation match with it.
std::string FoldTag(std::string_view tag);

}  // namespace vv
