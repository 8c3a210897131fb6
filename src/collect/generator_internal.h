#pragma once
// Pieces of the generator shared by its .cc files; not part of the collect interface.
#include <string>
#include <vector>

#include "collect/generator.h"
#include "collect/generator_random.h"
#include "collect/vocabulary.h"

namespace vv::gen {

// Median subscribers of a channel; channels are drawn around it (heavy-tailed).
inline constexpr double kSubscribersMedian = 300000;
// Median views after a week of a video from a median channel, chosen so that views at the
// first-trending age match the real trending files (docs/DATA.md).
inline constexpr double kViews7dMedian = 550000;

// Values for the slots of title, tag and description templates.
struct Slots {
  std::string topic, topic2, person, first, channel, slug;  // slug: channel for URLs
  int number = 5, year = 2024, episode = 1;
};

Slots MakeSlots(Rng& rng, const CategoryProfile& profile, const std::string& channel_title,
                int year);
std::string Fill(std::string_view pattern, const Slots& slots);
std::string MakeTitle(Rng& rng, const CategoryProfile& profile, const Slots& slots, bool clickbait);
std::vector<std::string> MakeTags(Rng& rng, const CategoryProfile& profile, const Slots& slots,
                                  const std::string& title);
std::string MakeDescription(Rng& rng, const CategoryProfile& profile, const Slots& slots);

// The latent quantities of a video that its snapshots follow.
struct VideoLatent {
  Timestamp published_at;
  int days = 30;
  double views_7d = 0;       // typical views after one week (the scale)
  double like_ratio = 0;     // likes / views
  double comment_ratio = 0;  // comments / views
  double dislike_ratio = 0;  // dislikes / likes
  bool dislikes_hidden = false;
  bool comments_disabled = false;
  bool ratings_disabled = false;
  Trajectory trajectory = Trajectory::kPeakDecay;
  AnomalyKind anomaly = AnomalyKind::kNone;
};

std::vector<Snapshot> MakeSnapshots(Rng& rng, const VideoLatent& latent,
                                    const std::string& video_id);

}  // namespace vv::gen
