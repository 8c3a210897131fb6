// GET /v1/videos, GET /v1/videos/{id}, GET /v1/channels/{id}: reads through the Store interface.

#include "serve/api.h"
#include "serve/errors.h"
#include "serve/video_detail.h"

namespace vv::serve {

namespace {

using nlohmann::json;

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
  auto stored = api.store().With(
      [&](Store& s) { return LoadStoredVideo(s, id, std::string(request.path)); });
  if (!stored.ok()) return WriteError(stored.error(), &response);
  auto models = api.models().Current();
  response.body = VideoDetailJson(*stored, PredictionsJson(*models, stored->input)).dump();
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
