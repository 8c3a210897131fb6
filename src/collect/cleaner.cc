#include "collect/cleaner.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <unordered_set>

#include "core/text_util.h"

namespace vv {
namespace {

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

struct NamedEntity {
  std::string_view name;
  uint32_t code_point;
};
// The entities seen in YouTube titles and descriptions (search results escape these).
constexpr NamedEntity kNamedEntities[] = {
    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},    {"apos", '\''},
    {"nbsp", 0xA0},    {"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026},
    {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D},
    {"copy", 0xA9},    {"reg", 0xAE},     {"trade", 0x2122}, {"euro", 0x20AC}, {"pound", 0xA3},
    {"laquo", 0xAB},   {"raquo", 0xBB},   {"middot", 0xB7},  {"bull", 0x2022}, {"deg", 0xB0},
};

// Parses the entity starting at text[0] == '&'; returns its length (0 when not an entity).
size_t DecodeOne(std::string_view text, std::string& out) {
  size_t semi = text.find(';');
  if (semi == std::string_view::npos || semi < 2 || semi > 12) return 0;
  std::string_view body = text.substr(1, semi - 1);
  if (body[0] == '#') {
    bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    uint32_t cp = 0;
    for (char c : digits) {
      int v = (c >= '0' && c <= '9') ? c - '0'
              : hex && (c >= 'a' && c <= 'f') ? c - 'a' + 10
              : hex && (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                             : -1;
      if (v < 0) return 0;
      cp = cp * (hex ? 16 : 10) + v;
      if (cp > 0x10FFFF) cp = 0x110000;  // saturate; AppendUtf8 maps it to U+FFFD
    }
    AppendUtf8(out, cp);
    return semi + 1;
  }
  for (const auto& entity : kNamedEntities) {
    if (entity.name == body) {
      AppendUtf8(out, entity.code_point);
      return semi + 1;
    }
  }
  return 0;
}

bool IsAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Collapses whitespace and control characters; keeps '\n' when multiline.
std::string CollapseSpace(std::string_view text, bool multiline) {
  std::string out;
  out.reserve(text.size());
  int pending_newlines = 0;
  bool pending_space = false;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    // U+00A0 (no-break space, C2 A0) counts as a space.
    bool nbsp = c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0;
    if (c == '\n' && multiline) {
      ++pending_newlines;
      pending_space = false;
      continue;
    }
    if (c < 0x20 || c == 0x7F || c == ' ' || nbsp) {
      if (nbsp) ++i;
      pending_space = true;
      continue;
    }
    if (!out.empty()) {
      if (pending_newlines > 0) {
        out.append(std::min(pending_newlines, 2), '\n');
      } else if (pending_space) {
        out += ' ';
      }
    }
    pending_newlines = 0;
    pending_space = false;
    out += static_cast<char>(c);
  }
  return out;
}

}  // namespace

std::string DecodeHtmlEntities(std::string_view text) {
  if (text.find('&') == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '&') {
      size_t used = DecodeOne(text.substr(i), out);
      if (used > 0) {
        i += used;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

std::string NormalizeNfc(std::string_view text) {
  if (IsAscii(text)) return std::string(text);  // ASCII is always NFC; the common case is free
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(text);
  icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString normalized = nfc->normalize(source, status);
  if (U_FAILURE(status)) return std::string(text);
  std::string out;
  normalized.toUTF8String(out);
  return out;
}

std::string CleanLine(std::string_view text) {
  return CollapseSpace(NormalizeNfc(DecodeHtmlEntities(text)), false);
}

std::string CleanMultiline(std::string_view text) {
  return CollapseSpace(NormalizeNfc(DecodeHtmlEntities(text)), true);
}

std::string CleanTag(std::string_view tag) {
  std::string text = CleanLine(tag);
  size_t begin = text.find_first_not_of("\" ");
  if (begin == std::string::npos) return {};
  size_t end = text.find_last_not_of("\" ");
  std::string inner;
  int quotes = 0;
  for (size_t i = begin; i <= end; ++i) {
    if (text[i] == '"') {
      if (!inner.empty() && inner.back() == '"') continue;  // a doubled quote is one
      ++quotes;
    }
    inner += text[i];
  }
  if (quotes % 2 != 0) std::erase(inner, '"');
  return quotes > 0 ? CleanLine(inner) : inner;
}

std::vector<std::string> NormalizeTags(const std::vector<std::string>& tags) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (const auto& raw : tags) {
    std::string tag = CleanTag(raw);
    if (tag.empty()) continue;
    if (seen.insert(FoldTag(tag)).second) out.push_back(std::move(tag));
  }
  return out;
}

void CleanVideo(Video& video) {
  video.id = Trim(video.id);
  video.channel_id = Trim(video.channel_id);
  video.title = CleanLine(video.title);
  video.description = CleanMultiline(video.description);
  video.tags = NormalizeTags(video.tags);
  video.default_language = Trim(video.default_language);
  video.thumbnail_url = Trim(video.thumbnail_url);
  if (video.duration_s && *video.duration_s < 0) video.duration_s.reset();
}

void CleanChannel(Channel& channel) {
  channel.id = Trim(channel.id);
  channel.title = CleanLine(channel.title);
  channel.country = Trim(channel.country);
  for (char& c : channel.country) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (auto* count : {&channel.subscribers, &channel.video_count, &channel.view_count}) {
    if (*count && **count < 0) count->reset();
  }
}

void CleanSnapshot(Snapshot& snapshot) {
  snapshot.video_id = Trim(snapshot.video_id);
  for (auto* count : {&snapshot.views, &snapshot.likes, &snapshot.dislikes, &snapshot.comments}) {
    if (*count && **count < 0) count->reset();
  }
}

void CleanBatch(std::vector<Channel>& channels, std::vector<Video>& videos,
                std::vector<Snapshot>& snapshots) {
  for (auto& c : channels) CleanChannel(c);
  for (auto& v : videos) CleanVideo(v);
  for (auto& s : snapshots) CleanSnapshot(s);
}

}  // namespace vv
