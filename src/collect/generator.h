#pragma once
// `vv generate`: a synthetic data set shaped like the real trending data (docs/DATA.md).
// Every video is a pure function of (config, index), so the data set is the same for a seed
// whatever the batch size, and tests can inspect any video without a store.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/types.h"

namespace vv {

class Store;

struct GeneratorConfig {
  int64_t videos = 1000;
  int64_t channels = 0;  // 0: one channel per 20 videos (at least 1)
  uint64_t seed = 42;
  int days = 30;                 // each video is observed from publication for this many days
  int publish_window_days = 90;  // publication dates spread over this window
  // The last snapshot time of the latest videos. Fixed (not the clock) so a seed is enough.
  Timestamp end = Timestamp(std::chrono::seconds(1717200000));  // 2024-06-01T00:00:00Z
  double clickbait_share = 0.2;  // mean share of clickbait-styled titles
  double anomaly_share = 0.02;   // share of videos with injected anomalies
  int batch_size = 2000;         // videos per store transaction

  Status Validate() const;
  int64_t EffectiveChannels() const;
};

enum class Trajectory { kPeakDecay, kLongTail, kBreakout };
enum class AnomalyKind { kNone, kBoughtViews, kLikeRatioHigh, kLikeRatioLow };

struct GeneratedVideo {
  Video video;
  std::vector<Snapshot> snapshots;  // strictly increasing captured_at
  Trajectory trajectory = Trajectory::kPeakDecay;
  AnomalyKind anomaly = AnomalyKind::kNone;
  double quality = 0;     // the latent that drives views and engagement (for tests)
  int text_category = 0;  // whose vocabulary the text uses; differs from the label for ~10 %
};

class DataGenerator {
 public:
  // config must be valid (Validate()).
  explicit DataGenerator(GeneratorConfig config);
  const GeneratorConfig& config() const { return config_; }
  const std::vector<Channel>& channels() const { return channels_; }
  // Video number index (0 <= index < config.videos); depends only on config and index.
  GeneratedVideo MakeVideo(int64_t index) const;

  struct ChannelPlan {
    int primary_category = 24;
    double quality = 0;         // channel-level part of the video quality latent
    double clickbait_rate = 0;  // this channel's share of clickbait titles
  };

 private:
  void BuildChannels();
  double AddChannel(int64_t index, int64_t count);  // returns the channel's upload activity
  void AssignVideos(const std::vector<double>& activity);

  GeneratorConfig config_;
  std::vector<Channel> channels_;
  std::vector<ChannelPlan> plans_;
  std::vector<int32_t> video_channel_;  // channel index of each video
};

struct GenerateSummary {
  int64_t channels = 0;
  int64_t videos = 0;
  int64_t snapshots = 0;
  int64_t clickbait = 0;
  int64_t anomalies = 0;
};

// The `vv generate` command line that makes this data set (for the partial-store marker).
std::string GenerateCommand(const GeneratorConfig& config);

// Writes the channels, then the videos and their snapshots in transactions of
// config.batch_size videos. progress (optional) gets the number of videos written so far.
// The store is marked partial (kGenerationMarker) from the first transaction to the last.
Result<GenerateSummary> GenerateIntoStore(const GeneratorConfig& config, Store& store,
                                          const std::function<void(int64_t)>& progress = {});

}  // namespace vv
