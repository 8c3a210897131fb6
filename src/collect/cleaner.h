#pragma once
// Text and count normalization for everything the collector stores. Titles from the API (and
// from older scrapes) carry HTML entities, decomposed accents, stray whitespace and duplicate
// tags; the models and the deduplicator need one spelling per string.
#include <string>
#include <string_view>
#include <vector>

#include "core/types.h"

namespace vv {

// "&amp;", "&#39;", "&#x1F600;" and the common named entities -> UTF-8. Unknown entities stay.
std::string DecodeHtmlEntities(std::string_view text);
// Unicode NFC (ICU). Invalid UTF-8 sequences become U+FFFD.
std::string NormalizeNfc(std::string_view text);
// One line: entities decoded, NFC, control characters and whitespace runs -> one space, trimmed.
std::string CleanLine(std::string_view text);
// Multi-line text: as CleanLine but newlines kept (CRLF -> LF, at most one blank line in a row).
std::string CleanMultiline(std::string_view text);
// Each tag cleaned as a line and lower-cased (ICU, root locale); empty and repeated tags dropped,
// first-seen order kept.
std::vector<std::string> NormalizeTags(const std::vector<std::string>& tags);

void CleanVideo(Video& video);
void CleanChannel(Channel& channel);
// Negative counts are not counts: they become unknown (nullopt), never 0.
void CleanSnapshot(Snapshot& snapshot);

}  // namespace vv
