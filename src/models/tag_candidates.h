#pragma once
// Tag candidates read off the video itself. On YouTube many tags repeat the title's words and
// phrases, its bracketed segments, the hashtags and the channel's name, in whatever language
// the video is in: a tag vocabulary learned on one country's videos cannot suggest them, an
// extractor can. Language-agnostic: words split on spaces and punctuation, and scripts written
// without spaces (Japanese, Chinese) split where the script changes (kanji / hiragana /
// katakana), which separates content words from particles well enough for tags.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.h"

namespace vv {

// What the extractor knows about one candidate (the stacker's inputs, see TagCandidateFeatures).
struct TagCandidate {
  std::string text;        // as written (original case), trimmed
  std::string key;         // CandidateKey(text): how candidates and tags are matched
  bool channel = false;    // the channel's name
  bool segment = false;    // a whole title segment between delimiters ("【...】", " | ", " - ")
  bool ngram = false;      // 1..3 consecutive title words
  bool hashtag = false;    // #word in the title or description
  bool whole_title = false;
  int words = 1;
  double position = 1.0;   // where it first appears in the title, 0 (start) .. 1 (end or absent)
  int description_count = 0;  // occurrences in the description (case-folded)
  bool in_channel = false;    // inside the channel's name (case-folded)
};

// Quote-free, inner whitespace collapsed, then FoldTag (trimmed, Unicode case folding): how a
// suggestion is matched against a video's tags, as the evaluation does.
std::string CandidateKey(std::string_view text);

// Candidates of a video (tags ignored: they are what is predicted), one per key, title order.
std::vector<TagCandidate> ExtractTagCandidates(const Video& video,
                                               const std::string& channel_title);

// The words of a text segment: split on spaces, and on script changes between kanji, hiragana
// and katakana. Hiragana-only runs (particles, endings) are marked so that they are not offered
// alone. Exposed for tests.
struct CandidateWord {
  std::string text;
  size_t offset = 0;        // byte offset in the segment
  bool space_before = false;
  bool hiragana = false;
};
std::vector<CandidateWord> SplitCandidateWords(std::string_view segment);

// Title segments between delimiters (brackets, '|', '/', ' - ', '#', quotes, emoji...), trimmed,
// with their byte offsets in the title.
std::vector<std::pair<std::string, size_t>> TitleSegments(std::string_view title);

}  // namespace vv
