#include "serve/request_parser.h"

namespace vv::serve {

namespace {

constexpr int64_t kMaxCount = 1'000'000'000'000'000;  // far above any real view count
constexpr int64_t kMaxDuration = 10 * 365 * 24 * 3600;

Status ParseChannel(const nlohmann::json& value, const std::string& path, const Limits& limits,
                    Channel* channel) {
  if (!value.is_object()) return FieldError(path, "must be an object");
  VV_RETURN_IF_ERROR(CheckKeys(value, path, {"id", "title", "country", "subscribers", "videos",
                                             "views", "created_at"}));
  for (const auto& item : value.items()) {
    const std::string& key = item.key();
    std::string child = ChildPath(path, key);
    if (item.value().is_null()) continue;
    if (key == "id") {
      VV_ASSIGN_OR_RETURN(channel->id, GetString(item.value(), child, limits.id_chars));
    } else if (key == "title") {
      VV_ASSIGN_OR_RETURN(channel->title, GetString(item.value(), child, limits.title_chars));
    } else if (key == "country") {
      VV_ASSIGN_OR_RETURN(channel->country, GetString(item.value(), child, 8));
    } else if (key == "subscribers") {
      VV_ASSIGN_OR_RETURN(channel->subscribers, GetInteger(item.value(), child, 0, kMaxCount));
    } else if (key == "videos") {
      VV_ASSIGN_OR_RETURN(channel->video_count, GetInteger(item.value(), child, 0, kMaxCount));
    } else if (key == "views") {
      VV_ASSIGN_OR_RETURN(channel->view_count, GetInteger(item.value(), child, 0, kMaxCount));
    } else if (key == "created_at") {
      VV_ASSIGN_OR_RETURN(channel->created_at, GetTimestamp(item.value(), child));
    }
  }
  return {};
}

Status ParseSnapshot(const nlohmann::json& value, const std::string& path, Snapshot* snapshot) {
  if (!value.is_object()) return FieldError(path, "must be an object");
  VV_RETURN_IF_ERROR(
      CheckKeys(value, path, {"captured_at", "views", "likes", "dislikes", "comments"}));
  auto at = value.find("captured_at");
  if (at == value.end()) return FieldError(ChildPath(path, "captured_at"), "is required");
  VV_ASSIGN_OR_RETURN(snapshot->captured_at, GetTimestamp(*at, ChildPath(path, "captured_at")));
  struct Count {
    const char* key;
    std::optional<int64_t>* out;
  } counts[] = {{"views", &snapshot->views},
                {"likes", &snapshot->likes},
                {"dislikes", &snapshot->dislikes},
                {"comments", &snapshot->comments}};
  for (const auto& count : counts) {
    auto it = value.find(count.key);
    if (it == value.end() || it->is_null()) continue;
    VV_ASSIGN_OR_RETURN(*count.out, GetInteger(*it, ChildPath(path, count.key), 0, kMaxCount));
  }
  return {};
}

Status ParseSnapshots(const nlohmann::json& value, const std::string& path, const Limits& limits,
                      const std::string& video_id, std::vector<Snapshot>* out) {
  if (!value.is_array()) return FieldError(path, "must be an array");
  if (value.size() > limits.snapshots) {
    return FieldError(path, "has more than " + std::to_string(limits.snapshots) + " snapshots");
  }
  out->reserve(value.size());
  for (size_t i = 0; i < value.size(); ++i) {
    std::string item_path = IndexPath(path, i);
    Snapshot snapshot;
    snapshot.video_id = video_id;
    VV_RETURN_IF_ERROR(ParseSnapshot(value[i], item_path, &snapshot));
    if (!out->empty() && snapshot.captured_at <= out->back().captured_at) {
      return FieldError(ChildPath(item_path, "captured_at"),
                        "must be after the previous snapshot's captured_at "
                        "(snapshots are ordered by time)");
    }
    out->push_back(std::move(snapshot));
  }
  return {};
}

Status ParseTags(const nlohmann::json& value, const std::string& path, const Limits& limits,
                 std::vector<std::string>* tags) {
  if (!value.is_array()) return FieldError(path, "must be an array of strings");
  if (value.size() > limits.tags) {
    return FieldError(path, "has more than " + std::to_string(limits.tags) + " tags");
  }
  tags->reserve(value.size());
  for (size_t i = 0; i < value.size(); ++i) {
    VV_ASSIGN_OR_RETURN(auto tag, GetString(value[i], IndexPath(path, i), limits.tag_chars));
    tags->push_back(std::move(tag));
  }
  return {};
}

// One top-level field of a video; split out of ParseVideo to keep both short.
Status ParseVideoField(const std::string& key, const nlohmann::json& value,
                       const std::string& child, const Limits& limits, VideoInput* input) {
  Video& video = input->video;
  if (key == "id") {
    VV_ASSIGN_OR_RETURN(video.id, GetString(value, child, limits.id_chars));
  } else if (key == "channel_id") {
    VV_ASSIGN_OR_RETURN(video.channel_id, GetString(value, child, limits.id_chars));
  } else if (key == "title") {
    VV_ASSIGN_OR_RETURN(video.title, GetString(value, child, limits.title_chars));
  } else if (key == "description") {
    VV_ASSIGN_OR_RETURN(video.description, GetString(value, child, limits.description_chars));
  } else if (key == "tags") {
    VV_RETURN_IF_ERROR(ParseTags(value, child, limits, &video.tags));
  } else if (key == "category_id") {
    VV_ASSIGN_OR_RETURN(int64_t category, GetInteger(value, child, 1, 99));
    video.category_id = static_cast<int>(category);
  } else if (key == "published_at") {
    VV_ASSIGN_OR_RETURN(video.published_at, GetTimestamp(value, child));
  } else if (key == "duration_s") {
    VV_ASSIGN_OR_RETURN(video.duration_s, GetInteger(value, child, 0, kMaxDuration));
  } else if (key == "default_language") {
    VV_ASSIGN_OR_RETURN(video.default_language, GetString(value, child, 16));
  } else if (key == "channel") {
    Channel channel;
    VV_RETURN_IF_ERROR(ParseChannel(value, child, limits, &channel));
    input->channel = std::move(channel);
  } else if (key == "as_of") {
    VV_ASSIGN_OR_RETURN(input->as_of, GetTimestamp(value, child));
  }
  return {};
}

}  // namespace

Result<nlohmann::json> ParseJsonBody(std::string_view body) {
  if (body.empty()) return FieldError("$", "the request body is empty; a JSON object is expected");
  nlohmann::json value;
  try {
    value = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  } catch (const nlohmann::json::out_of_range& e) {
    // Thrown even without exceptions enabled: a number like 1e400 overflows a double.
    return FieldError("$", "a number is out of range (it would be Infinity)");
  }
  if (value.is_discarded()) {
    // Parse again for the message: the error path is cold, the fast path has no exception cost.
    try {
      auto again = nlohmann::json::parse(body);
      (void)again;
    } catch (const nlohmann::json::parse_error& e) {
      return FieldError("$", "malformed JSON at byte " + std::to_string(e.byte) +
                                 " (NaN and Infinity are not JSON numbers)");
    } catch (const nlohmann::json::exception& e) {
      return FieldError("$", "a number is out of range (it would be Infinity)");
    }
    return FieldError("$", "malformed JSON");
  }
  if (!value.is_object()) return FieldError("$", "must be a JSON object");
  return value;
}

Result<VideoInput> ParseVideo(const nlohmann::json& value, const std::string& path,
                              const Limits& limits) {
  if (!value.is_object()) return FieldError(path, "must be an object");
  VV_RETURN_IF_ERROR(CheckKeys(value, path,
                               {"id", "channel_id", "title", "description", "tags", "category_id",
                                "published_at", "duration_s", "default_language", "channel",
                                "snapshots", "as_of"}));
  VideoInput input;
  const nlohmann::json* snapshots = nullptr;
  for (const auto& item : value.items()) {
    if (item.value().is_null()) continue;  // null = unknown, like an absent field
    if (item.key() == "snapshots") {
      snapshots = &item.value();
      continue;
    }
    VV_RETURN_IF_ERROR(ParseVideoField(item.key(), item.value(), ChildPath(path, item.key()),
                                       limits, &input));
  }
  if (snapshots) {
    VV_RETURN_IF_ERROR(ParseSnapshots(*snapshots, ChildPath(path, "snapshots"), limits,
                                      input.video.id, &input.snapshots));
  }
  if (input.channel && input.video.channel_id.empty()) input.video.channel_id = input.channel->id;
  return input;
}

Status CheckRequiredFields(std::string_view model, const nlohmann::json& video,
                           const std::string& path) {
  auto present = [&](const char* key) {
    auto it = video.find(key);
    return it != video.end() && !it->is_null();
  };
  const char* needed = nullptr;
  if (model == "clickbait" || model == "genre" || model == "tags") {
    needed = "title";
  } else if (model == "velocity" || model == "viral") {
    needed = "published_at";
  } else if (model == "anomaly") {
    needed = "snapshots";
  }
  if (needed && !present(needed)) {
    return FieldError(ChildPath(path, needed),
                      "is required by the " + std::string(model) + " model");
  }
  return {};
}

Result<std::vector<VideoInput>> ParseBatch(const nlohmann::json& body, size_t max_videos,
                                           const Limits& limits,
                                           std::vector<const nlohmann::json*>* raw) {
  VV_RETURN_IF_ERROR(CheckKeys(body, "$", {"videos"}));
  auto it = body.find("videos");
  if (it == body.end()) return FieldError("$.videos", "is required");
  if (!it->is_array()) return FieldError("$.videos", "must be an array");
  if (it->empty()) return FieldError("$.videos", "must not be empty");
  if (it->size() > max_videos) {
    return MakeError(ErrorCode::kResourceExhausted,
                     "a batch holds at most " + std::to_string(max_videos) + " videos, got " +
                         std::to_string(it->size()),
                     "$.videos");
  }
  std::vector<VideoInput> out;
  out.reserve(it->size());
  for (size_t i = 0; i < it->size(); ++i) {
    VV_ASSIGN_OR_RETURN(auto video, ParseVideo((*it)[i], IndexPath("$.videos", i), limits));
    out.push_back(std::move(video));
    if (raw) raw->push_back(&(*it)[i]);
  }
  return out;
}

}  // namespace vv::serve
