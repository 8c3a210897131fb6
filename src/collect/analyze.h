#pragma once
// Analyze by URL or id (`vv analyze`, POST /v1/analyze): a video or channel the user names is
// fetched through the collector's client (quota, retries, the run record), stored in one
// transaction and tracked from then on. A video whose newest snapshot is younger than max_age
// is answered from the store without a call. The predictions are the caller's: it reads the
// stored video back through the same path as GET /v1/videos/{id}.
//
// Quota: a video costs 2 units (videos.list, channels.list), a channel 3 (channels.list,
// playlistItems.list, videos.list), a /c/ URL one more when its name is not a handle. Every
// fetching analysis is a collection run (kind "analyze"), so its units count against the daily
// budget that `vv collect` shares.
//
// Errors (their path is config.error_path, a part of the request): kInvalidArgument for what
// names no video or channel; kNotFound for a video the API does not return (private, deleted
// or never existed) and an unknown channel or handle; kResourceExhausted when the quota is used
// up (the daily budget or the API's quotaExceeded); kFailedPrecondition without an API key or
// when the API rejects it; kUnavailable when the API cannot be reached, keeps failing or
// answers what does not parse. Store errors come back as the store gave them. Nothing is
// stored unless all of it is.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "collect/collect_session.h"
#include "collect/track_schedule.h"
#include "collect/youtube_url.h"

namespace vv {

inline constexpr char kAnalyzeSource[] = "youtube:analyze";

struct AnalyzeConfig {
  YouTubeClientConfig client;            // api_base, api_key (may be empty: then kFailedPrecondition), retry
  int64_t daily_budget = 10000;          // shared with `vv collect` (collection_runs)
  std::chrono::seconds max_age{3600};    // a video snapshotted this recently is not fetched; 0 = always fetch
  TrackSchedule schedule;
  int recent_videos = 12;                // uploads shown for a channel (1..50)
  std::chrono::seconds channel_interval{3600};  // an analyzed channel is due for `vv collect channels` after this
  std::string error_path = "url";        // the path of every error about the request or the API
  // Why there is no key, for the message (LoadApiKey's error); empty when the key is set.
  std::string key_problem;
};

struct AnalyzeResult {
  YouTubeRef ref;
  std::string video_id;                  // video references
  std::string channel_id;                // the video's channel, or the channel
  bool fetched = false;                  // false: answered from the store (fresh within max_age)
  std::optional<Timestamp> snapshot_at;  // the video's newest snapshot
  std::optional<TrackedVideo> tracking;  // video references
  std::vector<std::string> recent_video_ids;  // channel references, newest first
  int64_t units = 0;                     // quota units this analysis spent
  int64_t run_id = 0;                    // its collection run (0 when nothing was fetched)
  std::string note;                      // what the caller should know ("the channel was not returned")
};

class Analyzer {
 public:
  // hooks: clock and sleep (tests); stop_requested is not used.
  Analyzer(Store& store, HttpFetcher& fetcher, AnalyzeConfig config, SessionOptions hooks = {});

  Result<AnalyzeResult> Analyze(std::string_view url_or_id);
  Result<AnalyzeResult> Analyze(const YouTubeRef& ref);
  // max_age for this call only (a request's "max_age").
  Result<AnalyzeResult> Analyze(const YouTubeRef& ref, std::chrono::seconds max_age);

  // The whole error behind the last failure (API message, redacted URL), for a server log: the
  // returned error carries a message fit for the user.
  const std::string& last_error_detail() const { return last_error_detail_; }

 private:
  Result<AnalyzeResult> AnalyzeVideo(const YouTubeRef& ref, std::chrono::seconds max_age);
  Result<AnalyzeResult> AnalyzeChannel(const YouTubeRef& ref);
  Result<std::unique_ptr<CollectSession>> StartSession();
  // Records the failed call in the run, finishes it, and returns the error for the user.
  Error Fail(CollectSession& session, const std::string& what, const Error& error);
  Error UserError(ErrorCode code, const std::string& message) const;
  Timestamp Now() const { return hooks_.clock ? hooks_.clock() : vv::Now(); }

  Store& store_;
  HttpFetcher& fetcher_;
  AnalyzeConfig config_;
  SessionOptions hooks_;
  std::string last_error_detail_;
};

}  // namespace vv
