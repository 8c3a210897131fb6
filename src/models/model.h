#pragma once
// The one model interface (DESIGN.md "One interface per concept", "Prediction is const and
// thread-safe"). Six models implement it: velocity, viral, clickbait, genre, tags, anomaly.
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/types.h"

namespace vv {

// What a prediction sees of one video: its metadata, its channel (when known) and the snapshots
// known so far (possibly none), ordered by captured_at. `as_of` is "now" for the prediction;
// when unset, the last snapshot's time (or published_at) is used.
struct VideoInput {
  Video video;
  std::optional<Channel> channel;
  std::vector<Snapshot> snapshots;
  std::optional<Timestamp> as_of;
  // Category id -> how many of the channel's OTHER videos the store has in it (never this
  // video's own); empty when unknown. A channel rarely changes category, so this is the
  // strongest genre signal where it exists, and it holds in every language.
  std::map<int, int> channel_categories;
};

// Everything training reads from the store, loaded once and shared by the six trainers.
struct Dataset {
  std::vector<Video> videos;
  std::unordered_map<std::string, Channel> channels;            // by channel id
  std::unordered_map<std::string, std::vector<Snapshot>> snapshots;  // by video id, time-ordered
  std::vector<LabelledTitle> labelled_titles;
};

// Indices into Dataset::videos. All snapshots of a video sit on one side; whole channels are held
// out where the data allows (src/train/split.h builds it).
struct Split {
  std::vector<size_t> train;
  std::vector<size_t> validation;  // for early stopping, calibration and conformal residuals
  std::vector<size_t> test;
};

class Model {
 public:
  virtual ~Model() = default;
  virtual std::string Name() const = 0;
  // The prediction as JSON (shape per model, documented in docs/API.md). Const and thread-safe:
  // scratch lives on the stack. Bad input is an error value naming the field path.
  virtual Result<nlohmann::json> Predict(const VideoInput& input) const = 0;
  // Predict's answer as JSON text appended to *out, byte for byte what dump() writes of it, and
  // its "probability" (else its "score", else NaN) in *headline, for serving. The default dumps
  // Predict's tree; a model on the serving hot path writes the text directly (viral: building
  // and dumping the tree cost as much as walking the trees).
  virtual Status AppendPrediction(const VideoInput& input, std::string* out,
                                  double* headline) const {
    auto prediction = Predict(input);
    if (!prediction.ok()) return prediction.take_error();
    *headline = std::numeric_limits<double>::quiet_NaN();
    for (const char* key : {"probability", "score"}) {
      auto it = prediction->find(key);
      if (it != prediction->end() && it->is_number()) {
        *headline = it->get<double>();
        break;
      }
    }
    out->append(prediction->dump());
    return {};
  }
  // Writes the native model files into dir (XGBoost JSON, fastText .bin, ...) and returns their
  // names relative to dir, for the manifest's checksums.
  virtual Result<std::vector<std::string>> Save(const std::filesystem::path& dir) const = 0;
  // The feature schema this model was trained on: {"version", "hash", "features": [...]}.
  virtual nlohmann::json FeatureSchema() const = 0;
  // A model that adapts to the store it is served from or scored on (`population`) returns an
  // adapted copy; *report gets what was done. viral: its label is relative to the store's cohort,
  // so its probabilities are re-based from unlabelled inputs (models/viral_population.h);
  // velocity: its calibration is refitted on the store's own later snapshots of videos it was
  // not trained on (models/velocity_local.h). Other models return nullptr.
  virtual std::unique_ptr<Model> RebasedOn(const Dataset& population, nlohmann::json* report) const {
    (void)population, (void)report;
    return nullptr;
  }
};

// What a trainer hands back: the fitted model and its held-out report.
struct TrainedModel {
  std::unique_ptr<Model> model;
  // {"n": test rows, "metrics": {...snake_case...}, "baselines": {"<name>": {...}}}
  nlohmann::json report;
};

class ModelTrainer {
 public:
  virtual ~ModelTrainer() = default;
  virtual std::string Name() const = 0;
  // config is this model's section of config/training.yaml, as JSON. Too little data is an
  // error value naming the model and what is missing.
  virtual Result<TrainedModel> Train(const Dataset& data, const Split& split,
                                     const nlohmann::json& config) const = 0;
};

// String-keyed factories. Each model file registers its trainer and loader.
using ModelLoader = std::function<Result<std::unique_ptr<Model>>(const std::filesystem::path& dir)>;
bool RegisterModelKind(const std::string& name, std::function<std::unique_ptr<ModelTrainer>()> trainer,
                       ModelLoader loader);
std::vector<std::string> ModelKinds();  // in the order: velocity viral clickbait genre tags anomaly
Result<std::unique_ptr<ModelTrainer>> MakeTrainer(const std::string& name);
Result<std::unique_ptr<Model>> LoadModelFiles(const std::string& name, const std::filesystem::path& dir);

}  // namespace vv
