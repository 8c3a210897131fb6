#include "models/growth_util.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "core/json_read.h"
#include "core/time_util.h"
#include "features/numeric_features.h"

namespace vv {

Status ValidateVideoInput(const VideoInput& input) {
  for (size_t i = 0; i < input.snapshots.size(); ++i) {
    const Snapshot& s = input.snapshots[i];
    const std::string path = "$.snapshots[" + std::to_string(i) + "]";
    if (i > 0 && s.captured_at < input.snapshots[i - 1].captured_at) {
      return MakeError(ErrorCode::kInvalidArgument, "snapshots must be ordered by captured_at",
                       path + ".captured_at");
    }
    for (const auto& [value, name] : {std::pair{s.views, "views"}, {s.likes, "likes"},
                                      {s.comments, "comments"}}) {
      if (value && *value < 0) {
        return MakeError(ErrorCode::kInvalidArgument, std::string(name) + " must not be negative",
                         path + "." + name);
      }
    }
  }
  return {};
}

std::optional<double> InterpolateViews(std::span<const Snapshot> known,
                                       std::optional<Timestamp> published, Timestamp t) {
  std::optional<Timestamp> prev_t = published;
  double prev_log = 0;
  if (published && t <= *published) return t == *published ? std::optional<double>(0.0) : std::nullopt;
  for (const Snapshot& s : known) {
    if (!s.views) continue;
    double cur_log = std::log1p(static_cast<double>(*s.views));
    if (t <= s.captured_at) {
      if (!prev_t) return t == s.captured_at ? std::optional<double>(*s.views) : std::nullopt;
      double span = HoursBetween(*prev_t, s.captured_at);
      double frac = span > 0 ? HoursBetween(*prev_t, t) / span : 1.0;
      return std::expm1(prev_log + frac * (cur_log - prev_log));
    }
    prev_t = s.captured_at;
    prev_log = cur_log;
  }
  return std::nullopt;
}

double ConformalQuantile(std::vector<double> residuals, double level) {
  if (residuals.empty()) return std::numeric_limits<double>::infinity();
  const size_t n = residuals.size();
  size_t k = static_cast<size_t>(std::ceil((static_cast<double>(n) + 1) * level));
  k = std::clamp<size_t>(k, 1, n);
  std::nth_element(residuals.begin(), residuals.begin() + (k - 1), residuals.end());
  return residuals[k - 1];
}

std::vector<float> ComputeFeatures(const VideoInput& input, std::optional<Timestamp> target_time) {
  return features::ComputeFeatures(input.video, input.channel ? &*input.channel : nullptr,
                                   features::KnownSnapshots(input.snapshots, input.as_of),
                                   target_time);
}

std::vector<Snapshot> SnapshotsWithViews(const std::vector<Snapshot>& snapshots) {
  std::vector<Snapshot> out;
  for (const auto& s : snapshots) {
    if (s.views) out.push_back(s);
  }
  return out;
}

std::vector<Snapshot> SnapshotsWithViews(const Dataset& data, const std::string& video_id) {
  auto it = data.snapshots.find(video_id);
  return it == data.snapshots.end() ? std::vector<Snapshot>{} : SnapshotsWithViews(it->second);
}

const Channel* FindChannel(const Dataset& data, const Video& video) {
  auto it = data.channels.find(video.channel_id);
  return it == data.channels.end() ? nullptr : &it->second;
}

Status WriteTextFile(const std::filesystem::path& dir, const std::string& name,
                     const std::string& text) {
  const auto final_path = dir / name;
  const auto tmp = dir / (name + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) return MakeError(ErrorCode::kUnavailable, "cannot write model file", tmp.string());
  }
  std::error_code ec;
  std::filesystem::rename(tmp, final_path, ec);
  if (ec) return MakeError(ErrorCode::kUnavailable, "cannot rename: " + ec.message(), final_path.string());
  return {};
}

Result<std::string> ReadTextFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, "cannot open model file", path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result<nlohmann::json> ReadJsonFile(const std::filesystem::path& path) {
  VV_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  return ParseJsonFile(text, path.string());
}

Status CheckFormatAndSchema(const JsonField& root, int newest, const std::string& schema_hash,
                            const std::string& model) {
  VV_ASSIGN_OR_RETURN(int64_t format, root.Integer("format_version", 1, 1 << 20));
  if (format > newest) {
    return root.Fail(model + " model format_version is newer than this program",
                     ErrorCode::kFailedPrecondition);
  }
  VV_ASSIGN_OR_RETURN(JsonField schema, root.Get("schema"));
  VV_ASSIGN_OR_RETURN(JsonField hash, schema.Get("hash"));
  VV_ASSIGN_OR_RETURN(std::string hash_text, hash.String());
  if (hash_text != schema_hash) {
    return hash.Fail(
        model + " model was trained on another feature schema (hash differs); retrain it",
        ErrorCode::kFailedPrecondition);
  }
  return {};
}

Status CheckTrainedNames(const JsonField& root, const char* key,
                         const std::vector<std::string>& names, const std::string& model) {
  VV_ASSIGN_OR_RETURN(std::vector<std::string> trained, root.Strings(key));
  if (trained != names) {
    return root.Get(key)->Fail(model + ": the model was trained on other " + key,
                               ErrorCode::kFailedPrecondition);
  }
  return {};
}

}  // namespace vv
