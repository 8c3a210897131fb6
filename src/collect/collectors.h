#pragma once
// The trending and channel collectors and the scheduling loop over them.
//
// Trending: for each region (and category), chart=mostPopular page by page; each page is a
// snapshot of every listed video, written in one transaction.
// Channels: due channels are claimed from collection_jobs (work shared between collectors),
// channels.list gives each uploads playlist, playlistItems.list its newest uploads (up to
// `depth`), videos.list (50 ids per call) their snapshots. A collected channel is due again
// after `channel_interval`; one that failed or was not reached stays due.
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "collect/collect_session.h"
#include "collect/track_schedule.h"

namespace vv {

struct CollectConfig {
  YouTubeClientConfig client;           // api_base, api_key, retry
  HttpOptions http;                     // timeouts
  int64_t daily_budget = 10000;         // units per Pacific day across all runs
  std::vector<std::string> regions;     // ISO 3166-1 alpha-2, upper case
  std::vector<int> categories;          // empty: the overall chart only
  int trending_pages = 4;               // mostPopular lists end at 200 videos = 4 pages of 50
  int depth = 50;                       // newest uploads per channel
  std::chrono::seconds channel_interval{3600};  // a collected channel is due again after this
  std::chrono::seconds lease{600};      // how long a claim holds a channel
  int claim_batch = 50;                 // channels claimed (and channels.list'ed) at once
  TrackSchedule schedule;               // when a tracked video is snapshotted next
  Status Validate() const;
};

// Parses "US,gb" -> {"US","GB"}; kInvalidArgument naming the bad entry.
Result<std::vector<std::string>> ParseRegions(const std::string& text);
Result<std::vector<int>> ParseCategoryIds(const std::string& text);
// Channel ids, one per line ('#' comments and blank lines skipped); errors name file:line.
Result<std::vector<std::string>> ReadChannelFile(const std::string& path);
// "UC..." ids, 24 characters; errors name where.
Status ValidateChannelIds(const std::vector<std::string>& ids, const std::string& where);

class Collector {
 public:
  // hooks: clock, sleep and stop_requested for tests and signal handling (may be empty).
  Collector(Store& store, HttpFetcher& fetcher, CollectConfig config, SessionOptions hooks = {});

  Result<CollectionRun> CollectTrending();
  // Collects due tracked channels until none is due, the budget runs out, or a stop.
  Result<CollectionRun> CollectChannels();
  Status TrackChannels(const std::vector<std::string>& channel_ids);
  // Snapshots the tracked videos that are due (`vv analyze`; collect/track_schedule.h), 50 per
  // videos.list call, until none is due, the budget runs out, or a stop. A video the API no
  // longer returns stops being tracked; one whose call failed stays due.
  Result<CollectionRun> CollectVideos();

 private:
  SessionOptions Options() const;
  void TrendingList(CollectSession& session, const std::string& region, std::optional<int> category);
  // Channels that fail or are not reached go to `held`: they keep their claim until the run
  // ends (so the run does not take them again) and are then released, still due.
  void ChannelBatch(CollectSession& session, const std::vector<std::string>& ids,
                    std::vector<std::string>& held);
  // The newest `depth` upload ids of a channel (empty when it has none).
  Result<std::vector<std::string>> Uploads(CollectSession& session, const ChannelItem& item);
  // videos.list over (video id, channel id) pairs, 50 ids a call; a channel is done once every
  // chunk holding its videos is stored.
  void FetchQueuedVideos(CollectSession& session,
                         const std::vector<std::pair<std::string, std::string>>& queue,
                         std::map<std::string, bool>& done);

  Store& store_;
  HttpFetcher& fetcher_;
  CollectConfig config_;
  SessionOptions hooks_;
};

}  // namespace vv
