#include "serve/request_parser.h"

#include "core/time_util.h"
#include "serve/video_sax.h"

namespace vv::serve {

Result<nlohmann::json> ParseJsonBody(std::string_view body) {
  VV_RETURN_IF_ERROR(CheckJsonBody(body));
  nlohmann::json value;
  try {
    value = nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error& e) {
    return JsonSyntaxError(body, e.byte, e);
  } catch (const nlohmann::json::exception& e) {  // out_of_range: 1e400 overflows a double
    return JsonSyntaxError(body, 0, e);
  }
  if (!value.is_object()) return FieldError("$", "must be a JSON object");
  return value;
}

Result<VideoInput> ParseVideoBody(std::string_view body, const Limits& limits) {
  VV_ASSIGN_OR_RETURN(auto videos, RunVideoSax(body, /*batch=*/false, 1, limits));
  return std::move(videos.front());
}

Result<std::vector<VideoInput>> ParseBatchBody(std::string_view body, size_t max_videos,
                                               const Limits& limits) {
  return RunVideoSax(body, /*batch=*/true, max_videos, limits);
}

Status CheckRequiredFields(std::string_view model, const VideoInput& video,
                           const std::string& path) {
  const char* missing = nullptr;
  if ((model == "clickbait" || model == "genre" || model == "tags") && video.video.title.empty()) {
    missing = "title";
  } else if ((model == "velocity" || model == "viral") && !video.video.published_at) {
    missing = "published_at";
  } else if (model == "anomaly" && video.snapshots.empty()) {
    missing = "snapshots";
  }
  if (!missing) return {};
  return FieldError(ChildPath(path, missing),
                    "is required by the " + std::string(model) + " model");
}

namespace {

void Put(std::string_view text, std::string* out) {
  // Length-prefixed, so no string content can forge a field boundary.
  out->append(std::to_string(text.size())).push_back(':');
  out->append(text);
}

template <typename T>
void Put(const std::optional<T>& value, std::string* out) {
  if (!value) {
    out->push_back('~');
    return;
  }
  if constexpr (std::is_same_v<T, Timestamp>) {
    out->append(std::to_string(ToUnixSeconds(*value)));
  } else {
    out->append(std::to_string(*value));
  }
  out->push_back(',');
}

}  // namespace

void AppendCanonical(const VideoInput& in, std::string* out) {
  const Video& v = in.video;
  for (const auto* s : {&v.id, &v.channel_id, &v.title, &v.description, &v.default_language}) {
    Put(*s, out);
  }
  Put(std::optional<int64_t>(v.tags.size()), out);
  for (const auto& tag : v.tags) Put(tag, out);
  Put(v.category_id, out);
  Put(v.published_at, out);
  Put(v.duration_s, out);
  Put(in.as_of, out);
  out->push_back(in.channel ? 'C' : '-');
  if (in.channel) {
    const Channel& c = *in.channel;
    Put(c.id, out);
    Put(c.title, out);
    Put(c.country, out);
    Put(c.subscribers, out);
    Put(c.video_count, out);
    Put(c.view_count, out);
    Put(c.created_at, out);
  }
  Put(std::optional<int64_t>(in.snapshots.size()), out);
  for (const auto& s : in.snapshots) {
    Put(std::optional<Timestamp>(s.captured_at), out);
    Put(s.views, out);
    Put(s.likes, out);
    Put(s.dislikes, out);
    Put(s.comments, out);
  }
  // Genre reads the channel's other videos: two inputs differing there are different requests.
  Put(std::optional<int64_t>(in.channel_categories.size()), out);
  for (const auto& [category, count] : in.channel_categories) {
    Put(std::optional<int>(category), out);
    Put(std::optional<int64_t>(count), out);
  }
}

}  // namespace vv::serve
