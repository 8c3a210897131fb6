#include "train/score_store.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/text_util.h"
#include "core/time_util.h"
#include "eval/metrics.h"

namespace vv::train {

namespace {

using nlohmann::json;

json Num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

VideoInput InputFor(const Dataset& data, const Video& v, std::vector<Snapshot> snapshots) {
  VideoInput in;
  in.video = v;
  auto ch = data.channels.find(v.channel_id);
  if (ch != data.channels.end()) in.channel = ch->second;
  in.snapshots = std::move(snapshots);
  if (!in.snapshots.empty()) in.as_of = in.snapshots.back().captured_at;
  return in;
}

std::vector<Snapshot> WithViews(const Dataset& data, const std::string& id) {
  std::vector<Snapshot> out;
  auto it = data.snapshots.find(id);
  if (it == data.snapshots.end()) return out;
  for (const auto& s : it->second) {
    if (s.views) out.push_back(s);
  }
  return out;
}

Error Nothing(const std::string& model, const std::string& what) {
  return MakeError(ErrorCode::kFailedPrecondition,
                   model + ": nothing to score in this store (needs " + what + ")");
}

struct RegressionPairs {
  std::vector<double> pred, lo, hi, actual;
  void Add(double p, double l, double h, double a) {
    pred.push_back(p), lo.push_back(l), hi.push_back(h), actual.push_back(a);
  }
  json Metrics() const {
    return {{"n", actual.size()},
            {"mrse", Num(eval::Mrse(pred, actual))},
            {"median_ape", Num(eval::MedianApe(pred, actual))},
            {"mae_log", Num(eval::MaeLog(pred, actual))},
            {"r2_log", Num(eval::R2Log(pred, actual))},
            {"coverage_80", Num(eval::Coverage(lo, hi, actual))}};
  }
};

Result<json> ScoreVelocity(const Model& model, const Dataset& data) {
  RegressionPairs all;
  std::map<std::string, RegressionPairs> buckets;
  size_t videos = 0;
  for (const auto& v : data.videos) {
    const auto snaps = WithViews(data, v.id);
    if (snaps.size() < 2 || !v.published_at) continue;
    VideoInput in = InputFor(data, v, {snaps.front()});
    auto out = model.Predict(in);
    if (!out.ok()) continue;
    bool used = false;
    for (const auto& h : (*out).value("horizons", json::array())) {
      if (h.value("observed", false)) continue;
      const Timestamp target =
          *v.published_at + std::chrono::seconds(std::llround(h["hours"].get<double>() * 3600));
      if (target <= snaps.front().captured_at) continue;
      const auto actual = ViewsAt(snaps, target);
      if (!actual || *actual <= 0) continue;
      const double ahead = HoursBetween(snaps.front().captured_at, target);
      const char* bucket = ahead <= 24 ? "le_1d" : ahead <= 72 ? "1_3d" : ahead <= 168 ? "3_7d" : "gt_7d";
      const double p = h["views"].get<double>(), lo = h["lo"].get<double>(), hi = h["hi"].get<double>();
      all.Add(p, lo, hi, *actual);
      buckets[bucket].Add(p, lo, hi, *actual);
      used = true;
    }
    videos += used ? 1 : 0;
  }
  if (all.actual.empty()) return Nothing("velocity", "videos with two or more snapshots");
  json metrics = all.Metrics();
  metrics["videos"] = videos;
  for (const auto& [name, pairs] : buckets) metrics["by_horizon"][name] = pairs.Metrics();
  return json{{"n", all.actual.size()}, {"metrics", metrics}};
}

json BinaryMetrics(const std::vector<double>& p, const std::vector<int>& y, double threshold) {
  std::vector<int> predicted;
  for (double s : p) predicted.push_back(s >= threshold ? 1 : 0);
  double positives = 0;
  for (int l : y) positives += l;
  return {{"n", y.size()},
          {"accuracy", Num(eval::Accuracy(predicted, y))},
          {"macro_f1", Num(eval::MacroF1(predicted, y))},
          {"roc_auc", Num(eval::RocAuc(p, y))},
          {"pr_auc", Num(eval::PrAuc(p, y))},
          {"brier", Num(eval::Brier(p, y))},
          {"ece", Num(eval::ExpectedCalibrationError(p, y))},
          {"positive_rate", Num(positives / static_cast<double>(y.size()))}};
}

Result<json> ScoreViral(const Model& model, const Dataset& data, const json& config) {
  const double horizon = config.value("horizon_hours", 168.0);
  const double quantile = config.value("quantile", 0.8);
  const size_t min_cohort = config.value("min_cohort", 50);
  struct Row { size_t video; int cohort; double views; };
  std::vector<Row> rows;
  for (size_t i = 0; i < data.videos.size(); ++i) {
    const Video& v = data.videos[i];
    const auto snaps = WithViews(data, v.id);
    if (snaps.empty() || !v.published_at) continue;
    const auto views = ViewsAt(snaps, *v.published_at + std::chrono::seconds(std::llround(horizon * 3600)));
    if (views) rows.push_back({i, v.category_id.value_or(-1), *views});
  }
  if (rows.size() < 2) return Nothing("viral", "videos observed up to the horizon");
  // Cohort thresholds: the quantile of views at the horizon, per category or over all.
  auto threshold_of = [&](const std::vector<double>& views) {
    std::vector<double> s = views;
    std::sort(s.begin(), s.end());
    return s[std::min(s.size() - 1, static_cast<size_t>(std::floor(quantile * static_cast<double>(s.size()))))];
  };
  std::map<int, std::vector<double>> by_cohort;
  std::vector<double> everyone;
  for (const auto& r : rows) by_cohort[r.cohort].push_back(r.views), everyone.push_back(r.views);
  const double global = threshold_of(everyone);
  std::vector<double> probs;
  std::vector<int> labels;
  for (const auto& r : rows) {
    const auto& cohort = by_cohort[r.cohort];
    const double cut = cohort.size() >= min_cohort ? threshold_of(cohort) : global;
    const Video& v = data.videos[r.video];
    auto out = model.Predict(InputFor(data, v, {WithViews(data, v.id).front()}));
    if (!out.ok()) continue;
    probs.push_back((*out)["probability"].get<double>());
    labels.push_back(r.views >= cut ? 1 : 0);
  }
  if (probs.empty()) return Nothing("viral", "videos the model accepts");
  return json{{"n", probs.size()},
              {"metrics", BinaryMetrics(probs, labels, config.value("decision_threshold", 0.5))}};
}

Result<json> ScoreClickbait(const Model& model, const Dataset& data, const json& config) {
  std::vector<double> all_p, vid_p, title_p;
  std::vector<int> all_y, vid_y, title_y;
  auto score = [&](const Video& v, bool label, std::vector<double>& p, std::vector<int>& y) {
    auto out = model.Predict(VideoInput{v, std::nullopt, {}, std::nullopt});
    if (!out.ok()) return;
    p.push_back((*out)["score"].get<double>()), y.push_back(label ? 1 : 0);
    all_p.push_back(p.back()), all_y.push_back(y.back());
  };
  for (const auto& v : data.videos) {
    if (v.clickbait_label) score(v, *v.clickbait_label, vid_p, vid_y);
  }
  for (const auto& t : data.labelled_titles) {
    Video v;
    v.title = t.title;
    score(v, t.clickbait, title_p, title_y);
  }
  if (all_p.empty()) return Nothing("clickbait", "videos with a clickbait label or labelled titles");
  const double threshold = config.value("threshold", 0.5);
  json metrics = BinaryMetrics(all_p, all_y, threshold);
  if (!vid_p.empty()) metrics["videos"] = BinaryMetrics(vid_p, vid_y, threshold);
  if (!title_p.empty()) metrics["labelled_titles"] = BinaryMetrics(title_p, title_y, threshold);
  return json{{"n", all_p.size()}, {"metrics", metrics}};
}

Result<json> ScoreGenre(const Model& model, const Dataset& data) {
  std::vector<int> pred, truth;
  size_t top3 = 0;
  for (const auto& v : data.videos) {
    if (!v.category_id) continue;
    Video hidden = v;
    hidden.category_id.reset();
    auto out = model.Predict(InputFor(data, hidden, {}));
    if (!out.ok() || (*out)["top"].empty()) continue;
    const json& top = (*out)["top"];
    pred.push_back(top[0]["category_id"].get<int>());
    truth.push_back(*v.category_id);
    for (size_t k = 0; k < top.size() && k < 3; ++k) top3 += top[k]["category_id"] == *v.category_id;
  }
  if (truth.empty()) return Nothing("genre", "videos with a category");
  return json{{"n", truth.size()},
              {"metrics",
               {{"accuracy", Num(eval::Accuracy(pred, truth))},
                {"macro_f1", Num(eval::MacroF1(pred, truth))},
                {"top3_accuracy", Num(static_cast<double>(top3) / static_cast<double>(truth.size()))}}}};
}

Result<json> ScoreTags(const Model& model, const Dataset& data) {
  std::vector<std::vector<std::string>> ranked, relevant;
  for (const auto& v : data.videos) {
    if (v.tags.empty()) continue;
    Video hidden = v;
    hidden.tags.clear();
    auto out = model.Predict(InputFor(data, hidden, {}));
    if (!out.ok()) continue;
    std::vector<std::string> r, rel;
    for (const auto& t : (*out)["tags"]) r.push_back(ToLowerAscii(Trim(t["tag"].get<std::string>())));
    for (const auto& t : v.tags) rel.push_back(ToLowerAscii(Trim(t)));
    ranked.push_back(std::move(r)), relevant.push_back(std::move(rel));
  }
  if (ranked.empty()) return Nothing("tags", "videos with tags");
  return json{{"n", ranked.size()},
              {"metrics",
               {{"p_at_5", Num(eval::PrecisionAtK(ranked, relevant, 5))},
                {"r_at_10", Num(eval::RecallAtK(ranked, relevant, 10))},
                {"map", Num(eval::MeanAveragePrecision(ranked, relevant))}}}};
}

Result<json> ScoreAnomaly(const Model& model, const Dataset& data) {
  std::vector<double> scores;
  std::vector<int> labels;
  size_t flagged = 0;
  for (const auto& v : data.videos) {
    if (!v.anomaly_label) continue;
    auto out = model.Predict(InputFor(data, v, WithViews(data, v.id)));
    if (!out.ok()) continue;
    scores.push_back((*out)["score"].get<double>());
    labels.push_back(*v.anomaly_label ? 1 : 0);
    flagged += (*out).value("flag", false) ? 1 : 0;
  }
  if (scores.empty()) return Nothing("anomaly", "videos with an anomaly label");
  size_t positives = 0;
  for (int l : labels) positives += l;
  return json{{"n", scores.size()},
              {"metrics",
               {{"roc_auc", Num(eval::RocAuc(scores, labels))},
                {"pr_auc", Num(eval::PrAuc(scores, labels))},
                {"p_at_k", Num(eval::PrecisionAtTopK(scores, labels, std::max<size_t>(positives, 1)))},
                {"flag_rate", Num(static_cast<double>(flagged) / static_cast<double>(scores.size()))}}}};
}

}  // namespace

std::optional<double> ViewsAt(const std::vector<Snapshot>& snapshots, Timestamp t) {
  for (size_t i = 0; i < snapshots.size(); ++i) {
    const Snapshot& s = snapshots[i];
    if (!s.views) continue;
    if (s.captured_at == t) return static_cast<double>(*s.views);
    if (s.captured_at < t) continue;
    // First snapshot after t: interpolate from the last one before it.
    for (size_t j = i; j-- > 0;) {
      if (!snapshots[j].views) continue;
      const double span = HoursBetween(snapshots[j].captured_at, s.captured_at);
      const double w = span > 0 ? HoursBetween(snapshots[j].captured_at, t) / span : 1.0;
      return static_cast<double>(*snapshots[j].views) +
             w * static_cast<double>(*s.views - *snapshots[j].views);
    }
    return std::nullopt;  // t is before the first observation
  }
  return std::nullopt;
}

Result<json> ScoreOnDataset(const std::string& name, const Model& model, const Dataset& data,
                            const json& config) {
  if (name == "velocity") return ScoreVelocity(model, data);
  if (name == "viral") return ScoreViral(model, data, config);
  if (name == "clickbait") return ScoreClickbait(model, data, config);
  if (name == "genre") return ScoreGenre(model, data);
  if (name == "tags") return ScoreTags(model, data);
  if (name == "anomaly") return ScoreAnomaly(model, data);
  return MakeError(ErrorCode::kInvalidArgument, "no store protocol for model " + name);
}

}  // namespace vv::train
