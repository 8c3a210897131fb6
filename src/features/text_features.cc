#include "features/text_features.h"

#include <utf8.h>

#include <algorithm>
#include <array>
#include <cctype>

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

}  // namespace

std::vector<TextToken> CaseTokens(std::string_view text) {
  std::vector<TextToken> out;
  ScanTokens(text, [&out](std::string&& t, bool word, bool emoji) {
    out.push_back({std::move(t), word, emoji});
    return true;
  });
  return out;
}

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

}  // namespace vv
