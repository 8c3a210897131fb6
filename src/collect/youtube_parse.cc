#include "collect/youtube_parse.h"

#include <charconv>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/time_util.h"

namespace vv {
namespace {

using Json = nlohmann::json;

Error TypeError(const std::string& path, const char* expected, const Json& got) {
  return MakeError(ErrorCode::kInvalidArgument,
                   fmt::format("expected {}, got {}", expected, got.type_name()), path);
}

// Optional member access that refuses wrong types: a missing key or null is "absent".
const Json* Member(const Json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

Result<std::optional<std::string>> OptString(const Json& object, const char* key,
                                             const std::string& path) {
  const Json* value = Member(object, key);
  if (!value) return std::optional<std::string>{};
  if (!value->is_string()) return TypeError(path + "." + key, "a string", *value);
  return std::optional<std::string>(value->get<std::string>());
}

Result<const Json*> OptObject(const Json& object, const char* key, const std::string& path) {
  const Json* value = Member(object, key);
  if (value && !value->is_object()) return TypeError(path + "." + key, "an object", *value);
  return value;
}

// The API sends counts as decimal strings ("12345"); plain integers are accepted too.
Result<std::optional<int64_t>> OptCount(const Json& object, const char* key, const std::string& path) {
  const Json* value = Member(object, key);
  if (!value) return std::optional<int64_t>{};
  if (value->is_number_integer()) return std::optional<int64_t>(value->get<int64_t>());
  if (value->is_string()) {
    const auto& text = value->get_ref<const std::string&>();
    int64_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec == std::errc() && end == text.data() + text.size() && !text.empty()) {
      return std::optional<int64_t>(n);
    }
    return MakeError(ErrorCode::kInvalidArgument, fmt::format("'{}' is not a count", text),
                     path + "." + key);
  }
  return TypeError(path + "." + key, "a count (string of digits)", *value);
}

Result<std::optional<bool>> OptBool(const Json& object, const char* key, const std::string& path) {
  const Json* value = Member(object, key);
  if (!value) return std::optional<bool>{};
  if (!value->is_boolean()) return TypeError(path + "." + key, "a boolean", *value);
  return std::optional<bool>(value->get<bool>());
}

Result<std::string> RequiredString(const Json& object, const char* key, const std::string& path) {
  VV_ASSIGN_OR_RETURN(auto value, OptString(object, key, path));
  if (!value || value->empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "missing required field", path + "." + key);
  }
  return *value;
}

Result<std::optional<Timestamp>> OptTime(const Json& object, const char* key, const std::string& path) {
  VV_ASSIGN_OR_RETURN(auto text, OptString(object, key, path));
  if (!text) return std::optional<Timestamp>{};
  auto t = ParseIso8601(*text);
  if (!t.ok()) return MakeError(ErrorCode::kInvalidArgument, t.error().message, path + "." + key);
  return std::optional<Timestamp>(*t);
}

// Parses the body and checks the envelope: an object whose "items" (if any) is an array.
Result<Json> ParseEnvelope(std::string_view body, const char* expected_kind) {
  Json doc = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    return MakeError(ErrorCode::kDataLoss,
                     fmt::format("response is not valid JSON ({} bytes, truncated?)", body.size()), "$");
  }
  if (!doc.is_object()) return TypeError("$", "an object", doc);
  if (const Json* kind = Member(doc, "kind"); kind && kind->is_string() && *kind != expected_kind) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("expected kind {}, got {}", expected_kind, kind->get<std::string>()),
                     "$.kind");
  }
  if (const Json* items = Member(doc, "items"); items && !items->is_array()) {
    return TypeError("$.items", "an array", *items);
  }
  if (const Json* token = Member(doc, "nextPageToken"); token && !token->is_string()) {
    return TypeError("$.nextPageToken", "a string", *token);
  }
  return doc;
}

std::string NextToken(const Json& doc) {
  const Json* token = Member(doc, "nextPageToken");
  return token ? token->get<std::string>() : std::string();
}

Status ParseVideoSnippet(const Json& snippet, const std::string& path, Video& video) {
  VV_ASSIGN_OR_RETURN(video.channel_id, RequiredString(snippet, "channelId", path));
  VV_ASSIGN_OR_RETURN(auto title, OptString(snippet, "title", path));
  if (!title) return MakeError(ErrorCode::kInvalidArgument, "missing required field", path + ".title");
  video.title = *title;
  VV_ASSIGN_OR_RETURN(auto description, OptString(snippet, "description", path));
  video.description = description.value_or("");
  VV_ASSIGN_OR_RETURN(video.published_at, OptTime(snippet, "publishedAt", path));
  VV_ASSIGN_OR_RETURN(auto category, OptCount(snippet, "categoryId", path));
  if (category) video.category_id = static_cast<int>(*category);
  VV_ASSIGN_OR_RETURN(auto language, OptString(snippet, "defaultAudioLanguage", path));
  if (!language) { VV_ASSIGN_OR_RETURN(language, OptString(snippet, "defaultLanguage", path)); }
  video.default_language = language.value_or("");
  if (const Json* tags = Member(snippet, "tags")) {
    if (!tags->is_array()) return TypeError(path + ".tags", "an array", *tags);
    for (size_t i = 0; i < tags->size(); ++i) {
      if (!(*tags)[i].is_string()) return TypeError(fmt::format("{}.tags[{}]", path, i), "a string", (*tags)[i]);
      video.tags.push_back((*tags)[i].get<std::string>());
    }
  }
  VV_ASSIGN_OR_RETURN(const Json* thumbnails, OptObject(snippet, "thumbnails", path));
  if (thumbnails) {
    for (const char* size : {"high", "medium", "default"}) {
      VV_ASSIGN_OR_RETURN(const Json* thumb, OptObject(*thumbnails, size, path + ".thumbnails"));
      if (!thumb) continue;
      VV_ASSIGN_OR_RETURN(auto url, OptString(*thumb, "url", fmt::format("{}.thumbnails.{}", path, size)));
      if (url) { video.thumbnail_url = *url; break; }
    }
  }
  return {};
}

Status ParseVideoItem(const Json& item, const std::string& path, const std::string& source,
                      Video& video, std::optional<Snapshot>& snapshot) {
  if (!item.is_object()) return TypeError(path, "an object", item);
  VV_ASSIGN_OR_RETURN(video.id, RequiredString(item, "id", path));
  video.source = source;
  VV_ASSIGN_OR_RETURN(const Json* snippet, OptObject(item, "snippet", path));
  if (!snippet) return MakeError(ErrorCode::kInvalidArgument, "missing required field", path + ".snippet");
  VV_RETURN_IF_ERROR(ParseVideoSnippet(*snippet, path + ".snippet", video));
  VV_ASSIGN_OR_RETURN(const Json* details, OptObject(item, "contentDetails", path));
  if (details) {
    VV_ASSIGN_OR_RETURN(auto duration, OptString(*details, "duration", path + ".contentDetails"));
    if (duration) {
      auto seconds = ParseIsoDuration(*duration);
      if (!seconds.ok()) {
        return MakeError(ErrorCode::kInvalidArgument, seconds.error().message, path + ".contentDetails.duration");
      }
      video.duration_s = *seconds;
    }
  }
  VV_ASSIGN_OR_RETURN(const Json* stats, OptObject(item, "statistics", path));
  if (stats) {
    std::string stats_path = path + ".statistics";
    Snapshot s;
    s.video_id = video.id;
    VV_ASSIGN_OR_RETURN(s.views, OptCount(*stats, "viewCount", stats_path));
    VV_ASSIGN_OR_RETURN(s.likes, OptCount(*stats, "likeCount", stats_path));
    VV_ASSIGN_OR_RETURN(s.dislikes, OptCount(*stats, "dislikeCount", stats_path));
    VV_ASSIGN_OR_RETURN(s.comments, OptCount(*stats, "commentCount", stats_path));
    // The API drops likeCount when ratings are off and commentCount when comments are off.
    video.ratings_disabled = !s.likes.has_value();
    video.comments_disabled = !s.comments.has_value();
    if (s.views || s.likes || s.comments) snapshot = s;
  }
  return {};
}

template <typename Page>
void SkipItem(Page& page, Error error) { page.item_errors.push_back(std::move(error)); }

}  // namespace

Result<int64_t> ParseIsoDuration(std::string_view text) {
  auto bad = [&](const char* why) {
    return MakeError(ErrorCode::kInvalidArgument, fmt::format("bad ISO 8601 duration '{}': {}", text, why));
  };
  if (text.size() < 2 || text[0] != 'P') return bad("must start with P");
  int64_t total = 0;
  bool in_time = false, any = false;
  size_t i = 1;
  while (i < text.size()) {
    if (text[i] == 'T') {
      if (in_time) return bad("two T");
      in_time = true;
      ++i;
      continue;
    }
    int64_t n = 0;
    auto [end, ec] = std::from_chars(text.data() + i, text.data() + text.size(), n);
    if (ec != std::errc() || end == text.data() + i) return bad("expected a number");
    i = end - text.data();
    if (i < text.size() && (text[i] == '.' || text[i] == ',')) {  // fraction of seconds
      ++i;
      while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
      if (i >= text.size() || text[i] != 'S' || !in_time) return bad("fraction only allowed on seconds");
    }
    if (i >= text.size()) return bad("number without unit");
    char unit = text[i++];
    int64_t scale = 0;
    if (!in_time && unit == 'W') scale = 7 * 86400;
    else if (!in_time && unit == 'D') scale = 86400;
    else if (in_time && unit == 'H') scale = 3600;
    else if (in_time && unit == 'M') scale = 60;
    else if (in_time && unit == 'S') scale = 1;
    else return bad("unsupported unit (years and months are ambiguous)");
    total += n * scale;
    any = true;
  }
  if (!any) return bad("no components");
  return total;
}

Result<VideoPage> ParseVideoListResponse(std::string_view body, const std::string& source) {
  VV_ASSIGN_OR_RETURN(Json doc, ParseEnvelope(body, "youtube#videoListResponse"));
  VideoPage page;
  page.next_page_token = NextToken(doc);
  const Json* items = Member(doc, "items");
  if (!items) return page;
  for (size_t i = 0; i < items->size(); ++i) {
    Video video;
    std::optional<Snapshot> snapshot;
    Status status = ParseVideoItem((*items)[i], fmt::format("$.items[{}]", i), source, video, snapshot);
    if (!status.ok()) {
      SkipItem(page, status.take_error());
      continue;
    }
    page.videos.push_back(std::move(video));
    if (snapshot) page.snapshots.push_back(std::move(*snapshot));
  }
  return page;
}

Result<ChannelPage> ParseChannelListResponse(std::string_view body) {
  VV_ASSIGN_OR_RETURN(Json doc, ParseEnvelope(body, "youtube#channelListResponse"));
  ChannelPage page;
  page.next_page_token = NextToken(doc);
  const Json* items = Member(doc, "items");
  if (!items) return page;
  for (size_t i = 0; i < items->size(); ++i) {
    std::string path = fmt::format("$.items[{}]", i);
    auto parse = [&](const Json& item) -> Result<ChannelItem> {
      if (!item.is_object()) return TypeError(path, "an object", item);
      ChannelItem out;
      VV_ASSIGN_OR_RETURN(out.channel.id, RequiredString(item, "id", path));
      VV_ASSIGN_OR_RETURN(const Json* snippet, OptObject(item, "snippet", path));
      if (snippet) {
        VV_ASSIGN_OR_RETURN(auto title, OptString(*snippet, "title", path + ".snippet"));
        out.channel.title = title.value_or("");
        VV_ASSIGN_OR_RETURN(auto country, OptString(*snippet, "country", path + ".snippet"));
        out.channel.country = country.value_or("");
        VV_ASSIGN_OR_RETURN(out.channel.created_at, OptTime(*snippet, "publishedAt", path + ".snippet"));
      }
      VV_ASSIGN_OR_RETURN(const Json* stats, OptObject(item, "statistics", path));
      if (stats) {
        std::string sp = path + ".statistics";
        VV_ASSIGN_OR_RETURN(auto hidden, OptBool(*stats, "hiddenSubscriberCount", sp));
        VV_ASSIGN_OR_RETURN(out.channel.subscribers, OptCount(*stats, "subscriberCount", sp));
        if (hidden.value_or(false)) out.channel.subscribers.reset();
        VV_ASSIGN_OR_RETURN(out.channel.video_count, OptCount(*stats, "videoCount", sp));
        VV_ASSIGN_OR_RETURN(out.channel.view_count, OptCount(*stats, "viewCount", sp));
      }
      VV_ASSIGN_OR_RETURN(const Json* details, OptObject(item, "contentDetails", path));
      if (details) {
        VV_ASSIGN_OR_RETURN(const Json* related, OptObject(*details, "relatedPlaylists", path + ".contentDetails"));
        if (related) {
          VV_ASSIGN_OR_RETURN(auto uploads, OptString(*related, "uploads", path + ".contentDetails.relatedPlaylists"));
          out.uploads_playlist_id = uploads.value_or("");
        }
      }
      return out;
    };
    auto channel = parse((*items)[i]);
    if (!channel.ok()) {
      SkipItem(page, channel.take_error());
      continue;
    }
    page.channels.push_back(std::move(channel).value());
  }
  return page;
}

Result<PlaylistPage> ParsePlaylistItemsResponse(std::string_view body) {
  VV_ASSIGN_OR_RETURN(Json doc, ParseEnvelope(body, "youtube#playlistItemListResponse"));
  PlaylistPage page;
  page.next_page_token = NextToken(doc);
  const Json* items = Member(doc, "items");
  if (!items) return page;
  for (size_t i = 0; i < items->size(); ++i) {
    std::string path = fmt::format("$.items[{}]", i);
    auto parse = [&](const Json& item) -> Result<std::string> {
      if (!item.is_object()) return TypeError(path, "an object", item);
      // contentDetails.videoId is the documented place; snippet.resourceId.videoId the older one.
      VV_ASSIGN_OR_RETURN(const Json* details, OptObject(item, "contentDetails", path));
      if (details) return RequiredString(*details, "videoId", path + ".contentDetails");
      VV_ASSIGN_OR_RETURN(const Json* snippet, OptObject(item, "snippet", path));
      if (!snippet) return MakeError(ErrorCode::kInvalidArgument, "missing required field", path + ".contentDetails");
      VV_ASSIGN_OR_RETURN(const Json* resource, OptObject(*snippet, "resourceId", path + ".snippet"));
      if (!resource) return MakeError(ErrorCode::kInvalidArgument, "missing required field", path + ".snippet.resourceId");
      return RequiredString(*resource, "videoId", path + ".snippet.resourceId");
    };
    auto id = parse((*items)[i]);
    if (!id.ok()) {
      SkipItem(page, id.take_error());
      continue;
    }
    page.video_ids.push_back(std::move(id).value());
  }
  return page;
}

Result<std::vector<Category>> ParseVideoCategoriesResponse(std::string_view body, const std::string& region) {
  VV_ASSIGN_OR_RETURN(Json doc, ParseEnvelope(body, "youtube#videoCategoryListResponse"));
  std::vector<Category> out;
  const Json* items = Member(doc, "items");
  if (!items) return out;
  for (size_t i = 0; i < items->size(); ++i) {
    std::string path = fmt::format("$.items[{}]", i);
    const Json& item = (*items)[i];
    if (!item.is_object()) return TypeError(path, "an object", item);
    VV_ASSIGN_OR_RETURN(auto id, OptCount(item, "id", path));
    if (!id) return MakeError(ErrorCode::kInvalidArgument, "missing required field", path + ".id");
    VV_ASSIGN_OR_RETURN(const Json* snippet, OptObject(item, "snippet", path));
    if (!snippet) return MakeError(ErrorCode::kInvalidArgument, "missing required field", path + ".snippet");
    VV_ASSIGN_OR_RETURN(std::string title, RequiredString(*snippet, "title", path + ".snippet"));
    out.push_back(Category{static_cast<int>(*id), region, std::move(title)});
  }
  return out;
}

ApiError ParseApiError(long status, std::string_view body) {
  ApiError out;
  out.status = status;
  Json doc = Json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return out;
  const Json* error = Member(doc, "error");
  if (!error || !error->is_object()) return out;
  if (const Json* m = Member(*error, "message"); m && m->is_string()) out.message = m->get<std::string>();
  if (const Json* errors = Member(*error, "errors"); errors && errors->is_array() && !errors->empty()) {
    const Json& first = (*errors)[0];
    if (first.is_object()) {
      if (const Json* r = Member(first, "reason"); r && r->is_string()) out.reason = r->get<std::string>();
    }
  }
  return out;
}

}  // namespace vv
