#include "features/title_signals.h"

#include <unicode/uchar.h>
#include <utf8.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "features/text_features.h"

namespace vv {

namespace {

bool IsNumber(const std::string& token) {
  return !token.empty() &&
         std::all_of(token.begin(), token.end(), [](unsigned char c) { return std::isdigit(c); });
}

const std::set<std::string>& SecondPersonWords() {
  static const std::set<std::string> words = {"you",  "your",     "you're",     "yours",
                                              "you'll", "you've", "you'd",      "yourself",
                                              "yourselves", "u",  "ur",         "youre",
      // pt, es, de, ru: the regions whose titles we score; lower-cased by LowerUtf8
      "você", "vocês", "voce", "tú", "usted", "ustedes", "du", "dich", "dir", "dein", "deine",
      "ты", "вы", "тебя", "вас", "твой", "ваш"};
  return words;
}

const std::set<std::string>& SuperlativeWords() {
  static const std::set<std::string> words = {
      "best",     "worst",      "most",      "ever",     "greatest",  "biggest",  "craziest",
      "insane",   "amazing",    "incredible", "epic",    "ultimate",  "shocking", "unbelievable",
      "perfect",  "literally",  "crazy",     "extreme",  "funniest",  "scariest", "weirdest",
      "hardest",  "strangest",  "cutest",    "mind",     "genius",    "legendary", "impossible",
      "terrifying", "hilarious", "awesome",  "absolutely", "totally", "actually", "omg"};
  return words;
}

// Phrases as normalized token sequences; matched on token boundaries.
const std::vector<std::string>& ClickbaitPhrases() {
  static const std::vector<std::string> phrases = {
      "you won't believe", "you wont believe", "won't believe", "what happens next",
      "what happened next", "will blow your mind", "blow your mind", "you need to",
      "here's why", "here is why", "this is why", "this is what", "can't believe",
      "you'll never", "reasons why", "things you", "will make you", "gone wrong",
      "not clickbait", "must see", "you have to", "try not to", "the truth about",
      "what happened", "you didn't know", "you never knew", "i can't", "is insane",
      "will change your", "only true", "which one", "are you", "do you", "can you",
      "we tried", "i tried", "this guy", "this girl", "wait for it", "watch till the end",
      "you should", "people who", "things that", "for the first time", "gone sexual"};
  return phrases;
}

int CountPhrases(const std::vector<std::string>& lower_words) {
  // Space-padded once, not per title: matches stay on token boundaries.
  static const std::vector<std::string> padded = [] {
    std::vector<std::string> out;
    for (const auto& phrase : ClickbaitPhrases()) out.push_back(" " + phrase + " ");
    return out;
  }();
  std::string joined = " ";
  for (const auto& w : lower_words) {
    joined += w;
    joined += ' ';
  }
  int count = 0;
  for (const auto& phrase : padded) {
    if (joined.find(phrase) != std::string::npos) ++count;
  }
  return count;
}

// "(GONE WRONG)", "[NOT CLICKBAIT]": a bracketed span whose cased letters are mostly upper-case.
bool HasBracketPhrase(std::string_view title) {
  for (size_t i = 0; i < title.size(); ++i) {
    char open = title[i];
    if (open != '(' && open != '[') continue;
    size_t end = title.find(open == '(' ? ')' : ']', i + 1);
    if (end == std::string_view::npos) continue;
    CaseCounts c = CountCase(title.substr(i + 1, end - i - 1));
    int letters = c.upper + c.lower;
    if (letters >= 3 && c.upper * 10 >= letters * 7) return true;
  }
  return false;
}

bool StartsUpper(const std::string& word) {
  auto it = word.begin();
  try {
    auto cp = static_cast<UChar32>(utf8::next(it, word.end()));
    return u_isUUppercase(cp) || u_istitle(cp);
  } catch (const utf8::exception&) {
    return false;
  }
}

// Code points of '!' and '?' (ASCII and fullwidth) in title order, for runs and counts.
void CountMarks(std::string_view title, TitleSignals* s) {
  int run = 0, excl_run = 0;
  char previous = 0;
  const char* it = title.data();
  const char* const end = it + title.size();
  while (it != end) {
    uint32_t cp = 0;
    try {
      cp = utf8::next(it, end);
    } catch (const utf8::exception&) {
      ++it;
      cp = 0;
    }
    char mark = cp == '!' || cp == 0xFF01 ? '!' : cp == '?' || cp == 0xFF1F ? '?' : 0;
    if (mark == '!') ++s->exclamations;
    if (mark == '?') ++s->questions;
    run = mark ? run + 1 : 0;
    s->punct_run = std::max(s->punct_run, run);
    excl_run = mark == '!' ? excl_run + 1 : 0;
    if (excl_run >= 3) s->triple_exclamation = true;
    if (mark && previous && mark != previous) s->interrobang = true;
    previous = mark;
  }
}
}  // namespace

CaseCounts CountCase(std::string_view text) {
  CaseCounts c;
  const char* it = text.data();
  const char* const end = it + text.size();
  while (it != end) {
    try {
      UChar32 cp = static_cast<UChar32>(utf8::next(it, end));
      if (u_isUUppercase(cp) || u_istitle(cp)) {
        ++c.upper;
      } else if (u_isULowercase(cp)) {
        ++c.lower;
      }
    } catch (const utf8::exception&) {
      ++it;
    }
  }
  return c;
}

std::string LowerUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const char* it = text.data();
  const char* const end = it + text.size();
  while (it != end) {
    try {
      uint32_t cp = utf8::next(it, end);
      utf8::append(static_cast<uint32_t>(u_tolower(static_cast<UChar32>(cp))),
                   std::back_inserter(out));
    } catch (const utf8::exception&) {
      ++it;
    }
  }
  return out;
}

TitleSignals ComputeTitleSignals(std::string_view title) {
  TitleSignals s;
  CaseCounts total = CountCase(title);
  s.caps_ratio = (total.upper + 1.0) / (total.upper + total.lower + 5.0);
  const int cased = total.upper + total.lower;
  s.upper_share = cased ? static_cast<double>(total.upper) / cased : 0.0;
  std::vector<TextToken> tokens = CaseTokens(title);
  std::vector<std::string> lower_words;
  int lettered_words = 0, capitalized = 0;
  for (const auto& t : tokens) {
    if (t.emoji) ++s.emoji;
    if (!t.word) continue;
    ++s.words;
    std::string lower = LowerUtf8(t.text);
    CaseCounts c = CountCase(t.text);
    if (c.upper + c.lower >= 2 && c.lower == 0) ++s.all_caps_words;
    if (c.upper + c.lower > 0) {
      ++lettered_words;
      if (StartsUpper(t.text)) ++capitalized;
    }
    if (IsNumber(lower)) ++s.numbers;
    if (SecondPersonWords().count(lower)) ++s.second_person;
    if (SuperlativeWords().count(lower)) ++s.superlatives;
    lower_words.push_back(std::move(lower));
  }
  s.capitalized_ratio = lettered_words ? static_cast<double>(capitalized) / lettered_words : 0.0;
  for (const auto& t : tokens) {
    if (t.word) {
      s.leading_number = IsNumber(t.text);
      break;
    }
  }
  CountMarks(title, &s);
  s.bracket_phrase = HasBracketPhrase(title);
  s.clickbait_phrases = CountPhrases(lower_words);
  return s;
}

const std::vector<std::string>& TitleSignalNames() {
  static const std::vector<std::string> names = {
      "caps_ratio",   "capitalized_ratio", "all_caps_words", "exclamations",   "triple_exclamation",
      "interrobang",  "questions",      "punct_run",      "bracket_phrase", "emoji",
      "leading_number", "numbers",      "second_person",  "superlatives",
      "clickbait_phrases", "words"};
  return names;
}

std::vector<double> TitleSignalValues(const TitleSignals& s) {
  return {s.caps_ratio,
          s.capitalized_ratio,
          static_cast<double>(s.all_caps_words),
          static_cast<double>(s.exclamations),
          s.triple_exclamation ? 1.0 : 0.0,
          s.interrobang ? 1.0 : 0.0,
          static_cast<double>(s.questions),
          static_cast<double>(s.punct_run),
          s.bracket_phrase ? 1.0 : 0.0,
          static_cast<double>(s.emoji),
          s.leading_number ? 1.0 : 0.0,
          static_cast<double>(s.numbers),
          static_cast<double>(s.second_person),
          static_cast<double>(s.superlatives),
          static_cast<double>(s.clickbait_phrases),
          static_cast<double>(s.words)};
}

std::vector<std::string> TitleSignalTokens(const TitleSignals& s) {
  std::vector<std::string> out;
  for (int i = 0; i < std::min(s.all_caps_words, 3); ++i) out.push_back("__ALLCAPS__");
  if (s.caps_ratio > 0.6 && s.words >= 2) out.push_back("__CAPSHIGH__");
  if (s.words >= 3 && s.capitalized_ratio >= 0.8) out.push_back("__TITLECASE__");
  if (s.words >= 3 && s.capitalized_ratio <= 0.5) out.push_back("__SENTENCECASE__");
  if (s.exclamations > 0) out.push_back("__EXCL__");
  if (s.triple_exclamation) out.push_back("__EXCL3__");
  if (s.interrobang) out.push_back("__INTERROBANG__");
  if (s.questions > 0) out.push_back("__QUESTION__");
  if (s.bracket_phrase) out.push_back("__BRACKET__");
  for (int i = 0; i < std::min(s.emoji, 3); ++i) out.push_back("__EMOJI__");
  if (s.numbers > 0) out.push_back("__NUM__");
  if (s.leading_number) out.push_back("__LEADNUM__");
  if (s.second_person > 0) out.push_back("__YOU__");
  if (s.superlatives > 0) out.push_back("__SUPERLATIVE__");
  for (int i = 0; i < std::min(s.clickbait_phrases, 3); ++i) out.push_back("__PHRASE__");
  if (s.words <= 4) out.push_back("__SHORT__");
  if (s.words >= 14) out.push_back("__LONG__");
  return out;
}

}  // namespace vv
