#pragma once
// Sanity of a parsed video before any model sees it (issue 12 item 1). Two verdicts, both naming
// the JSON path at fault:
//  - impossible input is refused (400), every impossibility at once: a snapshot captured before
//    published_at, as_of before published_at or before the last snapshot. A model would answer
//    it with confident nonsense (a 1-day forecast from a snapshot taken before publication).
//  - unusual input is answered, with a `warnings` list beside the predictions: views that fall
//    between snapshots, likes above views, a publish date in the future, a field a requested
//    model needs left empty (that model then answers with an error entry).
#include <span>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/types.h"
#include "models/model.h"

namespace vv::serve {

struct InputNote {
  std::string path;     // "$.snapshots[1].views"
  std::string code;     // stable slug: "views_fell", "likes_above_views", ...
  std::string message;  // plain words, without the path
};

// Every impossibility of `video`, whose JSON path is `path` ("$", "$.videos[3]"), as
// invalid_argument errors for WriteFieldErrors; empty when it is possible.
std::vector<Error> ImpossibleInputs(const VideoInput& video, const std::string& path);

// Every unusual thing about `video`, judged at `now` (the server's clock) for the models it is
// asked of (`models`: their names; the required fields come from CheckRequiredFields). At most
// kMaxWarnings: past that, the last says how many more were left out ("more_warnings" at `path`).
constexpr size_t kMaxWarnings = 20;
std::vector<InputNote> UnusualInputs(const VideoInput& video, const std::string& path,
                                     Timestamp now, std::span<const std::string> models);

// Appends the notes as a JSON array of {"code", "message", "path"} (keys as dump() orders them).
void AppendNotes(const std::vector<InputNote>& notes, std::string* out);

// Splices ,"warnings":[...] before the closing brace of a JSON object answer.
void AppendWarnings(const std::vector<InputNote>& warnings, std::string* body);

}  // namespace vv::serve
