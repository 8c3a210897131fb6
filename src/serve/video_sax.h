#pragma once
// The streaming parser behind ParseVideoBody / ParseBatchBody (request_parser.h).
#include <string_view>
#include <vector>

#include "core/result.h"
#include "models/model.h"
#include "serve/validate.h"

namespace vv::serve {

// batch=false: the body is one video object. batch=true: {"videos": [video, ...]}.
// fast=false skips the fast path (fast_json_sax.h) and parses with nlohmann's lexer alone, as
// the tests that compare the two do.
Result<std::vector<VideoInput>> RunVideoSax(std::string_view body, bool batch, size_t max_videos,
                                            const Limits& limits, bool fast = true);

}  // namespace vv::serve
