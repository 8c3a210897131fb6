#pragma once
// Text and count normalization for everything any ingest path stores (the one cleaner). Titles
// from the API (and from older scrapes and re-exported files) carry HTML entities, decomposed
// accents, stray whitespace, stray quotes and duplicate tags; the models and the deduplicator
// need one spelling per string.
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
// One tag as a line, without the quote characters it does not need: re-exports wrap tags in
// quotes, double them ('""b""') or leave one side open ('"a', 'c"""'). Quotes at either end go,
// doubled quotes inside become one, and inner quotes stay only as balanced pairs
// ('the "best" song'); an unpaired one goes.
std::string CleanTag(std::string_view tag);
// Each tag cleaned (CleanTag); empty tags dropped, and of tags equal once folded (FoldTag,
// core/text_util.h) the
// first is kept as it was written (the display form). First-seen order kept.
std::vector<std::string> NormalizeTags(const std::vector<std::string>& tags);

void CleanVideo(Video& video);
void CleanChannel(Channel& channel);
// Negative counts are not counts: they become unknown (nullopt), never 0.
void CleanSnapshot(Snapshot& snapshot);
// Every ingest path (YouTube API pages, Kaggle files, the generator) writes through this.
void CleanBatch(std::vector<Channel>& channels, std::vector<Video>& videos,
                std::vector<Snapshot>& snapshots);

}  // namespace vv
