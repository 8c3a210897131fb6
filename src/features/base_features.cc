#include "features/base_features.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cmath>
#include <limits>

#include "core/time_util.h"

namespace vv::features {

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

float LogCount(const std::optional<int64_t>& v) {
  if (!v || *v < 0) return kNaN;
  return static_cast<float>(std::log1p(static_cast<double>(*v)));
}

// Decodes one UTF-8 code point at text[i] and advances i; invalid bytes count as one code point.
char32_t NextCodePoint(std::string_view text, size_t& i) {
  auto c = static_cast<unsigned char>(text[i]);
  int extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : -1;
  if (extra == 0) {
    ++i;
    return c;
  }
  if (extra < 0 || i + extra >= text.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = c & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  }
  i += extra + 1;
  return cp;
}

bool IsEmoji(char32_t cp) {
  return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
         (cp >= 0x2B00 && cp <= 0x2BFF);
}

bool IsWordChar(unsigned char c) { return std::isalnum(c) || c == '\'' || c >= 0x80; }

// Word lists are small and sorted, so a binary search beats building a hash set at startup.
constexpr std::array<std::string_view, 12> kSecondPerson = {
    "u", "ur", "ya", "you", "you'd", "you'll", "you're", "you've", "your", "youre", "yours",
    "yourself"};
constexpr std::array<std::string_view, 27> kSuperlatives = {
    "best",     "biggest",  "craziest", "cutest",   "easiest",  "ever",    "fastest",
    "funniest", "greatest", "hardest",  "highest",  "largest",  "least",   "longest",
    "lowest",   "most",     "saddest",  "scariest", "smallest", "smartest", "strongest",
    "top",      "ultimate", "weirdest", "wildest",  "worst",    "youngest"};

template <size_t N>
bool InList(const std::array<std::string_view, N>& list, std::string_view word) {
  return std::binary_search(list.begin(), list.end(), word);
}

}  // namespace

const std::vector<std::string>& BaseFeatureNames() {
  static const std::vector<std::string> names = {
      "channel_log_subscribers", "channel_log_videos",  "channel_log_views",
      "channel_age_days",        "log_duration_s",      "publish_hour",
      "publish_weekday",         "category_id",         "title_length",
      "title_words",             "title_caps_ratio",    "title_punctuation",
      "title_digits",            "title_questions",     "title_exclamations",
      "title_second_person",     "title_superlatives",  "title_emoji",
      "tag_count",               "description_length",  "comments_disabled",
      "ratings_disabled"};
  return names;
}

TitleSignals ComputeTitleSignals(std::string_view title) {
  TitleSignals s;
  int letters = 0, upper = 0;
  for (size_t i = 0; i < title.size();) {
    char32_t cp = NextCodePoint(title, i);
    ++s.length;
    if (cp < 0x80) {
      auto c = static_cast<unsigned char>(cp);
      if (std::isalpha(c)) {
        ++letters;
        if (std::isupper(c)) ++upper;
      }
      if (std::isdigit(c)) ++s.digits;
      if (std::ispunct(c)) ++s.punctuation;
      if (c == '?') ++s.questions;
      if (c == '!') ++s.exclamations;
    } else if (IsEmoji(cp)) {
      ++s.emoji;
    }
  }
  s.caps_ratio = letters ? static_cast<float>(upper) / static_cast<float>(letters) : 0.0f;
  // Words: runs of letters, digits, apostrophes and non-ASCII bytes, compared lower-cased.
  char buf[32];
  for (size_t i = 0; i < title.size();) {
    if (!IsWordChar(static_cast<unsigned char>(title[i]))) {
      ++i;
      continue;
    }
    size_t b = i;
    while (i < title.size() && IsWordChar(static_cast<unsigned char>(title[i]))) ++i;
    ++s.words;
    size_t len = i - b;
    if (len >= sizeof(buf)) continue;
    for (size_t k = 0; k < len; ++k) {
      buf[k] = static_cast<char>(std::tolower(static_cast<unsigned char>(title[b + k])));
    }
    std::string_view word(buf, len);
    if (InList(kSecondPerson, word)) ++s.second_person;
    if (InList(kSuperlatives, word)) ++s.superlatives;
  }
  return s;
}

void ComputeBaseFeatures(const Video& video, const Channel* channel, float* out) {
  out[0] = channel ? LogCount(channel->subscribers) : kNaN;
  out[1] = channel ? LogCount(channel->video_count) : kNaN;
  out[2] = channel ? LogCount(channel->view_count) : kNaN;
  out[3] = (channel && channel->created_at && video.published_at)
               ? static_cast<float>(HoursBetween(*channel->created_at, *video.published_at) / 24.0)
               : kNaN;
  out[4] = LogCount(video.duration_s);
  if (video.published_at) {
    auto day = std::chrono::floor<std::chrono::days>(*video.published_at);
    auto hour = std::chrono::duration_cast<std::chrono::hours>(*video.published_at - day);
    out[5] = static_cast<float>(hour.count());
    out[6] = static_cast<float>(std::chrono::weekday(day).c_encoding());  // 0 = Sunday
  } else {
    out[5] = out[6] = kNaN;
  }
  out[7] = video.category_id ? static_cast<float>(*video.category_id) : kNaN;
  TitleSignals t = ComputeTitleSignals(video.title);
  out[8] = static_cast<float>(t.length);
  out[9] = static_cast<float>(t.words);
  out[10] = t.caps_ratio;
  out[11] = static_cast<float>(t.punctuation);
  out[12] = static_cast<float>(t.digits);
  out[13] = static_cast<float>(t.questions);
  out[14] = static_cast<float>(t.exclamations);
  out[15] = static_cast<float>(t.second_person);
  out[16] = static_cast<float>(t.superlatives);
  out[17] = static_cast<float>(t.emoji);
  out[18] = static_cast<float>(video.tags.size());
  out[19] = static_cast<float>(video.description.size());
  out[20] = video.comments_disabled ? 1.0f : 0.0f;
  out[21] = video.ratings_disabled ? 1.0f : 0.0f;
}

}  // namespace vv::features
