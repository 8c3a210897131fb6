#pragma once
// The domain (DESIGN.md "Domain"). Optional fields are unknown, not zero: the YouTube API hides
// counts (dislikes since 2021, likes when ratings are off) and the Kaggle files lack columns.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vv {

using Timestamp = std::chrono::sys_seconds;

struct Channel {
  std::string id;
  std::string title;
  std::string country;
  std::optional<int64_t> subscribers;
  std::optional<int64_t> video_count;
  std::optional<int64_t> view_count;
  std::optional<Timestamp> created_at;
};

struct Video {
  std::string id;
  std::string channel_id;
  std::string title;
  std::string description;
  std::vector<std::string> tags;
  std::optional<int> category_id;
  std::optional<Timestamp> published_at;
  std::optional<int64_t> duration_s;
  std::string default_language;
  std::string thumbnail_url;
  bool comments_disabled = false;
  bool ratings_disabled = false;
  // Ground truth where known (generator, labelled sets); never a model input.
  std::optional<bool> clickbait_label;
  std::optional<bool> anomaly_label;
  std::string source;  // "generate", "kaggle:US", "youtube:US", ...
};

struct Snapshot {
  std::string video_id;
  Timestamp captured_at{};
  std::optional<int64_t> views;
  std::optional<int64_t> likes;
  std::optional<int64_t> dislikes;
  std::optional<int64_t> comments;
};

// A title with a clickbait label, from `vv import clickbait` or any other labelled source.
struct LabelledTitle {
  std::string title;
  bool clickbait = false;
  std::string source;
};

struct Category {
  int id = 0;
  std::string region;  // "" for the region-independent default names
  std::string name;
};

}  // namespace vv
