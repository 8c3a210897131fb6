#pragma once
// Turns YouTube Data API v3 response bodies into domain values. Parsing is strict about types
// and names the JSON path at fault; one bad item is reported and skipped, the rest of the page
// is kept. Hidden counts (likes on videos with ratings off, dislikes since 2021, subscribers
// when hidden) are absent from the response and stay unknown, never 0.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/types.h"

namespace vv {

struct VideoPage {
  std::vector<Video> videos;
  std::vector<Snapshot> snapshots;  // one per video with statistics; captured_at left unset
  std::vector<Error> item_errors;   // skipped items, each with its JSON path
  std::string next_page_token;
};

struct ChannelItem {
  Channel channel;
  std::string uploads_playlist_id;  // contentDetails.relatedPlaylists.uploads
};

struct ChannelPage {
  std::vector<ChannelItem> channels;
  std::vector<Error> item_errors;
  std::string next_page_token;
};

struct PlaylistPage {
  std::vector<std::string> video_ids;  // in playlist order (uploads: newest first)
  std::vector<Error> item_errors;
  std::string next_page_token;
};

// The error body of a non-200 response: {"error": {"code", "message", "errors": [{"reason"}]}}.
struct ApiError {
  long status = 0;
  std::string reason;   // "quotaExceeded", "keyInvalid", ... ("" when the body says nothing)
  std::string message;
};

// "PT1H2M3S" -> 3723, "P1DT2H" -> 93600, "P0D" -> 0. Weeks, days, hours, minutes, seconds
// (fractions of seconds dropped); years and months are refused as ambiguous.
Result<int64_t> ParseIsoDuration(std::string_view text);

// source: stored on each video ("youtube:US", "youtube:channel").
Result<VideoPage> ParseVideoListResponse(std::string_view body, const std::string& source);
Result<ChannelPage> ParseChannelListResponse(std::string_view body);
Result<PlaylistPage> ParsePlaylistItemsResponse(std::string_view body);
Result<std::vector<Category>> ParseVideoCategoriesResponse(std::string_view body,
                                                           const std::string& region);
ApiError ParseApiError(long status, std::string_view body);

}  // namespace vv
