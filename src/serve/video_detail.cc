#include "serve/video_detail.h"

#include "collect/track_schedule.h"
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

}  // namespace

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

json TrackingJson(const std::optional<TrackedVideo>& tracking) {
  if (!tracking) return nullptr;
  return {{"since", FormatIso8601(tracking->tracked_since)},
          {"next_snapshot", OptionalTime(tracking->next_due)},
          {"active", tracking->ended.empty()},
          {"ended", tracking->ended},
          {"reason", tracking->reason},
          {"schedule", DescribeSchedule(TrackSchedule{})}};
}

Result<StoredVideo> LoadStoredVideo(Store& s, const std::string& id, const std::string& path) {
  StoredVideo out;
  VideoInput& input = out.input;
  VV_ASSIGN_OR_RETURN(auto video, s.GetVideo(id));
  if (!video) return MakeError(ErrorCode::kNotFound, "no video '" + id + "'", path);
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
  auto tracking = s.GetTrackedVideo(id);
  if (tracking.ok()) {
    out.tracking = std::move(tracking).value();
  } else if (tracking.error().code != ErrorCode::kFailedPrecondition) {  // a store without tracking
    return tracking.take_error();
  }
  return out;
}

json PredictionsJson(const ModelSnapshot& models, const VideoInput& input) {
  json predictions = json::object();
  for (const auto& name : ModelNames()) {
    const LoadedModel* loaded = models.Find(name);
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
  return predictions;
}

json VideoDetailJson(const StoredVideo& stored, json predictions) {
  const VideoInput& input = stored.input;
  json snapshots = json::array();
  for (const auto& s : input.snapshots) snapshots.push_back(SnapshotJson(s));
  return {{"video", VideoJson(input.video)},
          {"channel", input.channel ? ChannelJson(*input.channel) : json(nullptr)},
          {"snapshots", std::move(snapshots)},
          {"tracking", TrackingJson(stored.tracking)},
          {"predictions", std::move(predictions)}};
}

}  // namespace vv::serve
