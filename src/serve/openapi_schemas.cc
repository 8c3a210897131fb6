// The JSON Schemas of request and response bodies (OpenAPI 3.1 uses JSON Schema 2020-12).
#include <nlohmann/json.hpp>

namespace vv::serve {

nlohmann::json OpenApiSchemas() {
  static const char* kSchemas = R"json({
  "Error": {"type": "object", "required": ["error"], "properties": {"error": {
    "type": "object", "required": ["code", "message", "path"], "properties": {
      "code": {"type": "string", "examples": ["invalid_argument"]},
      "message": {"type": "string"},
      "path": {"type": "string", "description": "JSON path or header at fault", "examples": ["$.snapshots[2].views"]},
      "fields": {"type": "array", "description": "every field at fault, when several are (impossible input)",
        "items": {"type": "object", "required": ["message", "path"], "properties": {
          "message": {"type": "string"}, "path": {"type": "string"}}}}}}}},
  "Warnings": {"type": "array", "description": "unusual input the models answered anyway (docs/API.md, Sanity)",
    "items": {"type": "object", "required": ["code", "message", "path"], "properties": {
      "code": {"type": "string", "enum": ["published_in_future", "views_fell", "likes_above_views", "required_missing", "more_warnings"]},
      "message": {"type": "string"}, "path": {"type": "string", "examples": ["$.snapshots[1].views"]}}}},
  "SnapshotInput": {"type": "object", "additionalProperties": false, "required": ["captured_at"],
    "properties": {
      "captured_at": {"type": "string", "format": "date-time", "description": "strictly increasing across the array"},
      "views": {"type": "integer", "minimum": 0}, "likes": {"type": "integer", "minimum": 0},
      "dislikes": {"type": "integer", "minimum": 0}, "comments": {"type": "integer", "minimum": 0}}},
  "ChannelInput": {"type": "object", "additionalProperties": false, "properties": {
      "id": {"type": "string", "maxLength": 64}, "title": {"type": "string", "maxLength": 200},
      "country": {"type": "string", "maxLength": 8},
      "subscribers": {"type": "integer", "minimum": 0}, "videos": {"type": "integer", "minimum": 0},
      "views": {"type": "integer", "minimum": 0}, "created_at": {"type": "string", "format": "date-time"}}},
  "VideoInput": {"type": "object", "additionalProperties": false,
    "description": "Only the fields a model needs are required: title (clickbait, genre, tags), published_at (velocity, viral), snapshots (anomaly).",
    "properties": {
      "id": {"type": "string", "maxLength": 64}, "channel_id": {"type": "string", "maxLength": 64},
      "title": {"type": "string", "maxLength": 200}, "description": {"type": "string", "maxLength": 10000},
      "tags": {"type": "array", "maxItems": 100, "items": {"type": "string", "maxLength": 100}},
      "category_id": {"type": "integer", "minimum": 1, "maximum": 99},
      "published_at": {"type": "string", "format": "date-time"},
      "duration_s": {"type": "integer", "minimum": 0},
      "default_language": {"type": "string", "maxLength": 16},
      "channel": {"$ref": "#/components/schemas/ChannelInput"},
      "snapshots": {"type": "array", "items": {"$ref": "#/components/schemas/SnapshotInput"}},
      "as_of": {"type": "string", "format": "date-time", "description": "'now' for the prediction; default: last snapshot"}},
    "examples": [{"title": "I tried 100 days of coding", "published_at": "2024-05-01T12:00:00Z",
      "category_id": 28, "duration_s": 600, "tags": ["coding"],
      "channel": {"subscribers": 120000, "videos": 340, "views": 9800000},
      "snapshots": [{"captured_at": "2024-05-01T18:00:00Z", "views": 1500, "likes": 90, "comments": 12}]}]},
  "ModelAnswer": {"oneOf": [
    {"type": "object", "required": ["version", "prediction"], "properties": {
      "version": {"type": "string"}, "prediction": {"type": "object", "description": "shape per model, see docs/API.md"}}},
    {"$ref": "#/components/schemas/Error"}]},
  "Prediction": {"type": "object", "required": ["model", "version", "prediction", "warnings"], "properties": {
    "model": {"type": "string"}, "version": {"type": "string", "description": "the model version that made it"},
    "prediction": {"type": "object"}, "warnings": {"$ref": "#/components/schemas/Warnings"}}},
  "PredictionSet": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/ModelAnswer"}},
  "AllPredictions": {"type": "object", "required": ["predictions", "warnings"], "properties": {
    "predictions": {"$ref": "#/components/schemas/PredictionSet"}, "warnings": {"$ref": "#/components/schemas/Warnings"}}},
  "BatchRequest": {"type": "object", "additionalProperties": false, "required": ["videos"], "properties": {
    "videos": {"type": "array", "minItems": 1, "maxItems": 1000, "items": {"$ref": "#/components/schemas/VideoInput"}}}},
  "BatchResponse": {"type": "object", "required": ["count", "results", "warnings"], "properties": {
    "count": {"type": "integer"}, "results": {"type": "array", "items": {"$ref": "#/components/schemas/PredictionSet"}},
    "warnings": {"$ref": "#/components/schemas/Warnings"}}},
  "Video": {"type": "object", "properties": {
    "id": {"type": "string"}, "channel_id": {"type": "string"}, "title": {"type": "string"},
    "description": {"type": "string"}, "tags": {"type": "array", "items": {"type": "string"}},
    "category_id": {"type": ["integer", "null"]}, "published_at": {"type": ["string", "null"], "format": "date-time"},
    "duration_s": {"type": ["integer", "null"]}, "default_language": {"type": "string"},
    "thumbnail_url": {"type": "string"}, "comments_disabled": {"type": "boolean"},
    "ratings_disabled": {"type": "boolean"}, "source": {"type": "string"}}},
  "Channel": {"type": "object", "properties": {
    "id": {"type": "string"}, "title": {"type": "string"}, "country": {"type": "string"},
    "subscribers": {"type": ["integer", "null"]}, "videos": {"type": ["integer", "null"]},
    "views": {"type": ["integer", "null"]}, "created_at": {"type": ["string", "null"], "format": "date-time"}}},
  "Snapshot": {"type": "object", "properties": {
    "captured_at": {"type": "string", "format": "date-time"}, "views": {"type": ["integer", "null"]},
    "likes": {"type": ["integer", "null"]}, "dislikes": {"type": ["integer", "null"]}, "comments": {"type": ["integer", "null"]}}},
  "VideoList": {"type": "object", "required": ["videos", "count", "limit", "offset"], "properties": {
    "videos": {"type": "array", "items": {"$ref": "#/components/schemas/Video"}},
    "count": {"type": "integer"}, "limit": {"type": "integer"}, "offset": {"type": "integer"}}},
  "Tracking": {"type": "object", "description": "The snapshot schedule of a tracked (analyzed) video", "properties": {
    "since": {"type": "string", "format": "date-time"}, "next_snapshot": {"type": ["string", "null"], "format": "date-time"},
    "active": {"type": "boolean"}, "ended": {"type": "string", "description": "why tracking stopped; empty while active"},
    "reason": {"type": "string"}, "schedule": {"type": "string", "examples": ["every 1 h for the first 48 h after publication, then every 24 h until 30 d"]}}},
  "VideoDetail": {"type": "object", "required": ["video", "snapshots", "predictions"], "properties": {
    "video": {"$ref": "#/components/schemas/Video"},
    "channel": {"oneOf": [{"$ref": "#/components/schemas/Channel"}, {"type": "null"}]},
    "snapshots": {"type": "array", "items": {"$ref": "#/components/schemas/Snapshot"}},
    "tracking": {"oneOf": [{"$ref": "#/components/schemas/Tracking"}, {"type": "null"}]},
    "predictions": {"type": "object", "additionalProperties": {"oneOf": [{"$ref": "#/components/schemas/ModelAnswer"}, {"type": "null"}]}}}},
  "AnalyzeRequest": {"type": "object", "additionalProperties": false, "required": ["url"], "properties": {
    "url": {"type": "string", "maxLength": 2048, "description": "a video URL (watch?v=, youtu.be/, /shorts/, /live/, /embed/; m., music., any parameters), an 11-character video id, or a channel URL (/channel/UC..., /@handle, /c/name, /user/name)"},
    "max_age": {"type": "integer", "minimum": 0, "maximum": 2592000, "description": "seconds: a video snapshotted more recently is answered from the store without calling YouTube (default: the server's --analyze-max-age; 0 = always fetch)"}},
    "examples": [{"url": "youtu.be/dQw4w9WgXcQ?si=abc"}, {"url": "youtube.com/@RickAstleyYT"}]},
  "AnalyzeResponse": {"type": "object", "required": ["kind", "url", "fetched", "quota_units"],
    "description": "kind video: the fields of VideoDetail (six predictions included) plus these; kind channel: channel and recent_videos",
    "properties": {
      "kind": {"enum": ["video", "channel"]}, "url": {"type": "string", "description": "canonical YouTube URL"},
      "input": {"type": "object", "properties": {"kind": {"type": "string"}, "value": {"type": "string"}}},
      "fetched": {"type": "boolean", "description": "false: answered from the store (fresh within max_age)"},
      "max_age_s": {"type": "integer"}, "quota_units": {"type": "integer", "description": "YouTube quota units this analysis spent"},
      "note": {"type": "string"}, "snapshot_at": {"type": ["string", "null"], "format": "date-time"},
      "video": {"$ref": "#/components/schemas/Video"},
      "channel": {"oneOf": [{"$ref": "#/components/schemas/Channel"}, {"type": "null"}]},
      "snapshots": {"type": "array", "items": {"$ref": "#/components/schemas/Snapshot"}},
      "tracking": {"oneOf": [{"$ref": "#/components/schemas/Tracking"}, {"type": "null"}]},
      "predictions": {"type": "object", "additionalProperties": {"oneOf": [{"$ref": "#/components/schemas/ModelAnswer"}, {"type": "null"}]}},
      "recent_videos": {"type": "array", "items": {"$ref": "#/components/schemas/Video"}},
      "tracked": {"type": "boolean"},
      "links": {"type": "object", "additionalProperties": {"type": "string"}}}},
  "ChannelDetail": {"type": "object", "required": ["channel", "recent_videos"], "properties": {
    "channel": {"$ref": "#/components/schemas/Channel"},
    "recent_videos": {"type": "array", "items": {"$ref": "#/components/schemas/Video"}}}},
  "ModelList": {"type": "object", "required": ["models"], "properties": {"models": {"type": "array", "items": {
    "type": "object", "properties": {"name": {"type": "string"}, "versions": {"type": "array", "items": {"type": "string"}},
    "aliases": {"type": "object", "additionalProperties": {"type": "string"}},
    "loaded_version": {"type": ["string", "null"]}}}}}},
  "ModelDetail": {"type": "object", "properties": {
    "name": {"type": "string"}, "versions": {"type": "array"}, "aliases": {"type": "object"},
    "metrics": {"type": "object"}, "feature_schema": {"type": "object"}, "config": {"type": "object"},
    "loaded_version": {"type": ["string", "null"]},
    "metric_specs": {"$ref": "#/components/schemas/MetricSpecs"},
    "population": {"type": "object", "description": "how the served model adapted to the serving store, or an error. viral: the logit offset that re-bases its probabilities on the store's videos (logit_offset, videos, target_rate, source); velocity: the one-snapshot calibration refitted on the store's later snapshots of videos its trees were not fitted on (recalibrated, videos, pairs, min_pairs, left_out_trained_videos, one_snapshot_cells, source)"}}},
  "PromoteRequest": {"type": "object", "additionalProperties": false, "required": ["version"], "properties": {
    "version": {"type": "string", "maxLength": 128}}},
  "PromoteResponse": {"type": "object", "properties": {
    "model": {"type": "string"}, "champion": {"type": "string"}, "loaded_version": {"type": ["string", "null"]}}},
  "ReloadResponse": {"type": "object", "properties": {"changed": {"type": "boolean"}, "models": {"type": "object"}}},
  "ModelMetrics": {"type": "object", "properties": {"models": {"type": "object", "additionalProperties": {
    "oneOf": [{"type": "null"}, {"type": "object", "properties": {"version": {"type": "string"}, "metrics": {"type": "object"},
      "baselines": {"type": "object"}, "n": {"type": ["integer", "null"]},
      "metric_specs": {"$ref": "#/components/schemas/MetricSpecs"},
      "created_at": {"type": ["string", "null"]}}}]}}}},
  "MetricSpecs": {"type": "array", "description": "each metric's direction and target, from the model's descriptor (src/models/descriptor.h); verdict metrics first",
    "items": {"type": "object", "required": ["name", "direction", "judged"], "properties": {
      "name": {"type": "string"}, "direction": {"type": "string", "enum": ["higher", "lower", "nominal", "none"]},
      "judged": {"type": "boolean", "description": "one of the metrics the model's verdict is decided on"},
      "target": {"type": "number", "description": "nominal only: the best value"},
      "acceptable": {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2, "description": "nominal only: [lo, hi]"}}}},
  "DriftReport": {"type": "object", "properties": {"format_version": {"type": "integer"},
    "status": {"type": "string"}, "features": {"type": "array", "items": {"type": "object"}},
    "predictions": {"type": "array", "items": {"type": "object"}}, "window": {"type": "object"},
    "reference": {"type": "object"}, "thresholds": {"type": "object"}, "note": {"type": "string"}}},
  "DriftHistory": {"type": "object", "properties": {"format_version": {"type": "integer"},
    "count": {"type": "integer"}, "reports": {"type": "array", "items": {"type": "object",
      "properties": {"id": {"type": "integer"}, "computed_at": {"type": "string"},
        "source": {"type": "string", "enum": ["serve", "cli"]}, "instance": {"type": "string"},
        "status": {"type": "string"}, "window": {"type": "object"},
        "columns": {"type": "array", "items": {"type": "object", "properties": {
          "kind": {"type": "string", "enum": ["feature", "prediction"]}, "name": {"type": "string"},
          "model": {"type": ["string", "null"]}, "version": {"type": ["string", "null"]},
          "psi": {"type": ["number", "null"]}, "ks": {"type": ["number", "null"]},
          "status": {"type": "string"}}}}}}}}},
  "Health": {"type": "object", "properties": {"status": {"const": "ok"}, "uptime_s": {"type": "number"}}},
  "Ready": {"type": "object", "properties": {"ready": {"type": "boolean"}, "models": {"type": "object"}, "states": {"type": "object", "additionalProperties": {"type": "object", "properties": {"state": {"type": "string", "enum": ["loaded", "no_champion", "failed"]}, "required": {"type": "boolean"}, "version": {"type": "string"}, "error": {"type": "object"}}}}, "required": {"type": "array", "items": {"type": "string"}}, "required_by": {"type": "string", "enum": ["champions", "config"]}, "store": {"type": "string"}}}
})json";
  return nlohmann::json::parse(kSchemas);
}

}  // namespace vv::serve
