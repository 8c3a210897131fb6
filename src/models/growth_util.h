#pragma once
// Helpers shared by the velocity and viral models: input checks, trajectory interpolation,
// split-conformal quantiles and small file I/O for model artifacts.
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/types.h"
#include "models/model.h"

namespace vv {

class JsonField;

// Snapshots must be time-ordered with non-negative counts; errors name the JSON path.
Status ValidateVideoInput(const VideoInput& input);

// Cumulative views at time t from the known snapshots, linear in log1p(views) between points;
// publication (when known) counts as a point with zero views. nullopt when t is outside the
// known span (after the last snapshot, or before the first without a publication time).
std::optional<double> InterpolateViews(std::span<const Snapshot> known,
                                       std::optional<Timestamp> published, Timestamp t);

// The ceil((n + 1) * level)-th smallest value (split-conformal); the largest when that exceeds n.
double ConformalQuantile(std::vector<double> residuals, double level);

// The numeric features (features/numeric_features.h) of a prediction input: the snapshots known at
// input.as_of, plus the horizon columns when target_time is set. (features/ cannot see VideoInput:
// dependencies point from models to features.)
std::vector<float> ComputeFeatures(const VideoInput& input,
                                   std::optional<Timestamp> target_time = std::nullopt);

// The snapshots that carry a view count, in their order (empty when none): of a list, or of a
// video of the dataset.
std::vector<Snapshot> SnapshotsWithViews(const std::vector<Snapshot>& snapshots);
std::vector<Snapshot> SnapshotsWithViews(const Dataset& data, const std::string& video_id);

// Channel of a video in the dataset, or null.
const Channel* FindChannel(const Dataset& data, const Video& video);

// Writes text to dir/name through a temporary file and a rename, so nothing is half-written.
Status WriteTextFile(const std::filesystem::path& dir, const std::string& name,
                     const std::string& text);
Result<std::string> ReadTextFile(const std::filesystem::path& path);
// A model's JSON file parsed (core/json_read.h): a corrupt file is a kDataLoss value naming it.
Result<nlohmann::json> ReadJsonFile(const std::filesystem::path& path);
// The checks a model's JSON file starts with; a model this build cannot use is
// kFailedPrecondition (retrain it), a mistyped field kDataLoss, each at its JSON path.
// format_version at most `newest`, and schema.hash equal to this build's.
Status CheckFormatAndSchema(const JsonField& root, int newest, const std::string& schema_hash,
                            const std::string& model);
// The names at `key` (features, title signals) equal to the ones this build computes.
Status CheckTrainedNames(const JsonField& root, const char* key,
                         const std::vector<std::string>& names, const std::string& model);

}  // namespace vv
