#include "models/anomaly.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>

#include <fmt/format.h>

#include "core/json_read.h"
#include "eval/metrics.h"
#include "features/feature_schema.h"
#include "models/fasttext_util.h"
#include "models/growth_util.h"

namespace vv {

namespace {

constexpr char kModelName[] = "anomaly";
constexpr char kJsonFile[] = "anomaly.json";
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kZClip = 50.0;  // a single absurd value should not dominate the forest's ranges

enum Feature { kLikeView, kCommentView, kDislikeLike, kLikeLag, kRateSpike, kFeatureCount };

double LogRatio(std::optional<int64_t> num, std::optional<int64_t> den) {
  if (!num || !den) return kNaN;
  return std::log((*num + 1.0) / (*den + 1.0));
}

double Median(std::vector<double> v) {
  if (v.empty()) return kNaN;
  size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + mid, v.end());
  double hi = v[mid];
  if (v.size() % 2) return hi;
  return (hi + *std::max_element(v.begin(), v.begin() + mid)) / 2.0;
}

// The views-vs-engagement lag between consecutive snapshots: log growth of views minus log
// growth of likes (comments when likes are hidden). Bought views jump with no likes behind them.
void GrowthFeatures(const std::vector<const Snapshot*>& snaps, EngagementFeatures& f) {
  double best_lag = kNaN;
  std::vector<double> rates;
  for (size_t i = 1; i < snaps.size(); ++i) {
    const Snapshot& a = *snaps[i - 1];
    const Snapshot& b = *snaps[i];
    if (!a.views || !b.views) continue;
    double hours = std::chrono::duration<double>(b.captured_at - a.captured_at).count() / 3600.0;
    if (hours <= 0) continue;
    rates.push_back(std::max<double>(0, *b.views - *a.views) / hours);
    bool likes = a.likes && b.likes;
    bool comments = a.comments && b.comments;
    if (!likes && !comments) continue;
    double view_growth = std::log((*b.views + 1.0) / (*a.views + 1.0));
    double eng_growth = likes ? std::log((*b.likes + 1.0) / (*a.likes + 1.0))
                              : std::log((*b.comments + 1.0) / (*a.comments + 1.0));
    double lag = view_growth - eng_growth;
    if (std::isnan(best_lag) || lag > best_lag) {
      best_lag = lag;
      f.jump_view_ratio = std::exp(view_growth);
      f.jump_engagement_ratio = std::exp(eng_growth);
      f.jump_hours = hours;
      f.jump_engagement = likes ? "likes" : "comments";
    }
  }
  f.values[kLikeLag] = best_lag;
  if (rates.size() >= 3) {
    double median = Median(rates);
    double peak = *std::max_element(rates.begin(), rates.end());
    f.rate_spike_ratio = (peak + 1.0) / (median + 1.0);
    f.values[kRateSpike] = std::log(f.rate_spike_ratio);
  }
}

std::string Fmt(double v) { return fmt::format("{:.3g}", v); }

}  // namespace

const std::vector<std::string>& AnomalyFeatureNames() {
  static const std::vector<std::string> names = {"log_like_view", "log_comment_view",
                                                 "log_dislike_like", "max_like_lag",
                                                 "max_rate_spike"};
  return names;
}

Result<EngagementFeatures> ComputeEngagementFeatures(const VideoInput& input) {
  std::vector<const Snapshot*> snaps;
  for (const auto& s : input.snapshots) {
    if (input.as_of && s.captured_at > *input.as_of) continue;
    snaps.push_back(&s);
  }
  std::stable_sort(snaps.begin(), snaps.end(), [](const Snapshot* a, const Snapshot* b) {
    return a->captured_at < b->captured_at;
  });
  const Snapshot* last = nullptr;
  for (const Snapshot* s : snaps) {
    if (s->views) last = s;
  }
  if (!last) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "anomaly: needs at least one snapshot with views", "$.snapshots");
  }
  for (size_t i = 0; i < input.snapshots.size(); ++i) {
    const auto& s = input.snapshots[i];
    for (auto v : {s.views, s.likes, s.dislikes, s.comments}) {
      if (v && *v < 0) {
        return MakeError(ErrorCode::kInvalidArgument, "anomaly: negative count",
                         "$.snapshots[" + std::to_string(i) + "]");
      }
    }
  }
  EngagementFeatures f;
  f.values.assign(kFeatureCount, kNaN);
  f.values[kLikeView] = LogRatio(last->likes, last->views);
  f.values[kCommentView] = LogRatio(last->comments, last->views);
  f.values[kDislikeLike] = LogRatio(last->dislikes, last->likes);
  GrowthFeatures(snaps, f);
  return f;
}

RobustStats RobustStats::Fit(const std::vector<std::vector<double>>& rows) {
  RobustStats s;
  s.n = rows.size();
  for (size_t j = 0; j < kFeatureCount; ++j) {
    std::vector<double> col;
    for (const auto& r : rows) {
      if (!std::isnan(r[j])) col.push_back(r[j]);
    }
    double median = col.empty() ? 0.0 : Median(col);
    std::vector<double> dev;
    double mean_dev = 0;
    for (double v : col) {
      dev.push_back(std::abs(v - median));
      mean_dev += dev.back() / col.size();
    }
    double mad = dev.empty() ? 0.0 : Median(dev);
    // MAD is 0 when most values are equal; the mean deviation and a floor keep z finite.
    s.median.push_back(median);
    s.scale.push_back(std::max({1.4826 * mad, 1.2533 * mean_dev, 0.05}));
  }
  return s;
}

std::vector<double> RobustStats::Z(const std::vector<double>& x) const {
  std::vector<double> z(x.size(), 0.0);
  for (size_t j = 0; j < x.size(); ++j) {
    if (!std::isnan(x[j])) z[j] = std::clamp((x[j] - median[j]) / scale[j], -kZClip, kZClip);
  }
  return z;
}

nlohmann::json RobustStats::ToJson() const {
  return {{"median", median}, {"scale", scale}, {"n", n}};
}

Result<RobustStats> RobustStats::FromJson(const nlohmann::json& j, const std::string& path) {
  RobustStats s;
  try {
    s.median = j.at("median").get<std::vector<double>>();
    s.scale = j.at("scale").get<std::vector<double>>();
    s.n = j.at("n").get<size_t>();
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kDataLoss, std::string("anomaly: bad stats: ") + e.what(), path);
  }
  if (s.median.size() != kFeatureCount || s.scale.size() != kFeatureCount) {
    return MakeError(ErrorCode::kDataLoss, "anomaly: stats have the wrong number of features",
                     path);
  }
  return s;
}

AnomalyModel::AnomalyModel(IsolationForest forest, RobustStats global,
                           std::map<int, RobustStats> by_category, PatternDetector patterns,
                           AnomalyParams params)
    : forest_(std::move(forest)),
      global_(std::move(global)),
      by_category_(std::move(by_category)),
      patterns_(std::move(patterns)),
      params_(params) {}

const RobustStats& AnomalyModel::StatsFor(std::optional<int> category) const {
  if (category) {
    auto it = by_category_.find(*category);
    if (it != by_category_.end()) return it->second;
  }
  return global_;
}

std::vector<double> AnomalyModel::ZScores(const EngagementFeatures& f,
                                          std::optional<int> category) const {
  return StatsFor(category).Z(f.values);
}

ZScoreRule::ZScoreRule(const std::vector<std::vector<double>>& rows) {
  const size_t d = AnomalyFeatureNames().size();
  mean_.assign(d, 0.0);
  sd_.assign(d, 0.0);
  std::vector<size_t> n(d, 0);
  for (const auto& r : rows) {
    for (size_t j = 0; j < d; ++j) {
      if (!std::isnan(r[j])) mean_[j] += r[j], ++n[j];
    }
  }
  for (size_t j = 0; j < d; ++j) mean_[j] = n[j] ? mean_[j] / n[j] : 0.0;
  for (const auto& r : rows) {
    for (size_t j = 0; j < d; ++j) {
      if (!std::isnan(r[j])) sd_[j] += std::pow(r[j] - mean_[j], 2);
    }
  }
  for (size_t j = 0; j < d; ++j) sd_[j] = n[j] > 1 ? std::sqrt(sd_[j] / (n[j] - 1)) : 1.0;
}

double ZScoreRule::Score(const EngagementFeatures& f) const {
  double best = 0;
  for (size_t j = 0; j < mean_.size() && j < f.values.size(); ++j) {
    if (!std::isnan(f.values[j]) && sd_[j] > 0) {
      best = std::max(best, std::abs(f.values[j] - mean_[j]) / sd_[j]);
    }
  }
  return best;
}

double AnomalyModel::PatternStatistic(const EngagementFeatures& f,
                                      std::optional<int> category) const {
  if (!patterns_.empty()) return patterns_.Best(f.values).t;
  double m = 0;
  for (double v : ZScores(f, category)) m = std::max(m, std::abs(v));
  return m;
}

double AnomalyModel::Score(const EngagementFeatures& f, std::optional<int> category) const {
  // The forest sees how features combine without being told which shapes are fraud; the
  // pattern statistic tests the known shapes directly. Their mix is chosen on validation.
  const double forest = params_.z_mix >= 1 ? 0.0 : forest_.Score(ZScores(f, category));
  if (params_.z_mix <= 0) return forest;
  const double m = PatternStatistic(f, category);
  return (1 - params_.z_mix) * forest + params_.z_mix * m / (m + params_.z_threshold);
}

std::vector<std::string> AnomalyModel::Reasons(const EngagementFeatures& f,
                                               std::optional<int> category) const {
  const RobustStats& stats = StatsFor(category);
  const bool by_cat = category && by_category_.count(*category);
  const std::string where = by_cat ? "the category median" : "the median of all videos";
  std::vector<double> z = stats.Z(f.values);
  std::vector<std::pair<double, std::string>> out;
  auto ratio_reason = [&](int j, const char* what) {
    double mads = (f.values[j] - stats.median[j]) / (stats.scale[j] / 1.4826);
    out.emplace_back(std::abs(z[j]),
                     fmt::format("{} ratio {} is {:.0f} MADs {} {} ({})", what,
                                 Fmt(std::exp(f.values[j])), std::abs(mads),
                                 mads < 0 ? "below" : "above", where,
                                 Fmt(std::exp(stats.median[j]))));
  };
  for (int j = 0; j < kFeatureCount; ++j) {
    if (std::isnan(f.values[j]) || std::abs(z[j]) < params_.z_threshold) continue;
    switch (j) {
      case kLikeView: ratio_reason(j, "like/view"); break;
      case kCommentView: ratio_reason(j, "comment/view"); break;
      case kDislikeLike: ratio_reason(j, "dislike/like"); break;
      case kLikeLag:
        if (z[j] > 0) {
          std::string eng = f.jump_engagement_ratio < 1.2
                                ? f.jump_engagement + " stayed flat"
                                : f.jump_engagement + " rose only " + Fmt(f.jump_engagement_ratio) + "x";
          out.emplace_back(z[j], fmt::format("views rose {}x in {} h while {}",
                                             Fmt(f.jump_view_ratio), Fmt(f.jump_hours), eng));
        }
        break;
      case kRateSpike:
        if (z[j] > 0) {
          out.emplace_back(z[j], fmt::format("views per hour peaked at {}x the video's median "
                                             "rate between snapshots",
                                             Fmt(f.rate_spike_ratio)));
        }
        break;
    }
  }
  if (!patterns_.empty()) {
    const PatternDetector::Match match = patterns_.Best(f.values);
    if (match.pattern >= 0 && match.t >= params_.z_threshold) {
      const EngagementPattern& p = EngagementPatterns()[match.pattern];
      out.emplace_back(match.t, fmt::format("looks like {}: {} ({:.1f} sd along the pattern)",
                                            p.name, p.description, match.t));
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> reasons;
  for (auto& [z_abs, text] : out) reasons.push_back(std::move(text));
  return reasons;
}

Result<nlohmann::json> AnomalyModel::Predict(const VideoInput& input) const {
  VV_ASSIGN_OR_RETURN(EngagementFeatures f, ComputeEngagementFeatures(input));
  double score = Score(f, input.video.category_id);
  return nlohmann::json{{"model", kModelName},
                        {"score", score},
                        {"flag", score >= params_.flag_threshold},
                        {"reasons", Reasons(f, input.video.category_id)}};
}

nlohmann::json AnomalyModel::FeatureSchema() const {
  vv::FeatureSchema schema;
  for (const auto& n : AnomalyFeatureNames()) schema.names.push_back("robust_z:" + n);
  return schema.ToJson();
}

Result<std::vector<std::string>> AnomalyModel::Save(const std::filesystem::path& dir) const {
  nlohmann::json cats = nlohmann::json::object();
  for (const auto& [c, s] : by_category_) cats[std::to_string(c)] = s.ToJson();
  nlohmann::json j = {{"version", 1},
                      {"features", AnomalyFeatureNames()},
                      {"flag_threshold", params_.flag_threshold},
                      {"z_threshold", params_.z_threshold},
                      {"z_mix", params_.z_mix},
                      {"global", global_.ToJson()},
                      {"by_category", cats},
                      {"patterns", patterns_.ToJson()},
                      {"forest", forest_.ToJson()}};
  std::ofstream out(dir / kJsonFile);
  out << j.dump() << '\n';
  if (!out) return MakeError(ErrorCode::kUnavailable, "cannot write", (dir / kJsonFile).string());
  return std::vector<std::string>{kJsonFile};
}

Result<std::unique_ptr<Model>> AnomalyModel::Load(const std::filesystem::path& dir) {
  const std::string path = (dir / kJsonFile).string();
  VV_ASSIGN_OR_RETURN(nlohmann::json j, ReadJsonFile(path));
  const JsonField root(j, path);
  VV_RETURN_IF_ERROR(CheckTrainedNames(root, "features", AnomalyFeatureNames(), "anomaly"));
  AnomalyParams params;
  VV_ASSIGN_OR_RETURN(params.flag_threshold, root.Number("flag_threshold"));
  VV_ASSIGN_OR_RETURN(params.z_threshold, root.Number("z_threshold"));
  if (root.Has("z_mix")) {  // absent in artifacts written before it existed
    VV_ASSIGN_OR_RETURN(params.z_mix, root.Number("z_mix"));
  }
  VV_ASSIGN_OR_RETURN(JsonField forest_json, root.Get("forest"));
  VV_ASSIGN_OR_RETURN(IsolationForest forest, IsolationForest::FromJson(forest_json.value(), path));
  if (forest.dims() != kFeatureCount) {
    return forest_json.Fail("anomaly: forest has the wrong dimension");
  }
  VV_ASSIGN_OR_RETURN(JsonField global_json, root.Get("global"));
  VV_ASSIGN_OR_RETURN(RobustStats global, RobustStats::FromJson(global_json.value(), path));
  std::map<int, RobustStats> cats;
  VV_ASSIGN_OR_RETURN(JsonField by_category, root.Get("by_category"));
  if (!by_category.value().is_object()) return by_category.Fail("must be an object");
  for (const auto& [key, value] : by_category.value().items()) {
    int category = 0;
    const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), category);
    if (ec != std::errc() || end != key.data() + key.size()) {
      return by_category.Fail("key \"" + key + "\" is not a category id");
    }
    VV_ASSIGN_OR_RETURN(cats[category], RobustStats::FromJson(value, path));
  }
  PatternDetector patterns;  // artifacts written before patterns existed have none
  if (j.contains("patterns")) {
    VV_ASSIGN_OR_RETURN(patterns, PatternDetector::FromJson(j["patterns"], path));
  }
  return std::unique_ptr<Model>(std::make_unique<AnomalyModel>(
      std::move(forest), std::move(global), std::move(cats), std::move(patterns), params));
}

}  // namespace vv
