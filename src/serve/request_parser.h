#pragma once
// Request bodies -> VideoInput with strict validation, in one streaming pass (nlohmann's SAX
// interface: no JSON tree is built on the hot path). Every error is a value naming the JSON path
// at fault ("$.snapshots[2].views", "$.videos[3].title"); the first error stops the parse, so a
// hostile body costs no more than reading up to its first mistake.
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "models/model.h"
#include "serve/validate.h"

namespace vv::serve {

// A JSON object of any shape (small admin bodies). Malformed JSON, NaN and Infinity included,
// is an error at path "$" with the byte offset in the message (JsonSyntaxError), as is a NUL
// byte anywhere in the body (CheckJsonBody).
Result<nlohmann::json> ParseJsonBody(std::string_view body);

// One video object as the whole body.
Result<VideoInput> ParseVideoBody(std::string_view body, const Limits& limits);

// {"videos": [...]} with 1..max_videos entries (more: kResourceExhausted at $.videos).
Result<std::vector<VideoInput>> ParseBatchBody(std::string_view body, size_t max_videos,
                                               const Limits& limits);

// The fields a given model cannot do without: title (clickbait, genre, tags), published_at
// (velocity, viral), at least one snapshot (anomaly). `path` is the video's ("$").
Status CheckRequiredFields(std::string_view model, const VideoInput& video,
                           const std::string& path);

// A canonical serialization of the parsed video for the response cache key: equal for bodies
// that differ only in key order, spacing or number spelling (2 vs 2.0).
void AppendCanonical(const VideoInput& video, std::string* out);

}  // namespace vv::serve
