#include "collect/youtube_client.h"

#include <cstdlib>
#include <fstream>

#include <fmt/format.h>

#include "core/text_util.h"

namespace vv {
namespace {

constexpr const char* kVideoParts = "snippet,statistics,contentDetails";

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

YouTubeClient::YouTubeClient(HttpFetcher& fetcher, QuotaTracker& quota, YouTubeClientConfig config,
                             SleepFn sleep)
    : fetcher_(fetcher), quota_(quota), config_(std::move(config)), retrier_(config_.retry, std::move(sleep)) {
  while (!config_.api_base.empty() && config_.api_base.back() == '/') config_.api_base.pop_back();
}

std::string YouTubeClient::BuildUrl(const std::string& resource, const Params& params) const {
  std::string url = config_.api_base + "/" + resource + "?";
  for (const auto& [name, value] : params) {
    url += name + "=" + PercentEncode(value) + "&";
  }
  url += "key=" + PercentEncode(config_.api_key);
  return url;
}

std::string YouTubeClient::Scrub(std::string text) const {
  if (config_.api_key.empty()) return text;
  for (size_t pos; (pos = text.find(config_.api_key)) != std::string::npos;) {
    text.replace(pos, config_.api_key.size(), "***");
  }
  return text;
}

Error YouTubeClient::ErrorForStatus(const std::string& url, const HttpResponse& response) {
  ApiError api = ParseApiError(response.status, response.body);
  std::string where = RedactApiKey(url);
  std::string detail = Scrub(fmt::format("HTTP {}{}{}", response.status,
                                         api.reason.empty() ? "" : " " + api.reason,
                                         api.message.empty() ? "" : ": " + api.message));
  if (api.reason == "quotaExceeded" || api.reason == "dailyLimitExceeded") {
    quota_.MarkExhaustedByApi();
    return MakeError(ErrorCode::kResourceExhausted, "YouTube API quota exceeded for today (" + detail + ")", where);
  }
  bool key_rejected = api.reason == "keyInvalid" || api.message.find("API key not valid") != std::string::npos;
  if ((response.status == 400 || response.status == 403) && key_rejected) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "the YouTube API key was rejected; check YOUTUBE_API_KEY (" + detail + ")", where);
  }
  if (response.status == 401 || response.status == 403) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "YouTube API refused the request (key, API not enabled, or forbidden): " + detail, where);
  }
  if (response.status == 404) return MakeError(ErrorCode::kNotFound, detail, where);
  if (IsRetryableStatus(response.status)) {
    return MakeError(ErrorCode::kUnavailable, "YouTube API still failing after retries: " + detail, where);
  }
  return MakeError(ErrorCode::kInvalidArgument, "YouTube API rejected the request: " + detail, where);
}

Result<std::string> YouTubeClient::Call(ApiMethod method, const std::string& resource, const Params& params) {
  std::string url = BuildUrl(resource, params);
  int attempts = 0;
  auto charge = [&] { return quota_.Charge(method); };
  auto refund = [&] { quota_.Refund(method); };
  Result<HttpResponse> response = retrier_.Get(fetcher_, url, charge, &attempts, refund);
  retries_ += attempts > 0 ? attempts - 1 : 0;
  if (!response.ok()) {
    Error error = response.take_error();
    error.message = Scrub(std::move(error.message));
    if (error.path.empty()) error.path = RedactApiKey(url);
    return error;
  }
  if (response->status != 200) return ErrorForStatus(url, *response);
  return std::move(response->body);
}

Result<VideoPage> YouTubeClient::MostPopular(const std::string& region, std::optional<int> category,
                                             const std::string& page_token, int max_results) {
  Params params = {{"part", kVideoParts}, {"chart", "mostPopular"}, {"regionCode", region},
                   {"maxResults", std::to_string(max_results)}};
  if (category) params.emplace_back("videoCategoryId", std::to_string(*category));
  if (!page_token.empty()) params.emplace_back("pageToken", page_token);
  VV_ASSIGN_OR_RETURN(std::string body, Call(ApiMethod::kVideosList, "videos", params));
  return ParseVideoListResponse(body, "youtube:" + region);
}

Result<VideoPage> YouTubeClient::VideosByIds(std::span<const std::string> ids, const std::string& source) {
  if (ids.empty()) return VideoPage{};
  if (ids.size() > kMaxIdsPerCall) {
    return MakeError(ErrorCode::kInternal, fmt::format("videos.list takes at most {} ids", kMaxIdsPerCall));
  }
  Params params = {{"part", kVideoParts}, {"id", Join({ids.begin(), ids.end()}, ",")},
                   {"maxResults", std::to_string(kMaxIdsPerCall)}};
  VV_ASSIGN_OR_RETURN(std::string body, Call(ApiMethod::kVideosList, "videos", params));
  return ParseVideoListResponse(body, source);
}

Result<ChannelPage> YouTubeClient::ChannelsByIds(std::span<const std::string> ids) {
  if (ids.empty()) return ChannelPage{};
  if (ids.size() > kMaxIdsPerCall) {
    return MakeError(ErrorCode::kInternal, fmt::format("channels.list takes at most {} ids", kMaxIdsPerCall));
  }
  Params params = {{"part", "snippet,statistics,contentDetails"},
                   {"id", Join({ids.begin(), ids.end()}, ",")},
                   {"maxResults", std::to_string(kMaxIdsPerCall)}};
  VV_ASSIGN_OR_RETURN(std::string body, Call(ApiMethod::kChannelsList, "channels", params));
  return ParseChannelListResponse(body);
}

Result<ChannelPage> YouTubeClient::ChannelByHandle(const std::string& handle) {
  std::string value = handle.empty() || handle[0] == '@' ? handle : "@" + handle;
  Params params = {{"part", "snippet,statistics,contentDetails"}, {"forHandle", value}};
  VV_ASSIGN_OR_RETURN(std::string body, Call(ApiMethod::kChannelsList, "channels", params));
  return ParseChannelListResponse(body);
}

Result<ChannelPage> YouTubeClient::ChannelByUsername(const std::string& username) {
  Params params = {{"part", "snippet,statistics,contentDetails"}, {"forUsername", username}};
  VV_ASSIGN_OR_RETURN(std::string body, Call(ApiMethod::kChannelsList, "channels", params));
  return ParseChannelListResponse(body);
}

Result<PlaylistPage> YouTubeClient::PlaylistItems(const std::string& playlist_id, const std::string& page_token,
                                                  int max_results) {
  Params params = {{"part", "contentDetails"}, {"playlistId", playlist_id},
                   {"maxResults", std::to_string(max_results)}};
  if (!page_token.empty()) params.emplace_back("pageToken", page_token);
  VV_ASSIGN_OR_RETURN(std::string body, Call(ApiMethod::kPlaylistItemsList, "playlistItems", params));
  return ParsePlaylistItemsResponse(body);
}

Result<std::vector<Category>> YouTubeClient::VideoCategories(const std::string& region) {
  Params params = {{"part", "snippet"}, {"regionCode", region}};
  VV_ASSIGN_OR_RETURN(std::string body, Call(ApiMethod::kVideoCategoriesList, "videoCategories", params));
  return ParseVideoCategoriesResponse(body, region);
}

Result<std::string> LoadApiKey(const std::string& key_file) {
  if (const char* env = std::getenv("YOUTUBE_API_KEY"); env && *env) return Trim(env);
  if (key_file.empty()) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "no YouTube API key: set YOUTUBE_API_KEY or name a key file (--key-file)");
  }
  std::ifstream in(key_file);
  if (!in) return MakeError(ErrorCode::kNotFound, "cannot read the API key file", key_file);
  std::string line;
  std::getline(in, line);
  std::string key = Trim(line);
  if (key.empty()) return MakeError(ErrorCode::kInvalidArgument, "the API key file is empty", key_file + ":1");
  return key;
}

}  // namespace vv
