#include "collect/collectors.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>

#include "collect/analyze.h"
#include "core/text_util.h"

namespace vv {

Status CollectConfig::Validate() const {
  VV_RETURN_IF_ERROR(client.retry.Validate());
  if (client.api_key.empty()) return MakeError(ErrorCode::kFailedPrecondition, "no YouTube API key");
  if (daily_budget <= 0) return MakeError(ErrorCode::kInvalidArgument, "--daily-budget must be positive");
  if (trending_pages < 1) return MakeError(ErrorCode::kInvalidArgument, "--pages must be >= 1");
  if (depth < 1) return MakeError(ErrorCode::kInvalidArgument, "--depth must be >= 1");
  if (claim_batch < 1 || claim_batch > kMaxIdsPerCall) {
    return MakeError(ErrorCode::kInvalidArgument, "claim batch must be 1..50");
  }
  if (lease.count() < 1) return MakeError(ErrorCode::kInvalidArgument, "--lease must be >= 1s");
  return {};
}

Result<std::vector<std::string>> ParseRegions(const std::string& text) {
  std::vector<std::string> out;
  for (std::string region : SplitString(text, ',')) {
    region = Trim(region);
    if (region.empty()) continue;
    bool ok = region.size() == 2 && std::all_of(region.begin(), region.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
    if (!ok) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("'{}' is not a region code (two letters, ISO 3166-1)", region), "--regions");
    }
    for (char& c : region) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (std::find(out.begin(), out.end(), region) == out.end()) out.push_back(region);
  }
  if (out.empty()) return MakeError(ErrorCode::kInvalidArgument, "no region given", "--regions");
  return out;
}

Result<std::vector<int>> ParseCategoryIds(const std::string& text) {
  std::vector<int> out;
  for (std::string item : SplitString(text, ',')) {
    item = Trim(item);
    if (item.empty()) continue;
    char* end = nullptr;
    long id = std::strtol(item.c_str(), &end, 10);
    if (*end != '\0' || id < 1 || id > 1000) {
      return MakeError(ErrorCode::kInvalidArgument, fmt::format("'{}' is not a category id", item), "--categories");
    }
    out.push_back(static_cast<int>(id));
  }
  return out;
}

Status ValidateChannelIds(const std::vector<std::string>& ids, const std::string& where) {
  for (size_t i = 0; i < ids.size(); ++i) {
    const std::string& id = ids[i];
    bool ok = id.size() == 24 && id.rfind("UC", 0) == 0 &&
              std::all_of(id.begin(), id.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; });
    if (!ok) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("'{}' is not a channel id (UC followed by 22 characters)", id),
                       where);
    }
  }
  return {};
}

Result<std::vector<std::string>> ReadChannelFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return MakeError(ErrorCode::kNotFound, "cannot read channel file", path);
  std::vector<std::string> ids;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::string id = Trim(line.substr(0, line.find('#')));
    if (id.empty()) continue;
    VV_RETURN_IF_ERROR(ValidateChannelIds({id}, fmt::format("{}:{}", path, number)));
    ids.push_back(id);
  }
  if (ids.empty()) return MakeError(ErrorCode::kInvalidArgument, "no channel ids in file", path);
  return ids;
}

Collector::Collector(Store& store, HttpFetcher& fetcher, CollectConfig config, SessionOptions hooks)
    : store_(store), fetcher_(fetcher), config_(std::move(config)), hooks_(std::move(hooks)) {}

SessionOptions Collector::Options() const {
  SessionOptions options = hooks_;
  options.client = config_.client;
  options.daily_budget = config_.daily_budget;
  return options;
}

void Collector::TrendingList(CollectSession& session, const std::string& region, std::optional<int> category) {
  std::string where = category ? fmt::format("{}/{}", region, *category) : region;
  std::string token;
  for (int page = 0; page < config_.trending_pages; ++page) {
    if (session.ShouldStop()) {
      session.NoteLeft(where);
      return;
    }
    auto result = session.client().MostPopular(region, category, token);
    if (!result.ok()) {
      session.NoteCallError(fmt::format("trending {} page {}", where, page + 1), result.error());
      session.NoteLeft(page == 0 ? where : fmt::format("{} from page {}", where, page + 1));
      return;
    }
    for (auto& s : result->snapshots) s.captured_at = session.Now();
    session.NoteItemErrors("trending " + where, result->item_errors);
    if (!session.WritePage({}, std::move(result->videos), std::move(result->snapshots)).ok()) return;
    token = result->next_page_token;
    if (token.empty()) return;
  }
}

Result<CollectionRun> Collector::CollectTrending() {
  VV_RETURN_IF_ERROR(config_.Validate());
  if (config_.regions.empty()) return MakeError(ErrorCode::kInvalidArgument, "no region given", "--regions");
  VV_ASSIGN_OR_RETURN(auto session, CollectSession::Start(store_, fetcher_, "trending", Options()));
  std::vector<std::optional<int>> categories;
  if (config_.categories.empty()) categories.push_back(std::nullopt);
  for (int c : config_.categories) categories.push_back(c);
  for (const auto& region : config_.regions) {
    for (const auto& category : categories) TrendingList(*session, region, category);
  }
  session->Note("trending " + Join(config_.regions, ","));
  return session->Finish();
}

Status Collector::TrackChannels(const std::vector<std::string>& channel_ids) {
  Timestamp now = hooks_.clock ? hooks_.clock() : Now();
  return store_.UpsertTrackedChannels(channel_ids, now);
}

Result<std::vector<std::string>> Collector::Uploads(CollectSession& session, const ChannelItem& item) {
  std::vector<std::string> uploads;
  std::string token;
  while (!item.uploads_playlist_id.empty() && static_cast<int>(uploads.size()) < config_.depth) {
    int want = std::min(kMaxIdsPerCall, config_.depth - static_cast<int>(uploads.size()));
    auto page = session.client().PlaylistItems(item.uploads_playlist_id, token, want);
    if (!page.ok()) {
      if (page.error().code == ErrorCode::kNotFound) break;  // a channel without uploads
      return page.take_error();
    }
    session.NoteItemErrors("channel " + item.channel.id + " uploads", page->item_errors);
    for (auto& v : page->video_ids) {
      if (static_cast<int>(uploads.size()) < config_.depth) uploads.push_back(std::move(v));
    }
    token = page->next_page_token;
    if (token.empty()) break;
  }
  return uploads;
}

void Collector::ChannelBatch(CollectSession& session, const std::vector<std::string>& ids,
                             std::vector<std::string>& held) {
  Timestamp now = session.Now();
  // Per claimed channel: true once all its uploads are stored. Unset or false: stays due.
  std::map<std::string, bool> done;
  for (const auto& id : ids) done[id] = false;
  auto finish = [&] {
    for (const auto& [id, ok] : done) {
      if (ok) {
        (void)store_.FinishChannelJob(id, now + config_.channel_interval);
      } else {
        held.push_back(id);  // claimed until the run ends, so this run does not retry it
        session.NoteLeft(id);
      }
    }
  };
  auto channels = session.client().ChannelsByIds(ids);
  if (!channels.ok()) {
    session.NoteCallError("channels.list", channels.error());
    return finish();
  }
  session.NoteItemErrors("channels.list", channels->item_errors);
  std::vector<Channel> rows;
  for (const auto& item : channels->channels) {
    if (done.count(item.channel.id)) rows.push_back(item.channel);
  }
  for (const auto& [id, ok] : done) {
    bool returned = std::any_of(rows.begin(), rows.end(), [&](const Channel& c) { return c.id == id; });
    if (!returned) {
      // Deleted or wrong id: counted, and due again next interval rather than at once.
      session.NoteCallError("channels.list", MakeError(ErrorCode::kNotFound, "channel not found: " + id));
      (void)store_.FinishChannelJob(id, now + config_.channel_interval);
    }
  }
  std::erase_if(done, [&](const auto& entry) {
    return std::none_of(rows.begin(), rows.end(), [&](const Channel& c) { return c.id == entry.first; });
  });
  if (!session.WritePage(rows, {}, {}).ok()) return finish();

  // Uploads of every channel first, then videos.list 50 ids at a time across channels, so a
  // channel with 3 uploads does not spend a whole call.
  std::vector<std::pair<std::string, std::string>> queue;  // (video id, channel id)
  for (const auto& item : channels->channels) {
    if (!done.count(item.channel.id) || session.ShouldStop()) continue;
    auto uploads = Uploads(session, item);
    if (!uploads.ok()) {
      session.NoteCallError("channel " + item.channel.id + " uploads", uploads.error());
      continue;
    }
    if (uploads->empty()) done[item.channel.id] = true;
    for (auto& v : *uploads) queue.emplace_back(std::move(v), item.channel.id);
  }
  FetchQueuedVideos(session, queue, done);
  finish();
}

void Collector::FetchQueuedVideos(CollectSession& session,
                                  const std::vector<std::pair<std::string, std::string>>& queue,
                                  std::map<std::string, bool>& done) {
  std::map<std::string, int> pending_chunks;  // per channel: chunks holding its videos
  std::set<std::string> failed;
  for (size_t i = 0; i < queue.size(); i += kMaxIdsPerCall) {
    std::set<std::string> owners;
    for (size_t j = i; j < std::min(queue.size(), i + kMaxIdsPerCall); ++j) owners.insert(queue[j].second);
    for (const auto& o : owners) ++pending_chunks[o];
  }
  for (size_t i = 0; i < queue.size() && !session.ShouldStop(); i += kMaxIdsPerCall) {
    size_t end = std::min(queue.size(), i + kMaxIdsPerCall);
    std::vector<std::string> chunk;
    std::set<std::string> owners;
    for (size_t j = i; j < end; ++j) {
      chunk.push_back(queue[j].first);
      owners.insert(queue[j].second);
    }
    auto page = session.client().VideosByIds(chunk, "youtube:channel");
    bool ok = page.ok();
    if (!ok) {
      session.NoteCallError(fmt::format("videos.list for {}", Join({owners.begin(), owners.end()}, ",")), page.error());
    } else {
      for (auto& s : page->snapshots) s.captured_at = session.Now();
      session.NoteItemErrors("channel videos", page->item_errors);
      ok = session.WritePage({}, std::move(page->videos), std::move(page->snapshots)).ok();
    }
    for (const auto& o : owners) {
      if (!ok) failed.insert(o);
      if (--pending_chunks[o] == 0 && !failed.count(o)) done[o] = true;
    }
  }
}

Result<CollectionRun> Collector::CollectChannels() {
  VV_RETURN_IF_ERROR(config_.Validate());
  VV_ASSIGN_OR_RETURN(auto session, CollectSession::Start(store_, fetcher_, "channels", Options()));
  std::string worker = WorkerName();
  int64_t collected = 0;
  std::vector<std::string> held;  // failed or not reached: released (still due) at the end
  while (!session->ShouldStop()) {
    Timestamp now = session->Now();
    auto claimed = store_.ClaimChannelJobs(worker, now, now + config_.lease, config_.claim_batch);
    if (!claimed.ok()) {
      session->NoteCallError("claiming channel jobs", claimed.error());
      break;
    }
    if (claimed->empty()) break;
    collected += static_cast<int64_t>(claimed->size());
    ChannelBatch(*session, *claimed, held);
  }
  for (const auto& id : held) (void)store_.FinishChannelJob(id, std::nullopt);
  session->Note(fmt::format("channels: {} claimed", collected));
  return session->Finish();
}

Result<CollectionRun> Collector::CollectVideos() {
  VV_RETURN_IF_ERROR(config_.Validate());
  std::string worker = WorkerName();
  // Nothing due: no run record (the server asks every few minutes).
  Timestamp start = hooks_.clock ? hooks_.clock() : Now();
  VV_ASSIGN_OR_RETURN(std::vector<std::string> first,
                      store_.ClaimVideoJobs(worker, start, start + config_.lease, kMaxIdsPerCall));
  if (first.empty()) {
    CollectionRun idle;
    idle.kind = "videos";
    idle.started_at = start;
    idle.ended_at = start;
    idle.status = "ok";
    idle.message = "no tracked video is due";
    return idle;
  }
  auto started = CollectSession::Start(store_, fetcher_, "videos", Options());
  if (!started.ok()) {
    for (const auto& id : first) (void)store_.FinishVideoJob(id, std::nullopt);
    return started.take_error();
  }
  auto session = std::move(started).value();
  int64_t snapshotted = 0, ended = 0;
  std::vector<std::string> held;  // failed or not reached: released (still due) at the end
  while (!session->ShouldStop()) {
    Timestamp now = session->Now();
    Result<std::vector<std::string>> claimed = std::move(first);
    first.clear();
    if (claimed->empty()) claimed = store_.ClaimVideoJobs(worker, now, now + config_.lease, kMaxIdsPerCall);
    if (!claimed.ok()) {
      session->NoteCallError("claiming tracked videos", claimed.error());
      break;
    }
    if (claimed->empty()) break;
    auto page = session->client().VideosByIds(*claimed, kAnalyzeSource);
    if (!page.ok()) {
      session->NoteCallError("videos.list for tracked videos", page.error());
      held.insert(held.end(), claimed->begin(), claimed->end());
      continue;
    }
    for (auto& s : page->snapshots) s.captured_at = now;
    session->NoteItemErrors("tracked videos", page->item_errors);
    // Per claimed video: its next due time, or why tracking ends. An item that did not parse
    // cannot be told from a gone video, so while any did, the missing ones stay due.
    std::vector<std::pair<std::string, std::optional<Timestamp>>> next;
    std::vector<std::string> gone, unknown;
    for (const auto& id : *claimed) {
      auto video = std::find_if(page->videos.begin(), page->videos.end(), [&](const Video& v) { return v.id == id; });
      if (video == page->videos.end()) {
        (page->item_errors.empty() ? gone : unknown).push_back(id);
        continue;
      }
      auto tracked = store_.GetTrackedVideo(id);
      Timestamp since = tracked.ok() && tracked->has_value() ? (*tracked)->tracked_since : now;
      next.emplace_back(id, NextSnapshotDue(config_.schedule, video->published_at, since, now));
    }
    Status written = session->WritePage({}, std::move(page->videos), std::move(page->snapshots), [&](Store& s) -> Status {
      for (const auto& [id, due] : next) {
        VV_RETURN_IF_ERROR(s.FinishVideoJob(id, due, due ? "" : kTrackingComplete));
      }
      for (const auto& id : gone) VV_RETURN_IF_ERROR(s.FinishVideoJob(id, std::nullopt, kTrackingGone));
      return {};
    });
    if (!written.ok()) {
      held.insert(held.end(), claimed->begin(), claimed->end());
      break;
    }
    snapshotted += static_cast<int64_t>(next.size());
    ended += static_cast<int64_t>(gone.size());
    held.insert(held.end(), unknown.begin(), unknown.end());
  }
  held.insert(held.end(), first.begin(), first.end());  // stopped before the first batch
  for (const auto& id : held) {
    (void)store_.FinishVideoJob(id, std::nullopt);
    session->NoteLeft(id);
  }
  session->Note(fmt::format("tracked videos: {} snapshotted, {} no longer available", snapshotted, ended));
  return session->Finish();
}

}  // namespace vv
