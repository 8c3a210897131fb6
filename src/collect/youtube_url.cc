#include "collect/youtube_url.h"

#include <algorithm>
#include <array>
#include <vector>

#include <fmt/format.h>

#include "core/text_util.h"

namespace vv {
namespace {

constexpr const char* kForms =
    "give a YouTube video URL (youtube.com/watch?v=ID, youtu.be/ID, /shorts/ID, /live/ID, "
    "/embed/ID), an 11-character video id, or a channel URL (/channel/UC..., /@handle, /c/name, "
    "/user/name)";

bool IsIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX decoded ('+' kept: it is not a space in a path); nullopt-like false on a bad escape.
bool PercentDecode(std::string_view text, std::string* out) {
  out->clear();
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out->push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size()) return false;
    int hi = HexValue(text[i + 1]), lo = HexValue(text[i + 2]);
    if (hi < 0 || lo < 0) return false;
    out->push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return true;
}

// A handle, custom or user name: 1..100 bytes of valid UTF-8 without spaces, controls or URL
// delimiters (handles may be non-Latin: YouTube allows letters of many scripts).
bool IsChannelName(std::string_view name) {
  if (name.empty() || name.size() > 100 || !IsValidUtf8(name)) return false;
  return std::none_of(name.begin(), name.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f || c == '/' || c == '?' || c == '#' || c == '&' || c == '@' ||
           c == '"' || c == '<' || c == '>' || c == '\\';
  });
}

bool IsYouTubeHost(std::string_view host) {
  static constexpr std::array<std::string_view, 7> kHosts = {
      "youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com",
      "gaming.youtube.com", "youtube-nocookie.com", "www.youtube-nocookie.com"};
  return std::find(kHosts.begin(), kHosts.end(), host) != kHosts.end();
}

// The value of `key` in a query string ("a=1&v=ID&t=3"), percent-decoded; empty when absent.
std::string QueryValue(std::string_view query, std::string_view key) {
  for (const auto& pair : SplitString(query, '&')) {
    auto eq = pair.find('=');
    if (eq == std::string::npos || std::string_view(pair).substr(0, eq) != key) continue;
    std::string value;
    if (!PercentDecode(std::string_view(pair).substr(eq + 1), &value)) return {};
    return value;
  }
  return {};
}

Error Refuse(std::string_view text, const std::string& where, const std::string& why) {
  std::string shown(text.substr(0, 120));
  if (!IsValidUtf8(shown)) shown = ToValidUtf8(shown);
  return MakeError(ErrorCode::kInvalidArgument,
                   fmt::format("'{}'{}: {}", shown, text.size() > 120 ? "..." : "",
                               why.empty() ? std::string(kForms) : why + "; " + kForms),
                   where);
}

Result<YouTubeRef> Video(std::string_view id, std::string_view text, const std::string& where) {
  if (!IsVideoId(id)) {
    return Refuse(text, where, fmt::format("'{}' is not a video id (11 characters: letters, digits, - and _)",
                                           std::string(id.substr(0, 40))));
  }
  return YouTubeRef{YouTubeRefKind::kVideo, std::string(id)};
}

Result<YouTubeRef> Channel(YouTubeRefKind kind, std::string_view raw, std::string_view text,
                           const std::string& where) {
  std::string name;
  if (!PercentDecode(raw, &name) || !IsChannelName(name)) {
    return Refuse(text, where, "the channel name is empty or has characters a channel name cannot have");
  }
  if (kind == YouTubeRefKind::kChannelId && !IsChannelId(name)) {
    return Refuse(text, where, fmt::format("'{}' is not a channel id (UC followed by 22 characters)",
                                           name.substr(0, 40)));
  }
  return YouTubeRef{kind, std::move(name)};
}

}  // namespace

const char* YouTubeRefKindName(YouTubeRefKind kind) {
  switch (kind) {
    case YouTubeRefKind::kVideo: return "video";
    case YouTubeRefKind::kChannelId: return "channel_id";
    case YouTubeRefKind::kHandle: return "handle";
    case YouTubeRefKind::kCustomName: return "custom_url";
    case YouTubeRefKind::kUserName: return "username";
  }
  return "?";
}

bool IsVideoId(std::string_view text) {
  return text.size() == 11 && std::all_of(text.begin(), text.end(), IsIdChar);
}

bool IsChannelId(std::string_view text) {
  return text.size() == 24 && text.substr(0, 2) == "UC" && std::all_of(text.begin(), text.end(), IsIdChar);
}

Result<YouTubeRef> ParseYouTubeRef(std::string_view input, const std::string& where) {
  std::string trimmed = Trim(input);
  std::string_view text = trimmed;
  if (text.empty()) return MakeError(ErrorCode::kInvalidArgument, std::string("empty: ") + kForms, where);
  if (text.size() > 2048) return Refuse(text, where, "longer than 2048 characters");
  // Bare forms first: an id or a handle with no host.
  if (IsVideoId(text)) return YouTubeRef{YouTubeRefKind::kVideo, std::string(text)};
  if (IsChannelId(text)) return YouTubeRef{YouTubeRefKind::kChannelId, std::string(text)};
  if (text.front() == '@' && text.find('/') == std::string_view::npos) {
    return Channel(YouTubeRefKind::kHandle, text.substr(1), text, where);
  }

  // scheme://host/path?query#fragment; the scheme is optional ("youtu.be/ID").
  std::string_view rest = text;
  if (auto scheme = rest.find("://"); scheme != std::string_view::npos) {
    std::string lower = ToLowerAscii(rest.substr(0, scheme));
    if (lower != "http" && lower != "https") return Refuse(text, where, "only http and https URLs");
    rest.remove_prefix(scheme + 3);
  } else if (rest.substr(0, 2) == "//") {
    rest.remove_prefix(2);
  }
  size_t host_end = rest.find_first_of("/?#");
  std::string host = ToLowerAscii(rest.substr(0, host_end));
  rest = host_end == std::string_view::npos ? std::string_view() : rest.substr(host_end);
  if (auto at = host.rfind('@'); at != std::string::npos) host.erase(0, at + 1);  // user@host
  if (auto colon = host.find(':'); colon != std::string::npos) host.erase(colon);  // :443
  if (!host.empty() && host.back() == '.') host.pop_back();                        // FQDN dot
  if (host.empty()) return Refuse(text, where, "");

  std::string_view fragment_free = rest.substr(0, rest.find('#'));
  size_t q = fragment_free.find('?');
  std::string_view path = fragment_free.substr(0, q);
  std::string_view query = q == std::string_view::npos ? std::string_view() : fragment_free.substr(q + 1);
  std::vector<std::string> segments;
  for (auto& s : SplitString(path, '/')) {
    if (!s.empty()) segments.push_back(std::move(s));
  }

  if (host == "youtu.be" || host == "www.youtu.be") {
    if (segments.size() != 1) return Refuse(text, where, "a youtu.be link names one video: youtu.be/ID");
    return Video(segments[0], text, where);
  }
  if (!IsYouTubeHost(host)) return Refuse(text, where, fmt::format("'{}' is not a YouTube address", host));
  if (segments.empty()) return Refuse(text, where, "the address names no video or channel");

  const std::string& first = segments[0];
  if (first == "watch") {
    if (segments.size() == 2) return Video(segments[1], text, where);  // /watch/ID
    std::string v = QueryValue(query, "v");
    if (v.empty()) return Refuse(text, where, "a watch URL without ?v=ID");
    return Video(v, text, where);
  }
  if (first == "shorts" || first == "live" || first == "embed" || first == "v" || first == "e") {
    if (segments.size() < 2) return Refuse(text, where, fmt::format("/{}/ without a video id", first));
    return Video(segments[1], text, where);
  }
  if (first == "attribution_link") {  // /attribution_link?u=/watch?v=ID
    std::string inner = QueryValue(query, "u");
    auto v = inner.find("v=");
    if (v == std::string::npos) return Refuse(text, where, "an attribution link without a video");
    return Video(std::string_view(inner).substr(v + 2, 11), text, where);
  }
  if (first == "channel") {
    if (segments.size() < 2) return Refuse(text, where, "/channel/ without a channel id");
    return Channel(YouTubeRefKind::kChannelId, segments[1], text, where);
  }
  if (first == "c" || first == "user") {
    if (segments.size() < 2) return Refuse(text, where, fmt::format("/{}/ without a name", first));
    return Channel(first == "c" ? YouTubeRefKind::kCustomName : YouTubeRefKind::kUserName, segments[1], text, where);
  }
  if (first.size() > 1 && first[0] == '@') {
    return Channel(YouTubeRefKind::kHandle, std::string_view(first).substr(1), text, where);
  }
  if (first.size() > 3 && first.substr(0, 3) == "%40") {  // a percent-encoded '@'
    return Channel(YouTubeRefKind::kHandle, std::string_view(first).substr(3), text, where);
  }
  return Refuse(text, where, fmt::format("the path /{} names no video or channel", first.substr(0, 40)));
}

std::string CanonicalUrl(const YouTubeRef& ref) {
  switch (ref.kind) {
    case YouTubeRefKind::kVideo: return "https://www.youtube.com/watch?v=" + ref.value;
    case YouTubeRefKind::kChannelId: return "https://www.youtube.com/channel/" + ref.value;
    case YouTubeRefKind::kHandle: return "https://www.youtube.com/@" + ref.value;
    case YouTubeRefKind::kCustomName: return "https://www.youtube.com/c/" + ref.value;
    case YouTubeRefKind::kUserName: return "https://www.youtube.com/user/" + ref.value;
  }
  return {};
}

}  // namespace vv
