// Titles, tags and descriptions from the per-category vocabulary (vocabulary.cc).
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <unordered_set>

#include "collect/generator_internal.h"

namespace vv::gen {
namespace {

constexpr size_t kMaxTitleBytes = 100;  // YouTube's title limit (our text is ASCII + emoji)

std::string_view PickWord(Rng& rng, const Words& words) {
  return words[static_cast<size_t>(rng.Int(0, static_cast<int64_t>(words.size()) - 1))];
}

std::string UpperAscii(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string LowerAscii(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Upper-cases `count` random words longer than two letters: the shouting of clickbait titles.
std::string ShoutWords(Rng& rng, const std::string& title, int count) {
  std::vector<std::string> words;
  size_t start = 0;
  while (start <= title.size()) {
    size_t end = title.find(' ', start);
    if (end == std::string::npos) end = title.size();
    words.push_back(title.substr(start, end - start));
    start = end + 1;
  }
  for (int i = 0; i < count; ++i) {
    auto& w = words[static_cast<size_t>(rng.Int(0, static_cast<int64_t>(words.size()) - 1))];
    if (w.size() > 2) w = UpperAscii(w);
  }
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) out += (i ? " " : "") + words[i];
  return out;
}

// Cuts at a word boundary so that `suffix_bytes` more still fit in YouTube's limit.
void FitTitle(std::string& title, size_t suffix_bytes) {
  size_t limit = kMaxTitleBytes - std::min(kMaxTitleBytes - 20, suffix_bytes);
  if (title.size() <= limit) return;
  size_t cut = title.rfind(' ', limit);
  title.resize(cut == std::string::npos || cut < 10 ? limit : cut);
}

std::string ClickbaitTitle(Rng& rng, const CategoryProfile& profile, const Slots& slots) {
  std::string title;
  if (rng.Bernoulli(0.55)) {
    title = Fill(PickWord(rng, ClickbaitTemplates()), slots);
  } else {
    title = Fill(PickWord(rng, profile.templates), slots);
    title = rng.Bernoulli(0.3) ? UpperAscii(title) : ShoutWords(rng, title, rng.Int(1, 3));
  }
  std::string suffix;
  std::string_view mark = PickWord(rng, ClickbaitSuffixes());
  if (rng.Bernoulli(0.6) && !title.ends_with(mark)) suffix.append(" ").append(mark);
  if (rng.Bernoulli(0.4) || suffix.empty()) {
    int n = static_cast<int>(rng.Int(1, 3));
    suffix += " ";
    for (int i = 0; i < n; ++i) suffix += PickWord(rng, Emoji());
  }
  FitTitle(title, suffix.size());
  return title + suffix;
}

}  // namespace

Slots MakeSlots(Rng& rng, const CategoryProfile& profile, const std::string& channel_title,
                int year) {
  Slots s;
  s.topic = PickWord(rng, profile.topics);
  do {
    s.topic2 = PickWord(rng, profile.topics);
  } while (s.topic2 == s.topic && profile.topics.size() > 1);
  s.first = PickWord(rng, FirstNames());
  s.person = s.first + " " + std::string(PickWord(rng, LastNames()));
  s.channel = channel_title;
  for (char c : channel_title) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      s.slug += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  s.number = static_cast<int>(rng.Bernoulli(0.7) ? rng.Int(3, 12) : rng.Int(13, 100));
  s.year = year;
  s.episode = static_cast<int>(rng.Int(1, 40));
  return s;
}

std::string Fill(std::string_view pattern, const Slots& s) {
  std::string out;
  out.reserve(pattern.size() + 32);
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}') {
      switch (pattern[i + 1]) {
        case 'T':
          out += s.topic;
          break;
        case 'U':
          out += s.topic2;
          break;
        case 'P':
          out += s.person;
          break;
        case 'F':
          out += s.first;
          break;
        case 'C':
          out += s.channel;
          break;
        case 'S':
          out += s.slug;
          break;
        case 'N':
          out += std::to_string(s.number);
          break;
        case 'Y':
          out += std::to_string(s.year);
          break;
        case 'E':
          out += std::to_string(s.episode);
          break;
        default:
          out.append(pattern.substr(i, 3));
          break;
      }
      i += 2;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

std::string MakeTitle(Rng& rng, const CategoryProfile& profile, const Slots& slots,
                      bool clickbait) {
  if (clickbait) return ClickbaitTitle(rng, profile, slots);
  std::string title = Fill(PickWord(rng, profile.templates), slots);
  for (double p : {0.45, 0.2}) {
    std::string extra = rng.Bernoulli(p) ? Fill(PickWord(rng, TitleExtenders()), slots) : "";
    if (title.find(extra) == std::string::npos) title += extra;
  }
  // Real titles often carry the show or channel name; it is also what makes them long.
  if (title.find(slots.channel) == std::string::npos && rng.Bernoulli(0.4)) {
    title.append(rng.Bernoulli(0.5) ? " | " : " - ").append(slots.channel);
  }
  // Honest titles get excited too: a plain "!" or one upper-case word is not clickbait alone.
  if (rng.Bernoulli(0.05)) title += "!";
  if (rng.Bernoulli(0.08)) title = ShoutWords(rng, title, 1);
  FitTitle(title, 0);
  return title;
}

std::vector<std::string> MakeTags(Rng& rng, const CategoryProfile& profile, const Slots& slots,
                                  const std::string& title) {
  if (rng.Bernoulli(0.02)) return {};  // "[none]": some uploaders never tag
  // Tag counts are nearly uniform up to ~40 in the real files (YouTube caps tags at 500
  // characters), with a thin tail to 50.
  double u = rng.Uniform();
  auto count = static_cast<size_t>(rng.Bernoulli(0.03) ? rng.Uniform(40.0, 50.0)
                                                       : 2.0 + 40.0 * std::pow(u, 1.15));
  std::vector<std::string> candidates = {LowerAscii(slots.channel), LowerAscii(slots.topic),
                                         slots.channel};
  // Many uploaders repeat the whole title as a tag.
  if (rng.Bernoulli(0.3)) candidates.insert(candidates.begin() + 1, LowerAscii(title));
  std::vector<std::string> category_tags(profile.tags.begin(), profile.tags.end());
  // Partial Fisher-Yates with our own generator (std::shuffle is not portable).
  for (size_t i = 0; i + 1 < category_tags.size(); ++i) {
    auto j = static_cast<size_t>(
        rng.Int(static_cast<int64_t>(i), static_cast<int64_t>(category_tags.size()) - 1));
    std::swap(category_tags[i], category_tags[j]);
  }
  for (const auto& t : category_tags) candidates.push_back(t);
  candidates.push_back(LowerAscii(slots.topic2));
  candidates.push_back(LowerAscii(slots.person));
  // Long tag lists repeat the topics with the category's words ("minecraft gameplay").
  for (const std::string& topic : {LowerAscii(slots.topic), LowerAscii(slots.topic2)}) {
    for (size_t i = 0; i < category_tags.size() && candidates.size() < count + 8; ++i) {
      candidates.push_back(topic + " " + category_tags[i]);
    }
  }
  std::vector<std::string> tags;
  std::unordered_set<std::string> seen;
  for (auto& c : candidates) {
    if (tags.size() >= count) break;
    if (!c.empty() && seen.insert(c).second) tags.push_back(std::move(c));
  }
  return tags;
}

std::string MakeDescription(Rng& rng, const CategoryProfile& profile, const Slots& slots) {
  if (rng.Bernoulli(0.03)) return {};
  auto target = static_cast<size_t>(std::clamp(rng.LogNormal(650.0, 0.95), 20.0, 5000.0));
  // Sentences in a shuffled order without repeats: the category's own first, then shared ones.
  std::vector<std::string_view> pool(profile.phrases.begin(), profile.phrases.end());
  size_t own = pool.size();
  pool.insert(pool.end(), DescriptionSentences().begin(), DescriptionSentences().end());
  pool.insert(pool.end(), DescriptionClosers().begin(), DescriptionClosers().end());
  for (size_t i = 0; i + 1 < pool.size(); ++i) {
    size_t lo = i < own ? i : std::max(i, own);
    size_t hi = i < own ? own - 1 : pool.size() - 1;
    std::swap(
        pool[i],
        pool[static_cast<size_t>(rng.Int(static_cast<int64_t>(lo), static_cast<int64_t>(hi)))]);
  }
  std::string text;
  text.reserve(target + 200);
  for (size_t i = 0; i < pool.size() && text.size() < target; ++i) {
    if (!text.empty()) text += rng.Bernoulli(0.4) ? "\n\n" : " ";
    text += Fill(pool[i], slots);
  }
  // Long descriptions are mostly chapter lists and link blocks.
  for (int chapter = 0; text.size() < target; ++chapter) {
    text += chapter == 0 ? "\n\nChapters:\n0:00 Intro\n" : "\n";
    char stamp[16];
    std::snprintf(stamp, sizeof stamp, "%d:%02d ", chapter + 1, (chapter * 17 + 5) % 60);
    text += stamp;
    text += Fill(PickWord(rng, chapter % 2 ? profile.topics : profile.tags), slots);
  }
  return text;
}

}  // namespace vv::gen
