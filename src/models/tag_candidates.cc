#include "models/tag_candidates.h"

#include <utf8.h>

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "core/text_util.h"
#include "features/text_features.h"

namespace vv {

namespace {

constexpr size_t kMaxSegmentWords = 6;
constexpr size_t kMaxSegmentBytes = 90;  // 30 CJK characters, 90 Latin ones
constexpr size_t kMaxNgram = 3;
constexpr size_t kMaxDescriptionBytes = 5000;

enum class Script { kOther, kHan, kHiragana, kKatakana };

Script ScriptOf(uint32_t cp) {
  if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || cp == 0x3005) {
    return Script::kHan;
  }
  if (cp >= 0x3040 && cp <= 0x309F) return Script::kHiragana;
  if ((cp >= 0x30A0 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF) ||
      (cp >= 0xFF66 && cp <= 0xFF9F)) {
    return Script::kKatakana;
  }
  return Script::kOther;
}

// Separators of title segments: brackets, bars, slashes, quotes and the CJK and full-width
// forms of the same; emoji. Not '-', '.', '&' or the apostrophe: they sit inside names
// ("Jay-Z", "Mr. Beast", "Fischer's").
bool IsSegmentDelimiter(uint32_t cp) {
  static constexpr std::string_view kAscii = "|/\\()[]{}\"!?#,;:*~+=<>@";
  if (cp < 0x80) return kAscii.find(static_cast<char>(cp)) != std::string_view::npos;
  if (cp == 0x2019 || cp == 0x30FC) return false;  // ’ as an apostrophe, ー inside katakana
  return (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
         (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
         (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) || cp == 0x30FB ||
         IsEmojiCodePoint(cp);
}

bool IsSpace(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000 || cp == 0xA0;
}

// Punctuation a word does not keep at its ends ("word.", "'quoted'", "-dash").
std::string TrimWordPunctuation(std::string_view w) {
  static constexpr std::string_view kEnds = ".,'-_&%$^`";
  size_t b = 0, e = w.size();
  while (b < e && kEnds.find(w[b]) != std::string_view::npos) ++b;
  while (e > b && kEnds.find(w[e - 1]) != std::string_view::npos) --e;
  return std::string(w.substr(b, e - b));
}

// Decodes one code point; invalid bytes are skipped as U+FFFD.
uint32_t Next(std::string_view text, size_t& i) {
  const char* it = text.data() + i;
  const char* end = text.data() + text.size();
  uint32_t cp = 0xFFFD;
  try {
    cp = utf8::next(it, end);
  } catch (const utf8::exception&) {
    it = text.data() + i + 1;
  }
  i = static_cast<size_t>(it - text.data());
  return cp;
}

size_t CountOccurrences(const std::string& haystack, const std::string& needle) {
  if (needle.empty()) return 0;
  size_t n = 0;
  for (size_t p = haystack.find(needle); p != std::string::npos; p = haystack.find(needle, p + 1)) {
    ++n;
  }
  return n;
}

// Candidates by key, in first-seen order, merging what each sighting says.
class CandidateSet {
 public:
  TagCandidate& Add(const std::string& text) {
    std::string key = CandidateKey(text);
    auto it = index_.find(key);
    if (it != index_.end()) return items_[it->second];
    index_.emplace(key, items_.size());
    TagCandidate c;
    c.text = Trim(text);
    c.key = std::move(key);
    items_.push_back(std::move(c));
    return items_.back();
  }
  std::vector<TagCandidate> Take() { return std::move(items_); }

 private:
  std::unordered_map<std::string, size_t> index_;
  std::vector<TagCandidate> items_;
};

// A candidate is worth offering when it has at least two bytes (one kanji has three) and is not
// a bare number of one or two digits.
bool Worth(const std::string& key) {
  if (key.size() < 2) return false;
  return !(key.size() <= 2 && std::all_of(key.begin(), key.end(), [](unsigned char c) {
             return c >= '0' && c <= '9';
           }));
}

void AddNgrams(const std::string& segment, size_t segment_offset, double title_bytes,
               CandidateSet& out) {
  std::vector<CandidateWord> words = SplitCandidateWords(segment);
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i].hiragana) continue;  // an n-gram never starts with a particle
    std::string text;
    for (size_t n = 1; n <= kMaxNgram && i + n <= words.size(); ++n) {
      const CandidateWord& w = words[i + n - 1];
      if (n > 1 && w.space_before) text += ' ';
      text += w.text;
      if (w.hiragana || !Worth(CandidateKey(text))) continue;  // nor ends with one
      TagCandidate& c = out.Add(text);
      c.ngram = true;
      c.words = static_cast<int>(n);
      c.position = std::min(c.position, (segment_offset + words[i].offset) / title_bytes);
    }
  }
}

void AddHashtags(std::string_view text, CandidateSet& out) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '#') continue;
    size_t j = i + 1;
    std::string tag;
    while (j < text.size()) {
      size_t k = j;
      uint32_t cp = Next(text, k);
      if (IsSpace(cp) || IsSegmentDelimiter(cp)) break;
      tag.append(text.substr(j, k - j));
      j = k;
    }
    tag = TrimWordPunctuation(tag);
    if (Worth(CandidateKey(tag))) out.Add(tag).hashtag = true;
    i = j > i ? j - 1 : i;
  }
}

}  // namespace

std::string CandidateKey(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == '"') continue;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return FoldTag(out);
}

std::vector<CandidateWord> SplitCandidateWords(std::string_view segment) {
  std::vector<CandidateWord> words;
  std::string current;
  size_t start = 0;
  bool space_before = false, pending_space = false;
  Script script = Script::kOther;
  auto flush = [&]() {
    std::string w = TrimWordPunctuation(current);
    if (!w.empty()) {
      words.push_back({w, start, space_before, script == Script::kHiragana});
      pending_space = false;
    }
    current.clear();
  };
  for (size_t i = 0; i < segment.size();) {
    size_t at = i;
    uint32_t cp = Next(segment, i);
    if (IsSpace(cp)) {
      flush();
      pending_space = true;
      continue;
    }
    Script s = ScriptOf(cp);
    // Long vowel marks and iteration marks continue the run they follow.
    if (cp == 0x30FC && !current.empty()) s = script;
    if (!current.empty() && s != script && (s != Script::kOther || script != Script::kOther)) {
      flush();
    }
    if (current.empty()) start = at, space_before = pending_space || words.empty(), script = s;
    current.append(segment.substr(at, i - at));
  }
  flush();
  if (!words.empty()) words.front().space_before = false;
  return words;
}

std::vector<std::pair<std::string, size_t>> TitleSegments(std::string_view title) {
  std::vector<std::pair<std::string, size_t>> out;
  std::string current;
  size_t start = 0;
  auto flush = [&]() {
    std::string t = Trim(current);
    if (!t.empty()) out.emplace_back(std::move(t), start);
    current.clear();
  };
  for (size_t i = 0; i < title.size();) {
    size_t at = i;
    uint32_t cp = Next(title, i);
    // " - " separates parts ("Artist - Song"); a hyphen inside a word does not.
    bool dash = cp == '-' && at > 0 && title[at - 1] == ' ' && i < title.size() && title[i] == ' ';
    if (dash || IsSegmentDelimiter(cp)) {
      flush();
      continue;
    }
    if (current.empty()) start = at;
    current.append(title.substr(at, i - at));
  }
  flush();
  return out;
}

std::vector<TagCandidate> ExtractTagCandidates(const Video& video,
                                               const std::string& channel_title) {
  CandidateSet set;
  const double title_bytes = std::max<double>(1.0, static_cast<double>(video.title.size()));
  const auto segments = TitleSegments(video.title);
  for (const auto& [segment, offset] : segments) {
    if (segment.size() <= kMaxSegmentBytes &&
        SplitCandidateWords(segment).size() <= kMaxSegmentWords && Worth(CandidateKey(segment))) {
      TagCandidate& c = set.Add(segment);
      c.segment = true;
      c.whole_title = segments.size() == 1;
      c.words = static_cast<int>(SplitCandidateWords(segment).size());
      c.position = std::min(c.position, offset / title_bytes);
    }
    AddNgrams(segment, offset, title_bytes, set);
  }
  AddHashtags(video.title, set);
  std::string_view description = video.description;
  if (description.size() > kMaxDescriptionBytes) {
    description = description.substr(0, kMaxDescriptionBytes);
  }
  AddHashtags(description, set);
  if (Worth(CandidateKey(channel_title)) && channel_title.size() <= kMaxSegmentBytes) {
    set.Add(channel_title).channel = true;
  }
  std::vector<TagCandidate> out = set.Take();
  const std::string folded_description = CandidateKey(description);
  const std::string folded_channel = CandidateKey(channel_title);
  for (auto& c : out) {
    c.description_count = static_cast<int>(CountOccurrences(folded_description, c.key));
    c.in_channel = !c.channel && folded_channel.find(c.key) != std::string::npos;
  }
  return out;
}

}  // namespace vv
