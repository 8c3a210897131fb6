#include "monitor/base_drift.h"

#include <cmath>
#include <cctype>
#include <cstdint>
#include <limits>

#include "core/text_util.h"
#include "core/time_util.h"

namespace vv::monitor {

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

double Log1p(std::optional<int64_t> v) {
  return v ? std::log1p(static_cast<double>(*v)) : kNan;
}

// Share of ASCII letters that are upper case: shouting titles are a classic clickbait signal.
double CapsRatio(const std::string& title) {
  int letters = 0, upper = 0;
  for (unsigned char c : title) {
    if (std::isalpha(c)) {
      ++letters;
      upper += std::isupper(c) ? 1 : 0;
    }
  }
  return letters ? static_cast<double>(upper) / letters : kNan;
}

const Snapshot* FirstWithViews(std::span<const Snapshot> snapshots) {
  for (const auto& s : snapshots) {
    if (s.views && *s.views > 0) return &s;
  }
  return nullptr;
}

double Ratio(std::optional<int64_t> num, const Snapshot* s) {
  if (!s || !num) return kNan;
  return static_cast<double>(*num) / static_cast<double>(*s->views);
}

}  // namespace

const std::vector<std::string>& BaseDriftFeatureNames() {
  static const std::vector<std::string> names = {
      "title_length",   "title_caps_ratio",   "description_length", "tag_count",
      "log_duration_s", "log_views_first",    "like_view_ratio",    "comment_view_ratio",
      "log_subscribers", "publish_hour_utc"};
  return names;
}

std::vector<double> BaseDriftFeatures(const Video& video, const Channel* channel,
                                      std::span<const Snapshot> snapshots) {
  const Snapshot* first = FirstWithViews(snapshots);
  double hour = kNan;
  if (video.published_at) {
    hour = static_cast<double>((ToUnixSeconds(*video.published_at) % 86400 + 86400) % 86400 / 3600);
  }
  return {static_cast<double>(Utf8Length(video.title)),
          CapsRatio(video.title),
          static_cast<double>(Utf8Length(video.description)),
          static_cast<double>(video.tags.size()),
          Log1p(video.duration_s),
          first ? Log1p(first->views) : kNan,
          Ratio(first ? first->likes : std::nullopt, first),
          Ratio(first ? first->comments : std::nullopt, first),
          channel ? Log1p(channel->subscribers) : kNan,
          hour};
}

Result<DriftReport> CompareRecentToOlder(const StoreSample& sample, std::optional<Timestamp> since,
                                         const DriftThresholds& thresholds) {
  VV_RETURN_IF_ERROR(thresholds.Validate());
  std::optional<Timestamp> newest, oldest;
  for (const auto& v : sample.videos) {
    if (!v.published_at) continue;
    if (!newest || *v.published_at > *newest) newest = v.published_at;
    if (!oldest || *v.published_at < *oldest) oldest = v.published_at;
  }
  if (!newest) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "no video with a publication time in the store", "published_at");
  }
  const Timestamp cut = since ? *since : *newest - std::chrono::days(7);
  const auto& names = BaseDriftFeatureNames();
  Columns reference{names, std::vector<std::vector<double>>(names.size())};
  Columns current{names, std::vector<std::vector<double>>(names.size())};
  static const std::vector<Snapshot> kNone;
  for (const auto& v : sample.videos) {
    if (!v.published_at) continue;
    auto snaps = sample.snapshots.find(v.id);
    auto channel = sample.channels.find(v.channel_id);
    std::vector<double> f =
        BaseDriftFeatures(v, channel == sample.channels.end() ? nullptr : &channel->second,
                          snaps == sample.snapshots.end() ? kNone : snaps->second);
    Columns& side = *v.published_at >= cut ? current : reference;
    for (size_t j = 0; j < f.size(); ++j) side.values[j].push_back(f[j]);
  }
  const size_t n_ref = reference.values[0].size();
  const size_t n_cur = current.values[0].size();
  if (n_ref == 0 || n_cur == 0) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "need videos on both sides of " + FormatIso8601(cut) + " (older: " +
                         std::to_string(n_ref) + ", since: " + std::to_string(n_cur) +
                         "; videos published " + FormatIso8601(*oldest) + " .. " +
                         FormatIso8601(*newest) + ")",
                     "--since");
  }
  DriftReport report;
  report.thresholds = thresholds;
  report.features = CompareColumns(reference, current, thresholds);
  report.window = {{"since", FormatIso8601(cut)},
                   {"reference", {{"videos", n_ref}, {"from", FormatIso8601(*oldest)}}},
                   {"current", {{"videos", n_cur}, {"to", FormatIso8601(*newest)}}}};
  return report;
}

}  // namespace vv::monitor
