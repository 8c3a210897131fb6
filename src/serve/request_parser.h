#pragma once
// Request bodies -> VideoInput with strict validation. Every error is a 400 naming the JSON path
// at fault ("$.snapshots[2].views", "$.videos[3].title").
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "models/model.h"
#include "serve/validate.h"

namespace vv::serve {

// Parses JSON text; malformed JSON (NaN and Infinity included, which JSON does not have) is a 400
// at path "$" with the byte offset in the message.
Result<nlohmann::json> ParseJsonBody(std::string_view body);

// One video object at `path` ("$" or "$.videos[3]").
Result<VideoInput> ParseVideo(const nlohmann::json& value, const std::string& path,
                              const Limits& limits);

// The fields a given model cannot do without; checked before the model runs so that the error
// names the path. Unknown model names need nothing.
Status CheckRequiredFields(std::string_view model, const nlohmann::json& video,
                           const std::string& path);

// {"videos": [...]} with at most max_videos entries.
Result<std::vector<VideoInput>> ParseBatch(const nlohmann::json& body, size_t max_videos,
                                           const Limits& limits,
                                           std::vector<const nlohmann::json*>* raw = nullptr);

}  // namespace vv::serve
