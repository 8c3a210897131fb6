#include "collect/analyze.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/time_util.h"

namespace vv {
namespace {

std::string HandleText(const YouTubeRef& ref) {
  switch (ref.kind) {
    case YouTubeRefKind::kHandle: return "the handle @" + ref.value;
    case YouTubeRefKind::kCustomName: return "the custom URL /c/" + ref.value;
    case YouTubeRefKind::kUserName: return "the user name " + ref.value;
    default: return "the id " + ref.value;
  }
}

}  // namespace

Analyzer::Analyzer(Store& store, HttpFetcher& fetcher, AnalyzeConfig config, SessionOptions hooks)
    : store_(store), fetcher_(fetcher), config_(std::move(config)), hooks_(std::move(hooks)) {
  config_.recent_videos = std::clamp(config_.recent_videos, 1, kMaxIdsPerCall);
}

Error Analyzer::UserError(ErrorCode code, const std::string& message) const {
  return MakeError(code, message, config_.error_path);
}

Result<AnalyzeResult> Analyzer::Analyze(std::string_view url_or_id) {
  VV_ASSIGN_OR_RETURN(YouTubeRef ref, ParseYouTubeRef(url_or_id, config_.error_path));
  return Analyze(ref);
}

Result<AnalyzeResult> Analyzer::Analyze(const YouTubeRef& ref) { return Analyze(ref, config_.max_age); }

Result<AnalyzeResult> Analyzer::Analyze(const YouTubeRef& ref, std::chrono::seconds max_age) {
  last_error_detail_.clear();
  if (ref.is_video()) return AnalyzeVideo(ref, max_age);
  return AnalyzeChannel(ref);
}

Result<std::unique_ptr<CollectSession>> Analyzer::StartSession() {
  if (config_.client.api_key.empty()) {
    last_error_detail_ = config_.key_problem;
    return UserError(ErrorCode::kFailedPrecondition,
                     "this server has no YouTube API key, so it cannot fetch from YouTube: set "
                     "YOUTUBE_API_KEY or name a key file (--key-file) where vv runs");
  }
  SessionOptions options = hooks_;
  options.client = config_.client;
  options.daily_budget = config_.daily_budget;
  options.stop_requested = {};
  return CollectSession::Start(store_, fetcher_, "analyze", std::move(options));
}

Error Analyzer::Fail(CollectSession& session, const std::string& what, const Error& error) {
  session.NoteCallError(what, error);
  bool by_api = session.quota().exhausted_by_api();
  int64_t budget = session.quota().daily_budget();
  auto finished = session.Finish();
  last_error_detail_ = what + ": " + error.ToString();
  if (!finished.ok()) last_error_detail_ += "; recording the run failed: " + finished.error().ToString();
  switch (error.code) {
    case ErrorCode::kResourceExhausted:
      return UserError(ErrorCode::kResourceExhausted,
                       by_api ? "the YouTube API quota of this server's key is used up for today; "
                                "analysis works again after the quota day resets (midnight Pacific time)"
                              : fmt::format("this server's daily YouTube quota budget ({} units) is used up; "
                                            "analysis works again after the quota day resets (midnight "
                                            "Pacific time)", budget));
    case ErrorCode::kFailedPrecondition:
      return UserError(ErrorCode::kFailedPrecondition,
                       "the YouTube API refused this server's API key (invalid, or the YouTube Data API "
                       "is not enabled for it): check YOUTUBE_API_KEY or the key file");
    case ErrorCode::kNotFound:
      return UserError(ErrorCode::kNotFound, "YouTube has nothing at this address (HTTP 404)");
    case ErrorCode::kUnavailable:
      return UserError(ErrorCode::kUnavailable,
                       "the YouTube API could not be reached or kept failing; try again in a minute");
    default:
      return UserError(ErrorCode::kUnavailable,
                       "the YouTube API answered in a way this server did not understand; the server "
                       "log has the details");
  }
}

Result<AnalyzeResult> Analyzer::AnalyzeVideo(const YouTubeRef& ref, std::chrono::seconds max_age) {
  AnalyzeResult out;
  out.ref = ref;
  out.video_id = ref.value;
  const std::string& id = ref.value;
  Timestamp now = Now();

  // Fresh in the store: no call. It is tracked from now on all the same.
  VV_ASSIGN_OR_RETURN(std::optional<Video> stored, store_.GetVideo(id));
  VV_ASSIGN_OR_RETURN(std::optional<TrackedVideo> before, store_.GetTrackedVideo(id));
  if (stored && max_age.count() > 0) {
    std::vector<std::string> ids = {id};
    VV_ASSIGN_OR_RETURN(auto latest, store_.LatestSnapshotTimes(ids));
    if (!latest.empty() && latest[0].second + max_age >= now) {
      out.channel_id = stored->channel_id;
      out.snapshot_at = latest[0].second;
      out.tracking = before;
      if (!out.tracking) {
        TrackedVideo tracked{.video_id = id, .tracked_since = now, .reason = "analyze"};
        tracked.next_due = NextSnapshotDue(config_.schedule, stored->published_at, now, latest[0].second);
        if (!tracked.next_due) tracked.ended = kTrackingComplete;
        VV_RETURN_IF_ERROR(store_.TrackVideo(tracked));
        out.tracking = tracked;
      }
      return out;
    }
  }

  VV_ASSIGN_OR_RETURN(auto session, StartSession());
  std::vector<std::string> ids = {id};
  auto page = session->client().VideosByIds(ids, kAnalyzeSource);
  if (!page.ok()) return Fail(*session, "videos.list " + id, page.error());
  auto item = std::find_if(page->videos.begin(), page->videos.end(), [&](const Video& v) { return v.id == id; });
  if (item == page->videos.end()) {
    if (!page->item_errors.empty()) {
      return Fail(*session, "videos.list " + id,
                  MakeError(ErrorCode::kDataLoss, page->item_errors.front().ToString()));
    }
    session->Note("video " + id + " not returned: private, deleted or never existed");
    (void)session->Finish();
    return UserError(ErrorCode::kNotFound,
                     fmt::format("YouTube does not return the video '{}': it is private, deleted or "
                                 "never existed (nothing was stored)", id));
  }
  Video video = *item;
  std::vector<Snapshot> snapshots;
  for (auto& s : page->snapshots) {
    if (s.video_id == id) {
      s.captured_at = now;
      snapshots.push_back(s);
    }
  }

  std::vector<Channel> channels;
  if (!video.channel_id.empty()) {
    std::vector<std::string> channel_ids = {video.channel_id};
    auto channel_page = session->client().ChannelsByIds(channel_ids);
    if (!channel_page.ok()) return Fail(*session, "channels.list " + video.channel_id, channel_page.error());
    for (const auto& c : channel_page->channels) {
      if (c.channel.id == video.channel_id) channels.push_back(c.channel);
    }
    if (channels.empty()) out.note = "the API did not return the video's channel: channel features are unknown";
  }

  TrackedVideo tracked{.video_id = id, .tracked_since = before ? before->tracked_since : now,
                       .reason = before ? before->reason : "analyze"};
  tracked.next_due = NextSnapshotDue(config_.schedule, video.published_at, tracked.tracked_since, now);
  if (!tracked.next_due) tracked.ended = kTrackingComplete;

  session->Note("analyze " + id);
  Status written = session->WritePage(std::move(channels), {video}, std::move(snapshots),
                                      [&](Store& s) { return s.TrackVideo(tracked); });
  auto run = session->Finish();
  if (!written.ok()) return written.take_error();
  if (!run.ok()) return run.take_error();
  out.fetched = true;
  out.channel_id = video.channel_id;
  out.tracking = tracked;
  out.units = run->units;
  out.run_id = run->id;
  VV_ASSIGN_OR_RETURN(auto latest, store_.LatestSnapshotTimes(ids));
  if (!latest.empty()) out.snapshot_at = latest[0].second;
  return out;
}

Result<AnalyzeResult> Analyzer::AnalyzeChannel(const YouTubeRef& ref) {
  AnalyzeResult out;
  out.ref = ref;
  Timestamp now = Now();
  VV_ASSIGN_OR_RETURN(auto session, StartSession());

  Result<ChannelPage> page = ChannelPage{};
  switch (ref.kind) {
    case YouTubeRefKind::kChannelId: {
      std::vector<std::string> ids = {ref.value};
      page = session->client().ChannelsByIds(ids);
      break;
    }
    case YouTubeRefKind::kHandle:
      page = session->client().ChannelByHandle(ref.value);
      break;
    case YouTubeRefKind::kUserName:
      page = session->client().ChannelByUsername(ref.value);
      break;
    case YouTubeRefKind::kCustomName:
      // The API cannot look up a legacy /c/ URL; most of them became the channel's handle.
      page = session->client().ChannelByHandle(ref.value);
      if (page.ok() && page->channels.empty()) page = session->client().ChannelByUsername(ref.value);
      break;
    case YouTubeRefKind::kVideo:
      break;
  }
  if (!page.ok()) return Fail(*session, "channels.list " + HandleText(ref), page.error());
  if (page->channels.empty()) {
    session->Note("no channel for " + HandleText(ref));
    (void)session->Finish();
    std::string message = fmt::format("YouTube has no channel with {} (nothing was stored)", HandleText(ref));
    if (ref.kind == YouTubeRefKind::kCustomName) {
      message += "; the API cannot look up custom URLs, and the name is neither a handle nor a user "
                 "name: paste the channel's /@handle or /channel/UC... address instead";
    }
    return UserError(ErrorCode::kNotFound, message);
  }
  ChannelItem item = page->channels.front();
  out.channel_id = item.channel.id;

  std::vector<std::string> uploads;
  if (!item.uploads_playlist_id.empty()) {
    auto playlist = session->client().PlaylistItems(item.uploads_playlist_id, "", config_.recent_videos);
    if (!playlist.ok() && playlist.error().code != ErrorCode::kNotFound) {  // 404: no uploads
      return Fail(*session, "playlistItems.list " + item.uploads_playlist_id, playlist.error());
    }
    if (playlist.ok()) uploads = playlist->video_ids;
  }
  if (static_cast<int>(uploads.size()) > config_.recent_videos) uploads.resize(config_.recent_videos);
  VideoPage videos;
  if (!uploads.empty()) {
    auto fetched = session->client().VideosByIds(uploads, kAnalyzeSource);
    if (!fetched.ok()) return Fail(*session, "videos.list for " + item.channel.id, fetched.error());
    videos = std::move(fetched).value();
    for (auto& s : videos.snapshots) s.captured_at = now;
  }
  for (const auto& id : uploads) {
    bool returned = std::any_of(videos.videos.begin(), videos.videos.end(), [&](const Video& v) { return v.id == id; });
    if (returned) out.recent_video_ids.push_back(id);
  }

  session->Note("analyze channel " + item.channel.id);
  std::vector<std::string> track = {item.channel.id};
  Status written = session->WritePage({item.channel}, std::move(videos.videos), std::move(videos.snapshots),
                                      [&](Store& s) { return s.UpsertTrackedChannels(track, now + config_.channel_interval); });
  auto run = session->Finish();
  if (!written.ok()) return written.take_error();
  if (!run.ok()) return run.take_error();
  out.fetched = true;
  out.units = run->units;
  out.run_id = run->id;
  return out;
}

}  // namespace vv
