#pragma once
// What a user pastes to name a YouTube video or channel, parsed without any network call:
//   videos:   https://www.youtube.com/watch?v=ID (any parameter order, &t=, &list=, #t=),
//             youtu.be/ID, /shorts/ID, /live/ID, /embed/ID, /v/ID, /e/ID, /watch/ID, on
//             youtube.com, www., m., music., gaming. and youtube-nocookie.com, with or without
//             the scheme, and a bare 11-character id;
//   channels: /channel/UC... (and a bare UC... id), /@handle (and a bare @handle), /c/name,
//             /user/name, each with or without a tab (/videos, /shorts, /about, ...).
// Anything else is refused with a message that says which forms are understood.
#include <string>
#include <string_view>

#include "core/result.h"

namespace vv {

enum class YouTubeRefKind {
  kVideo,       // value: the 11-character video id
  kChannelId,   // value: "UC" + 22 characters
  kHandle,      // value: the handle without '@' (channels?forHandle=)
  kCustomName,  // value: the name of a /c/ URL (legacy custom URL: no API lookup of its own)
  kUserName,    // value: the name of a /user/ URL (channels?forUsername=)
};

struct YouTubeRef {
  YouTubeRefKind kind = YouTubeRefKind::kVideo;
  std::string value;
  bool is_video() const { return kind == YouTubeRefKind::kVideo; }
};

const char* YouTubeRefKindName(YouTubeRefKind kind);  // "video", "channel_id", "handle", ...

// 11 characters of [A-Za-z0-9_-].
bool IsVideoId(std::string_view text);
// "UC" followed by 22 characters of [A-Za-z0-9_-].
bool IsChannelId(std::string_view text);

// kInvalidArgument (path `where`) for anything that names no video or channel.
Result<YouTubeRef> ParseYouTubeRef(std::string_view text, const std::string& where = "url");

// The canonical public URL of a reference ("https://www.youtube.com/watch?v=ID",
// ".../channel/UC...", ".../@handle", ".../c/name", ".../user/name").
std::string CanonicalUrl(const YouTubeRef& ref);

}  // namespace vv
