// GET /v1/videos, GET /v1/videos/{id}, GET /v1/channels/{id}: reads through the Store interface.
#include <charconv>

#include "core/time_util.h"
#include "serve/api.h"
#include "serve/errors.h"

namespace vv::serve {

namespace {

using nlohmann::json;

template <typename T>
json Optional(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

json OptionalTime(const std::optional<Timestamp>& value) {
  return value ? json(FormatIso8601(*value)) : json(nullptr);
}

json VideoJson(const Video& v) {
  return {{"id", v.id},
          {"channel_id", v.channel_id},
          {"title", v.title},
          {"description", v.description},
          {"tags", v.tags},
          {"category_id", Optional(v.category_id)},
          {"published_at", OptionalTime(v.published_at)},
          {"duration_s", Optional(v.duration_s)},
          {"default_language", v.default_language},
          {"thumbnail_url", v.thumbnail_url},
          {"comments_disabled", v.comments_disabled},
          {"ratings_disabled", v.ratings_disabled},
          {"source", v.source}};
}

json ChannelJson(const Channel& c) {
  return {{"id", c.id},
          {"title", c.title},
          {"country", c.country},
          {"subscribers", Optional(c.subscribers)},
          {"videos", Optional(c.video_count)},
          {"views", Optional(c.view_count)},
          {"created_at", OptionalTime(c.created_at)}};
}

json SnapshotJson(const Snapshot& s) {
  return {{"captured_at", FormatIso8601(s.captured_at)},
          {"views", Optional(s.views)},
          {"likes", Optional(s.likes)},
          {"dislikes", Optional(s.dislikes)},
          {"comments", Optional(s.comments)}};
}


Result<VideoFilter> FilterFrom(const Request& request) {
  VideoFilter filter;
  QueryParam(request.query, "query", &filter.query);
  QueryParam(request.query, "channel", &filter.channel_id);
  VV_ASSIGN_OR_RETURN(int category, IntQueryParam(request.query, "category", 0, 0, 99));
  if (category > 0) filter.category_id = category;
  VV_ASSIGN_OR_RETURN(filter.limit, IntQueryParam(request.query, "limit", 50, 1, 1000));
  VV_ASSIGN_OR_RETURN(filter.offset, IntQueryParam(request.query, "offset", 0, 0, 100'000'000));
  std::string sort;
  if (QueryParam(request.query, "sort", &sort) && !sort.empty()) {
    // "-views" sorts descending, "views" ascending.
    filter.descending = sort.front() == '-';
    if (filter.descending) sort.erase(0, 1);
    if (sort != "published_at" && sort != "views" && sort != "title") {
      return MakeError(ErrorCode::kInvalidArgument,
                       "must be one of published_at, views, title (prefix '-' for descending)",
                       "?sort");
    }
    filter.sort = sort;
  }
  return filter;
}

void ListVideos(Api& api, Request& request, Response& response) {
  auto filter = FilterFrom(request);
  if (!filter.ok()) return WriteError(filter.error(), &response);
  auto videos = api.store().With([&](Store& s) { return s.LoadVideos(*filter); });
  if (!videos.ok()) return WriteError(videos.error(), &response);
  json items = json::array();
  for (const auto& v : *videos) items.push_back(VideoJson(v));
  json answer = {{"videos", std::move(items)},
                 {"count", videos->size()},
                 {"limit", filter->limit},
                 {"offset", filter->offset}};
  response.body = answer.dump();
}

void GetVideo(Api& api, Request& request, Response& response) {
  std::string id(request.Param("id"));
  VideoInput input;
  auto found = api.store().With([&](Store& s) -> Status {
    VV_ASSIGN_OR_RETURN(auto video, s.GetVideo(id));
    if (!video) return MakeError(ErrorCode::kNotFound, "no video '" + id + "'", std::string(request.path));
    input.video = std::move(*video);
    VV_ASSIGN_OR_RETURN(input.snapshots, s.LoadSnapshots(id));
    if (!input.video.channel_id.empty()) {
      VV_ASSIGN_OR_RETURN(input.channel, s.GetChannel(input.video.channel_id));
      // The categories of the channel's other videos: genre's strongest signal where known.
      VideoFilter same_channel;
      same_channel.channel_id = input.video.channel_id;
      same_channel.limit = 200;  // enough to know a channel's category
      VV_ASSIGN_OR_RETURN(auto others, s.LoadVideos(same_channel));
      for (const auto& other : others) {
        if (other.id != input.video.id && other.category_id) {
          ++input.channel_categories[*other.category_id];
        }
      }
    }
    return {};
  });
  if (!found.ok()) return WriteError(found.error(), &response);
  json snapshots = json::array();
  for (const auto& s : input.snapshots) snapshots.push_back(SnapshotJson(s));
  json predictions = json::object();
  auto models = api.models().Current();
  for (const auto& name : ModelNames()) {
    const LoadedModel* loaded = models->Find(name);
    if (!loaded) {
      predictions[name] = nullptr;
      continue;
    }
    auto p = loaded->model->Predict(input);
    const Error shown = p.ok() ? Error() : PublicError(p.error());
    predictions[name] =
        p.ok() ? json{{"version", loaded->version}, {"prediction", std::move(p).value()}}
               : json{{"error",
                       {{"code", ErrorCodeSlug(shown.code)},
                        {"message", shown.message},
                        {"path", shown.path}}}};
  }
  json answer = {{"video", VideoJson(input.video)},
                 {"channel", input.channel ? ChannelJson(*input.channel) : json(nullptr)},
                 {"snapshots", std::move(snapshots)},
                 {"predictions", std::move(predictions)}};
  response.body = answer.dump();
}

void GetChannel(Api& api, Request& request, Response& response) {
  std::string id(request.Param("id"));
  json answer;
  auto found = api.store().With([&](Store& s) -> Status {
    VV_ASSIGN_OR_RETURN(auto channel, s.GetChannel(id));
    if (!channel) {
      return MakeError(ErrorCode::kNotFound, "no channel '" + id + "'", std::string(request.path));
    }
    VideoFilter filter;
    filter.channel_id = id;
    filter.limit = 50;
    VV_ASSIGN_OR_RETURN(auto videos, s.LoadVideos(filter));
    json items = json::array();
    for (const auto& v : videos) items.push_back(VideoJson(v));
    answer = {{"channel", ChannelJson(*channel)}, {"recent_videos", std::move(items)}};
    return {};
  });
  if (!found.ok()) return WriteError(found.error(), &response);
  response.body = answer.dump();
}

}  // namespace

void AddStoreRoutes(Api& api, Router& router) {
  router.Add({"GET", "/v1/videos", [&api](Request& q, Response& r) { ListVideos(api, q, r); },
              {.operation_id = "listVideos",
               .summary = "Videos from the store, filtered, sorted and paged",
               .tag = "store",
               .response_schema = "VideoList",
               .query = {{"query", "string", "case-insensitive substring of the title"},
                         {"category", "integer", "YouTube category id"},
                         {"channel", "string", "channel id"},
                         {"sort", "string", "published_at | views | title; '-' prefix = descending"},
                         {"limit", "integer", "1..1000, default 50"},
                         {"offset", "integer", "default 0"}},
               .error_statuses = {400, 503}},
              /*heavy=*/true});
  router.Add({"GET", "/v1/videos/{id}", [&api](Request& q, Response& r) { GetVideo(api, q, r); },
              {.operation_id = "getVideo",
               .summary = "One video with its snapshots, channel and the six predictions",
               .tag = "store",
               .response_schema = "VideoDetail",
               .error_statuses = {404, 503}},
              /*heavy=*/true});
  router.Add({"GET", "/v1/channels/{id}",
              [&api](Request& q, Response& r) { GetChannel(api, q, r); },
              {.operation_id = "getChannel",
               .summary = "One channel and its most recent videos",
               .tag = "store",
               .response_schema = "ChannelDetail",
               .error_statuses = {404, 503}},
              /*heavy=*/true});
}

}  // namespace vv::serve
