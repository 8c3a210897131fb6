#pragma once
// A stored video as GET /v1/videos/{id} answers it: the video, its channel, its snapshots, its
// tracking and the six predictions. The one path for that route, POST /v1/analyze and
// `vv analyze`, so an analyzed video is predicted exactly as its page predicts it.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "models/model.h"
#include "serve/model_set.h"
#include "store/store.h"

namespace vv::serve {

struct StoredVideo {
  VideoInput input;
  std::optional<TrackedVideo> tracking;
};

// kNotFound (path `path`) when the store has no such video.
Result<StoredVideo> LoadStoredVideo(Store& store, const std::string& id, const std::string& path);

// {"<model>": {"version", "prediction"} | {"error": {...}} | null} for the six models.
nlohmann::json PredictionsJson(const ModelSnapshot& models, const VideoInput& input);

// {"video", "channel", "snapshots", "tracking", "predictions"}.
nlohmann::json VideoDetailJson(const StoredVideo& stored, nlohmann::json predictions);

nlohmann::json VideoJson(const Video& v);
nlohmann::json ChannelJson(const Channel& c);
nlohmann::json SnapshotJson(const Snapshot& s);
// null when not tracked.
nlohmann::json TrackingJson(const std::optional<TrackedVideo>& tracking);

}  // namespace vv::serve
