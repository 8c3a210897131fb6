#pragma once
// Text features for the fastText models (clickbait, genre, tags) and their baselines: one code
// path for training and serving (issue 3 "Features": text).
#include <string>
#include <string_view>
#include <vector>

#include "core/types.h"

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

// Case- and punctuation-aware signals of a title: on YouTube, capitals, "!!!", "(GONE WRONG)",
// emoji and numbers carry much of the clickbait signal that a lower-cased bag of words loses.
struct TitleSignals {
  double caps_ratio = 0;         // upper-case letters / letters
  double capitalized_ratio = 0;  // words starting with a capital / words with letters
  int all_caps_words = 0;        // words of >= 2 letters, all upper-case
  int exclamations = 0;          // '!' count
  bool triple_exclamation = false;  // "!!!" or longer
  bool interrobang = false;      // "?!" or "!?"
  int questions = 0;             // '?' count
  bool bracket_phrase = false;   // "(GONE WRONG)", "[NOT CLICKBAIT]": upper-case words in brackets
  int emoji = 0;
  bool leading_number = false;   // "10 things...", "7 Reasons..."
  int numbers = 0;               // tokens that are numbers
  int second_person = 0;         // you, your, you're, yourself, ...
  int superlatives = 0;          // best, worst, most, ever, insane, ...
  int clickbait_phrases = 0;     // "you won't believe", "what happens next", ...
  int words = 0;
};

TitleSignals ComputeTitleSignals(std::string_view title);

// The signals as a named numeric vector in a fixed order (the stacker's features and the names
// reported in predictions).
const std::vector<std::string>& TitleSignalNames();
std::vector<double> TitleSignalValues(const TitleSignals& signals);

// Special tokens for the case-preserving channel of the clickbait model: __ALLCAPS__,
// __EXCL__, __EXCL3__, __INTERROBANG__, __QUESTION__, __BRACKET__, __EMOJI__, __NUM__,
// __LEADNUM__, __YOU__, __SUPERLATIVE__, __PHRASE__, __CAPSHIGH__, __TITLECASE__,
// __SENTENCECASE__, __SHORT__, __LONG__.
std::vector<std::string> TitleSignalTokens(const TitleSignals& signals);

// True when the code point is an emoji or pictograph (the ranges YouTube titles use).
bool IsEmojiCodePoint(uint32_t cp);

}  // namespace vv
