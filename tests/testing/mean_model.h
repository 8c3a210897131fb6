#pragma once
// Test-only model kinds, so the pipeline, registry and gates are tested without the real models:
//   test_mean  predicts the training mean of log1p(last views); its report carries that mean's
//              MAE on the test rows and a "quality" metric taken from its config section (so a
//              test can steer the gates);
//   test_fail  always fails to train, naming what is missing.
#include <cmath>
#include <fstream>
#include <sstream>

#include "models/model.h"

namespace vv::testing {

inline double LastLogViews(const Dataset& data, size_t i) {
  auto it = data.snapshots.find(data.videos[i].id);
  if (it == data.snapshots.end() || it->second.empty()) return 0.0;
  return std::log1p(static_cast<double>(it->second.back().views.value_or(0)));
}

class MeanModel : public Model {
 public:
  explicit MeanModel(double mean) : mean_(mean) {}
  std::string Name() const override { return "test_mean"; }
  Result<nlohmann::json> Predict(const VideoInput& input) const override {
    return nlohmann::json{{"mean", mean_}};
  }
  Result<std::vector<std::string>> Save(const std::filesystem::path& dir) const override {
    std::ofstream(dir / "mean.txt") << mean_ << "\n";
    return std::vector<std::string>{"mean.txt"};
  }
  nlohmann::json FeatureSchema() const override {
    return {{"version", 1}, {"hash", "test-schema-hash"}, {"features", {"last_log_views"}}};
  }
  double mean() const { return mean_; }

 private:
  double mean_;
};

class MeanTrainer : public ModelTrainer {
 public:
  std::string Name() const override { return "test_mean"; }
  Result<TrainedModel> Train(const Dataset& data, const Split& split,
                             const nlohmann::json& config) const override {
    if (split.train.empty() || split.test.empty()) {
      return MakeError(ErrorCode::kInvalidArgument, "test_mean: no training or test videos");
    }
    double sum = 0;
    for (size_t i : split.train) sum += LastLogViews(data, i);
    const double mean = sum / static_cast<double>(split.train.size());
    double mae = 0;
    for (size_t i : split.test) mae += std::abs(LastLogViews(data, i) - mean);
    mae /= static_cast<double>(split.test.size());
    nlohmann::json report = {
        {"n", split.test.size()},
        {"metrics", {{"mae_log", mae}, {"quality", config.value("quality", 0.5)}}},
        {"baselines", {{"zero", {{"mae_log", mae + 1.0}}}}}};
    return TrainedModel{std::make_unique<MeanModel>(mean), report};
  }
};

class FailTrainer : public ModelTrainer {
 public:
  std::string Name() const override { return "test_fail"; }
  Result<TrainedModel> Train(const Dataset&, const Split&, const nlohmann::json&) const override {
    return MakeError(ErrorCode::kInvalidArgument,
                     "test_fail: too little data (needs at least one snapshot)");
  }
};

inline Result<std::unique_ptr<Model>> LoadMeanModel(const std::filesystem::path& dir) {
  std::ifstream in(dir / "mean.txt");
  double mean = 0;
  if (!(in >> mean)) {
    return MakeError(ErrorCode::kDataLoss, "unreadable mean", (dir / "mean.txt").string());
  }
  return std::unique_ptr<Model>(std::make_unique<MeanModel>(mean));
}

inline void RegisterTestModelKinds() {
  RegisterModelKind("test_mean", [] { return std::make_unique<MeanTrainer>(); }, LoadMeanModel);
  RegisterModelKind("test_fail", [] { return std::make_unique<FailTrainer>(); },
                    [](const std::filesystem::path& dir) -> Result<std::unique_ptr<Model>> {
                      return MakeError(ErrorCode::kInternal, "test_fail never saves");
                    });
}

// A small dataset: `channels` channels with `per_channel` videos each, `snapshots` per video.
inline Dataset MakeDataset(int channels, int per_channel, int snapshots = 2) {
  Dataset d;
  for (int c = 0; c < channels; ++c) {
    Channel ch;
    ch.id = "UC" + std::to_string(c);
    d.channels[ch.id] = ch;
    for (int v = 0; v < per_channel; ++v) {
      Video video;
      video.id = "vid" + std::to_string(c) + "_" + std::to_string(v);
      video.channel_id = ch.id;
      video.title = "title " + video.id;
      video.category_id = 10 + (v % 3);
      video.published_at = Timestamp(std::chrono::seconds(1'700'000'000 + 3600 * (c * 97 + v)));
      for (int s = 0; s < snapshots; ++s) {
        Snapshot snap;
        snap.video_id = video.id;
        snap.captured_at = *video.published_at + std::chrono::hours(6 * (s + 1));
        snap.views = 100 * (c + 1) * (s + 1) + v;
        d.snapshots[video.id].push_back(snap);
      }
      d.videos.push_back(video);
    }
  }
  return d;
}

}  // namespace vv::testing
