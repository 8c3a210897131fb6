#pragma once
// Text features for the fastText models (clickbait, genre, tags) and their baselines: one code
// path for training and serving (issue 3 "Features": text).
#include <string>
#include <string_view>
#include <vector>

#include "core/types.h"
#include "features/title_signals.h"  // the title's style signals are text features too

namespace vv {

// Lower-cased tokens: words (letters, digits, inner apostrophes; non-ASCII letters kept as
// bytes), each punctuation mark as its own token, each emoji as its own token. Invalid UTF-8
// bytes are dropped.
std::vector<std::string> NormalizedTokens(std::string_view text);
// !NormalizedTokens(text).empty(), stopping at the first token (a 5,000-character description
// is not tokenized to learn that it has text).
bool HasTokens(std::string_view text);

// Word n-grams of length 1..max_n joined by '_' ("you", "you_won't", ...).
std::vector<std::string> WordNgrams(const std::vector<std::string>& tokens, int max_n);

// Tokens of a video for the topic models (genre, tags) and their baselines: title, then tags,
// then the first max_description_chars of the description without URLs; punctuation tokens
// are dropped (emoji kept). Bounded so that a 5,000-character description cannot dominate.
std::vector<std::string> VideoTokens(const Video& video, size_t max_description_chars = 600);
// The same tokens joined by spaces: one fastText input line (no label, no newline).
std::string FastTextLine(const Video& video, size_t max_description_chars = 600);
std::string JoinTokens(const std::vector<std::string>& tokens);
// Character bigrams of the runs of CJK ideographs, kana and Hangul inside the tokens, in token
// order: those scripts are written without spaces between words (Korean joins particles to its
// words), so one token is a whole phrase that a word model sees once; its bigrams recur across
// videos and carry most of their words' meaning. Tokens without such runs add nothing.
std::vector<std::string> ScriptBigrams(const std::vector<std::string>& tokens);
// Replaces http(s):// and www. links by a space.
std::string StripUrls(std::string_view text);

// Words (letters, digits, inner apostrophes), punctuation marks and emoji in their original
// case: what NormalizedTokens lower-cases, for signals that read case (title_signals.h).
struct TextToken {
  std::string text;
  bool word = false;  // letters/digits, as opposed to punctuation or emoji
  bool emoji = false;
};
std::vector<TextToken> CaseTokens(std::string_view text);

// True when the code point is an emoji or pictograph (the ranges YouTube titles use).
bool IsEmojiCodePoint(uint32_t cp);

}  // namespace vv
