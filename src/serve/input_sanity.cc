#include "serve/input_sanity.h"

#include <algorithm>

#include "core/json_text.h"
#include "core/time_util.h"
#include "serve/request_parser.h"
#include "serve/validate.h"

namespace vv::serve {

namespace {

std::string SnapshotPath(const std::string& path, size_t i, std::string_view field) {
  return ChildPath(IndexPath(ChildPath(path, "snapshots"), i), field);
}

// "velocity", "velocity and viral", "clickbait, genre and tags"
std::string ListOfNames(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

}  // namespace

std::vector<Error> ImpossibleInputs(const VideoInput& in, const std::string& path) {
  std::vector<Error> out;
  const auto& published = in.video.published_at;
  if (published) {
    for (size_t i = 0; i < in.snapshots.size(); ++i) {
      if (in.snapshots[i].captured_at >= *published) continue;
      out.push_back(FieldError(SnapshotPath(path, i, "captured_at"),
                               "is before the publish date (" + FormatIso8601(*published) +
                                   "): a video has no views before it is published"));
    }
  }
  if (in.as_of) {
    // The parser keeps snapshots in increasing captured_at order: the last is the latest.
    if (published && *in.as_of < *published) {
      out.push_back(FieldError(ChildPath(path, "as_of"),
                               "is before the publish date (" + FormatIso8601(*published) +
                                   "): there is nothing to predict from yet"));
    } else if (!in.snapshots.empty() && *in.as_of < in.snapshots.back().captured_at) {
      out.push_back(FieldError(ChildPath(path, "as_of"),
                               "is before the last snapshot (" +
                                   FormatIso8601(in.snapshots.back().captured_at) +
                                   "): a prediction cannot use data from after its own moment"));
    }
  }
  return out;
}

std::vector<InputNote> UnusualInputs(const VideoInput& in, const std::string& path,
                                     Timestamp now, std::span<const std::string> models) {
  std::vector<InputNote> out;
  if (in.video.published_at && *in.video.published_at > now) {
    out.push_back({ChildPath(path, "published_at"), "published_in_future",
                   "is in the future (the server's clock reads " + FormatIso8601(now) +
                       "): the models count the video's age from it"});
  }
  for (size_t i = 0; i < in.snapshots.size(); ++i) {
    const Snapshot& s = in.snapshots[i];
    if (i > 0 && s.views && in.snapshots[i - 1].views && *s.views < *in.snapshots[i - 1].views) {
      out.push_back({SnapshotPath(path, i, "views"), "views_fell",
                     "fell from " + std::to_string(*in.snapshots[i - 1].views) + " to " +
                         std::to_string(*s.views) +
                         " since the previous snapshot: view counts only grow (one of the two "
                         "is likely wrong), and the recent growth rate reads this as zero"});
    }
    if (s.views && s.likes && *s.likes > *s.views) {
      out.push_back({SnapshotPath(path, i, "likes"), "likes_above_views",
                     "(" + std::to_string(*s.likes) + ") are more than the views (" +
                         std::to_string(*s.views) + ")"});
    }
  }
  // A field some requested models cannot do without: one warning per field, naming them all.
  std::vector<std::pair<std::string, std::vector<std::string>>> missing;
  for (const auto& model : models) {
    Status required = CheckRequiredFields(model, in, path);
    if (required.ok()) continue;
    const std::string& field = required.error().path;
    auto it = std::find_if(missing.begin(), missing.end(),
                           [&](const auto& m) { return m.first == field; });
    if (it == missing.end()) it = missing.insert(missing.end(), {field, {}});
    it->second.push_back(model);
  }
  for (auto& [field, names] : missing) {
    out.push_back({field, "required_missing",
                   "is empty: " + ListOfNames(names) + (names.size() == 1 ? " needs" : " need") +
                       " it and give" + (names.size() == 1 ? "s" : "") + " no answer without it"});
  }
  // A body of 10,000 falling snapshots must not make an answer of 10,000 warnings.
  if (out.size() > kMaxWarnings) {
    const size_t more = out.size() - (kMaxWarnings - 1);
    out.resize(kMaxWarnings - 1);
    out.push_back({path, "more_warnings",
                   "has " + std::to_string(more) + " more unusual values like these, not listed"});
  }
  return out;
}

void AppendNotes(const std::vector<InputNote>& notes, std::string* out) {
  out->push_back('[');
  for (const auto& n : notes) {
    if (out->back() != '[') out->push_back(',');
    out->append("{\"code\":");
    AppendJsonString(n.code, out);
    out->append(",\"message\":");
    AppendJsonString(n.message, out);
    out->append(",\"path\":");
    AppendJsonString(n.path, out);
    out->push_back('}');
  }
  out->push_back(']');
}

void AppendWarnings(const std::vector<InputNote>& warnings, std::string* body) {
  if (body->empty() || body->back() != '}') return;  // not an object answer (an error is)
  body->pop_back();
  if (body->back() != '{') body->push_back(',');
  body->append("\"warnings\":");
  AppendNotes(warnings, body);
  body->push_back('}');
}

}  // namespace vv::serve
