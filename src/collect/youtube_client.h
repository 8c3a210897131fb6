#pragma once
// A client for the parts of the YouTube Data API v3 the collector needs. Paths and query
// parameters are exactly the real API's, so any server that speaks its shape can stand in
// (`--api-base`; the tests' fake server). The key goes into the query string and nowhere else:
// every URL in an error is redacted, and the key text is scrubbed from API messages.
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "collect/http_fetcher.h"
#include "collect/quota.h"
#include "collect/retry.h"
#include "collect/youtube_parse.h"

namespace vv {

inline constexpr const char* kDefaultApiBase = "https://www.googleapis.com/youtube/v3";
inline constexpr int kMaxIdsPerCall = 50;  // the API's limit for id lists and maxResults

struct YouTubeClientConfig {
  std::string api_base = kDefaultApiBase;  // no trailing slash needed
  std::string api_key;                     // secret: never logged, never stored
  RetryPolicy retry;
};

// Errors: kResourceExhausted (quota: our budget or the API's quotaExceeded; the tracker tells
// which), kFailedPrecondition (key rejected or API disabled: retrying cannot help),
// kNotFound, kUnavailable (network or 5xx after retries), kDataLoss / kInvalidArgument (a
// response that does not parse, with its JSON path).
class YouTubeClient {
 public:
  YouTubeClient(HttpFetcher& fetcher, QuotaTracker& quota, YouTubeClientConfig config,
                SleepFn sleep = {});

  Result<VideoPage> MostPopular(const std::string& region, std::optional<int> category,
                                const std::string& page_token, int max_results = kMaxIdsPerCall);
  // At most kMaxIdsPerCall ids (one call).
  Result<VideoPage> VideosByIds(std::span<const std::string> ids, const std::string& source);
  Result<ChannelPage> ChannelsByIds(std::span<const std::string> ids);
  // channels.list?forHandle=@handle (handle without or with its '@'): at most one channel;
  // an empty page when no channel has the handle.
  Result<ChannelPage> ChannelByHandle(const std::string& handle);
  // channels.list?forUsername=name (the legacy /user/ name): at most one channel.
  Result<ChannelPage> ChannelByUsername(const std::string& username);
  Result<PlaylistPage> PlaylistItems(const std::string& playlist_id, const std::string& page_token,
                                     int max_results = kMaxIdsPerCall);
  Result<std::vector<Category>> VideoCategories(const std::string& region);

  // Requests that failed below HTTP or with 5xx/429 and were retried.
  int64_t retries() const { return retries_; }

 private:
  using Params = std::vector<std::pair<std::string, std::string>>;
  Result<std::string> Call(ApiMethod method, const std::string& resource, const Params& params);
  std::string BuildUrl(const std::string& resource, const Params& params) const;
  std::string Scrub(std::string text) const;
  Error ErrorForStatus(const std::string& url, const HttpResponse& response);

  HttpFetcher& fetcher_;
  QuotaTracker& quota_;
  YouTubeClientConfig config_;
  Retrier retrier_;
  int64_t retries_ = 0;
};

// The key from the environment (YOUTUBE_API_KEY), else from key_file (first line, trimmed).
// The error never contains the key.
Result<std::string> LoadApiKey(const std::string& key_file);

}  // namespace vv
