#include "features/text_features.h"

#include <utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

namespace vv {

namespace {

bool IsWordByte(unsigned char c) { return std::isalnum(c) != 0; }

bool IsApostrophe(uint32_t cp) { return cp == '\'' || cp == 0x2019; }

// General punctuation, CJK punctuation and the like: separators, not word characters.
bool IsUnicodePunctuation(uint32_t cp) {
  return (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
         (cp >= 0x00A0 && cp <= 0x00BF) || cp == 0x00D7 || cp == 0x00F7;
}

// Code points that only decorate a neighbour (variation selectors, joiners, skin tones).
bool IsModifier(uint32_t cp) {
  return cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF);
}

struct RawToken {
  std::string text;       // original case
  bool word = false;      // letters/digits, as opposed to punctuation or emoji
  bool emoji = false;
};

// ASCII classes of the "C" locale (the process never changes it), looked up instead of calling
// isalnum/isspace/isprint per byte: tokenization is the largest cost of serving genre and tags.
struct AsciiClasses {
  std::array<bool, 128> word{}, punct{};
  AsciiClasses() {
    for (int c = 0; c < 128; ++c) {
      word[c] = IsWordByte(static_cast<unsigned char>(c));
      punct[c] = !word[c] && !std::isspace(c) && std::isprint(c);
    }
  }
};

const AsciiClasses& Ascii() {
  static const AsciiClasses classes;
  return classes;
}

// Splits text into words, punctuation marks and emoji, keeping the original case; calls
// emit(std::string&& text, bool word, bool emoji) for each, and stops when emit returns false.
template <typename Emit>
void ScanTokens(std::string_view text, Emit&& emit) {
  const AsciiClasses& ascii = Ascii();
  std::string word;
  auto flush = [&]() {  // false: emit asked to stop
    if (word.empty()) return true;
    const bool more = emit(std::move(word), true, false);
    word.clear();
    return more;
  };
  auto word_byte_at = [&](const char* p) {
    unsigned char b = static_cast<unsigned char>(*p);
    return b < 0x80 && ascii.word[b];
  };
  const char* it = text.data();
  const char* const end = it + text.size();
  while (it != end) {
    unsigned char c = static_cast<unsigned char>(*it);
    if (c < 0x80) {  // always one valid code point
      ++it;
      if (ascii.word[c]) {
        word.push_back(static_cast<char>(c));
      } else if (c == '\'' && !word.empty() && it != end && word_byte_at(it)) {
        word.push_back('\'');
      } else {
        if (!flush()) return;
        if (ascii.punct[c] && !emit(std::string(1, static_cast<char>(c)), false, false)) return;
      }
      continue;
    }
    uint32_t cp = 0;
    const char* start = it;
    try {
      cp = utf8::next(it, end);
    } catch (const utf8::exception&) {
      it = start + 1;  // drop the invalid byte
      continue;
    }
    if (IsEmojiCodePoint(cp)) {
      if (!flush() || !emit(std::string(start, it), false, true)) return;
    } else if (IsApostrophe(cp) && !word.empty() && it != end && word_byte_at(it)) {
      word.push_back('\'');
    } else if (IsModifier(cp) || IsUnicodePunctuation(cp)) {
      if (!flush()) return;
    } else {
      word.append(start, it);
    }
  }
  flush();
}

std::vector<RawToken> RawTokens(std::string_view text) {
  std::vector<RawToken> out;
  ScanTokens(text, [&out](std::string&& t, bool word, bool emoji) {
    out.push_back({std::move(t), word, emoji});
    return true;
  });
  return out;
}

bool IsNumber(const std::string& token) {
  return !token.empty() &&
         std::all_of(token.begin(), token.end(), [](unsigned char c) { return std::isdigit(c); });
}

const std::set<std::string>& SecondPersonWords() {
  static const std::set<std::string> words = {"you",  "your",     "you're",     "yours",
                                              "you'll", "you've", "you'd",      "yourself",
                                              "yourselves", "u",  "ur",         "youre"};
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

// "(GONE WRONG)", "[NOT CLICKBAIT]": a bracketed span whose letters are mostly upper-case.
bool HasBracketPhrase(std::string_view title) {
  for (size_t i = 0; i < title.size(); ++i) {
    char open = title[i];
    if (open != '(' && open != '[') continue;
    char close = open == '(' ? ')' : ']';
    size_t end = title.find(close, i + 1);
    if (end == std::string_view::npos) continue;
    int upper = 0, letters = 0;
    for (size_t j = i + 1; j < end; ++j) {
      unsigned char c = static_cast<unsigned char>(title[j]);
      if (std::isalpha(c)) {
        ++letters;
        if (std::isupper(c)) ++upper;
      }
    }
    if (letters >= 3 && upper * 10 >= letters * 7) return true;
  }
  return false;
}

}  // namespace

bool IsEmojiCodePoint(uint32_t cp) {
  return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
         (cp >= 0x2B00 && cp <= 0x2BFF) || cp == 0x203C || cp == 0x2049 ||
         (cp >= 0x2190 && cp <= 0x21FF);
}

std::vector<std::string> NormalizedTokens(std::string_view text) {
  std::vector<std::string> out;
  ScanTokens(text, [&out](std::string&& t, bool word, bool) {
    if (word) {
      for (char& c : t) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');  // tolower in "C"
      }
    }
    out.push_back(std::move(t));
    return true;
  });
  return out;
}

bool HasTokens(std::string_view text) {
  bool found = false;
  ScanTokens(text, [&found](std::string&&, bool, bool) {
    found = true;
    return false;  // the first token answers
  });
  return found;
}

std::vector<std::string> WordNgrams(const std::vector<std::string>& tokens, int max_n) {
  std::vector<std::string> out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    std::string gram = tokens[i];
    out.push_back(gram);
    for (int n = 2; n <= max_n && i + n <= tokens.size(); ++n) {
      gram += "_" + tokens[i + n - 1];
      out.push_back(gram);
    }
  }
  return out;
}

namespace {

bool IsUnspacedScript(uint32_t cp) {
  return (cp >= 0x3040 && cp <= 0x30FF) ||  // hiragana, katakana
         (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||  // CJK ideographs
         (cp >= 0xAC00 && cp <= 0xD7AF) ||  // Hangul syllables
         (cp >= 0xFF66 && cp <= 0xFF9F);    // half-width katakana
}

}  // namespace

std::vector<std::string> ScriptBigrams(const std::vector<std::string>& tokens) {
  std::vector<std::string> out;
  for (const auto& token : tokens) {
    const char* it = token.data();
    const char* const end = it + token.size();
    std::string_view previous;  // the last code point when it belongs to a run
    while (it != end) {
      const char* start = it;
      uint32_t cp = 0;
      try {
        cp = utf8::next(it, end);
      } catch (const utf8::exception&) {
        it = start + 1;
        previous = {};
        continue;
      }
      std::string_view current(start, static_cast<size_t>(it - start));
      if (!IsUnspacedScript(cp)) {
        previous = {};
        continue;
      }
      if (!previous.empty()) out.push_back(std::string(previous) + std::string(current));
      previous = current;
    }
  }
  return out;
}

std::string StripUrls(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];  // compare only where a link can start: this runs per byte
    bool url = (c == 'h' && (text.compare(i, 7, "http://") == 0 ||
                             text.compare(i, 8, "https://") == 0)) ||
               (c == 'w' && text.compare(i, 4, "www.") == 0);
    if (!url) {
      out += text[i++];
      continue;
    }
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    out += ' ';
  }
  return out;
}

std::vector<std::string> VideoTokens(const Video& video, size_t max_description_chars) {
  std::vector<std::string> tokens;
  // Punctuation carries style (the clickbait signals), not topic: topic models drop it, and
  // URLs, which would otherwise swamp a description's average.
  auto append = [&tokens](std::string_view text) {
    for (auto& t : NormalizedTokens(text)) {
      unsigned char c = static_cast<unsigned char>(t[0]);
      if (t.size() == 1 && c < 0x80 && !std::isalnum(c)) continue;
      tokens.push_back(std::move(t));
    }
  };
  append(video.title);
  for (const auto& tag : video.tags) append(tag);
  std::string_view description = video.description;
  if (description.size() > max_description_chars) {
    description = description.substr(0, max_description_chars);
  }
  append(StripUrls(description));
  return tokens;
}

std::string JoinTokens(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& t : tokens) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

std::string FastTextLine(const Video& video, size_t max_description_chars) {
  return JoinTokens(VideoTokens(video, max_description_chars));
}

TitleSignals ComputeTitleSignals(std::string_view title) {
  TitleSignals s;
  int letters = 0, upper = 0;
  for (unsigned char c : title) {
    if (std::isalpha(c)) {
      ++letters;
      if (std::isupper(c)) ++upper;
    }
  }
  s.caps_ratio = letters ? static_cast<double>(upper) / letters : 0.0;
  std::vector<RawToken> raw = RawTokens(title);
  std::vector<std::string> lower_words;
  int lettered_words = 0, capitalized = 0;
  for (const auto& t : raw) {
    if (t.emoji) ++s.emoji;
    if (!t.word) continue;
    ++s.words;
    std::string lower = t.text;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    int word_letters = 0, word_upper = 0;
    for (unsigned char c : t.text) {
      if (std::isalpha(c)) {
        ++word_letters;
        if (std::isupper(c)) ++word_upper;
      }
    }
    if (word_letters >= 2 && word_upper == word_letters) ++s.all_caps_words;
    if (word_letters > 0) {
      ++lettered_words;
      if (std::isupper(static_cast<unsigned char>(t.text[0]))) ++capitalized;
    }
    if (IsNumber(lower)) ++s.numbers;
    if (SecondPersonWords().count(lower)) ++s.second_person;
    if (SuperlativeWords().count(lower)) ++s.superlatives;
    lower_words.push_back(std::move(lower));
  }
  s.capitalized_ratio = lettered_words ? static_cast<double>(capitalized) / lettered_words : 0.0;
  for (const auto& t : raw) {
    if (t.word) {
      s.leading_number = IsNumber(t.text);
      break;
    }
  }
  s.exclamations = static_cast<int>(std::count(title.begin(), title.end(), '!'));
  s.questions = static_cast<int>(std::count(title.begin(), title.end(), '?'));
  s.triple_exclamation = title.find("!!!") != std::string_view::npos;
  s.interrobang = title.find("?!") != std::string_view::npos ||
                  title.find("!?") != std::string_view::npos;
  s.bracket_phrase = HasBracketPhrase(title);
  s.clickbait_phrases = CountPhrases(lower_words);
  return s;
}

const std::vector<std::string>& TitleSignalNames() {
  static const std::vector<std::string> names = {
      "caps_ratio",   "capitalized_ratio", "all_caps_words", "exclamations",   "triple_exclamation",
      "interrobang",  "questions",      "bracket_phrase", "emoji",
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
