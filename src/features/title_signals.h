#pragma once
// The style signals of a title (clickbait model, its weak labels and its explanation). On
// YouTube, capitals, "!!!", "(GONE WRONG)", emoji and numbers carry much of the clickbait signal
// that a lower-cased bag of words loses; titles come from every region, so case is read with
// Unicode properties (Cyrillic, Greek, accented Latin) and scripts without case (CJK, Hangul,
// Thai, Arabic) neither raise nor lower the upper-case share.
#include <string>
#include <string_view>
#include <vector>

namespace vv {

struct TitleSignals {
  // Upper-case share of the cased letters, shrunk toward 0.2 (a sentence-case title) by 5
  // pseudo-letters: (upper + 1) / (cased + 5). A two-letter "MV" in a Japanese title is not
  // shouting, "I SPENT 24 HOURS IN A BOX" is (0.82); a title without cased letters scores 0.2.
  double caps_ratio = 0.2;
  // The plain upper-case share of the cased letters (0 without any): the "share of upper-case
  // letters" baseline of issue 8; not a stacker input.
  double upper_share = 0;
  double capitalized_ratio = 0;  // words starting with an upper-case letter / words with letters
  int all_caps_words = 0;        // words with >= 2 cased letters, all upper-case
  int exclamations = 0;          // '!' and fullwidth '！'
  bool triple_exclamation = false;  // "!!!" or longer
  bool interrobang = false;      // '?' and '!' side by side
  int questions = 0;             // '?' and fullwidth '？'
  int punct_run = 0;             // longest run of '!' / '?' (fullwidth included): "!!" = 2
  bool bracket_phrase = false;   // "(GONE WRONG)", "[NOT CLICKBAIT]": upper-case words in brackets
  int emoji = 0;
  bool leading_number = false;   // "10 things...", "7 Reasons..."
  int numbers = 0;               // tokens that are numbers
  int second_person = 0;         // you, your, você, du, ты, ... (a few languages)
  int superlatives = 0;          // best, worst, most, ever, insane, ... (English)
  int clickbait_phrases = 0;     // "you won't believe", "gone wrong", ... (English)
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

// Upper- and lower-case letters of a UTF-8 text by Unicode properties (invalid bytes skipped).
struct CaseCounts {
  int upper = 0;
  int lower = 0;
};
CaseCounts CountCase(std::string_view text);
// Unicode lower case of a UTF-8 text (simple case mapping; invalid bytes dropped).
std::string LowerUtf8(std::string_view text);

}  // namespace vv
