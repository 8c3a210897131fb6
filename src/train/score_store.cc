#include "train/score_store.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/stable_hash.h"
#include "core/text_util.h"
#include "core/time_util.h"
#include "eval/metrics.h"
#include "models/channel_categories.h"
#include "models/growth_util.h"
#include "models/velocity.h"
#include "models/viral_label.h"
#include "models/viral_population.h"

namespace vv::train {

namespace {

using nlohmann::json;

json Num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

VideoInput InputFor(const Dataset& data, const Video& v, std::vector<Snapshot> snapshots) {
  VideoInput in;
  in.video = v;
  if (const Channel* ch = FindChannel(data, v)) in.channel = *ch;
  in.snapshots = std::move(snapshots);
  if (!in.snapshots.empty()) in.as_of = in.snapshots.back().captured_at;
  return in;
}

Error Nothing(const std::string& model, const std::string& what) {
  return MakeError(ErrorCode::kFailedPrecondition,
                   model + ": nothing to score in this store (needs " + what + ")");
}

// Every scorer's answer for one input, or nullopt when any of them refuses it (the unit is then
// dropped for all, so that every scorer is measured on the same units).
std::optional<std::vector<json>> PredictAll(const std::vector<Scorer>& scorers,
                                            const VideoInput& input) {
  std::vector<json> out;
  out.reserve(scorers.size());
  for (const auto& s : scorers) {
    auto p = s.model->Predict(input);
    if (!p.ok()) return std::nullopt;
    out.push_back(std::move(p).value());
  }
  return out;
}

// {"n", "metrics" of scorer 0, "baselines": {name: metrics}, ["variants": {name: metrics}]} from
// one metrics object per scorer.
json Report(const std::vector<Scorer>& scorers, size_t n, std::vector<json> metrics) {
  json out = {{"n", n}, {"metrics", std::move(metrics[0])}, {"baselines", json::object()}};
  const std::string_view variant = kVariantPrefix;
  for (size_t k = 1; k < scorers.size(); ++k) {
    const std::string& name = scorers[k].name;
    if (name.rfind(variant, 0) == 0) {
      out["variants"][name.substr(variant.size())] = std::move(metrics[k]);
    } else {
      out["baselines"][name] = std::move(metrics[k]);
    }
  }
  return out;
}

struct RegressionPairs {
  std::vector<double> pred, lo, hi, actual;
  bool intervals = true;
  void Add(double p, double l, double h, double a) {
    pred.push_back(p), lo.push_back(l), hi.push_back(h), actual.push_back(a);
    intervals = intervals && std::isfinite(l) && std::isfinite(h);
  }
  json Metrics() const {
    json m = {{"n", actual.size()},
              {"mrse", Num(eval::Mrse(pred, actual))},
              {"median_ape", Num(eval::MedianApe(pred, actual))},
              {"mae_log", Num(eval::MaeLog(pred, actual))},
              {"r2_log", Num(eval::R2Log(pred, actual))}};
    if (intervals) m["coverage_80"] = Num(eval::Coverage(lo, hi, actual));
    return m;
  }
};

double NumberOr(const json& j, const char* key, double fallback) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<double>() : fallback;
}

// The forecast entry of `prediction` for a horizon, or null.
const json* HorizonEntry(const json& prediction, double hours) {
  auto it = prediction.find("horizons");
  if (it == prediction.end()) return nullptr;
  for (const auto& h : *it) {
    if (std::abs(NumberOr(h, "hours", -1) - hours) < 1e-6 && h.contains("views")) return &h;
  }
  return nullptr;
}

// Forecasts never fall as the horizon grows, nor below the views already seen. Horizons already
// observed ("observed": true: a count from the past, below the current views) are not forecasts.
bool Monotone(const json& prediction, double seen) {
  double last = seen * (1 - 1e-9);
  for (const auto& h : prediction.value("horizons", json::array())) {
    if (h.value("observed", false)) continue;
    const double v = NumberOr(h, "views", NAN);
    if (!(v >= last)) return false;
    last = v * (1 - 1e-9);
  }
  return true;
}

// Every scorer's forecasts at the protocol's pairs, by horizon bucket, with the share of videos
// whose forecasts are monotone.
struct VelocityTally {
  std::vector<RegressionPairs> all;
  std::vector<std::map<std::string, RegressionPairs>> buckets;
  std::vector<size_t> monotone;
  size_t videos = 0;
  explicit VelocityTally(size_t scorers) : all(scorers), buckets(scorers), monotone(scorers, 0) {}
  // One video's answers for the pairs [start, end); false (nothing added) when any scorer lacks
  // one of the horizons.
  bool Add(const std::vector<json>& out, const std::vector<VelocityPair>& pairs, size_t start, size_t end) {
    for (size_t i = start; i < end; ++i) {
      for (const auto& o : out) {
        if (!HorizonEntry(o, pairs[i].horizon_hours)) return false;
      }
    }
    ++videos;
    for (size_t k = 0; k < out.size(); ++k) {
      monotone[k] += Monotone(out[k], pairs[start].first_views) ? 1 : 0;
      for (size_t i = start; i < end; ++i) {
        const json& h = *HorizonEntry(out[k], pairs[i].horizon_hours);
        const double p = NumberOr(h, "views", NAN), lo = NumberOr(h, "lo", NAN), hi = NumberOr(h, "hi", NAN);
        all[k].Add(p, lo, hi, pairs[i].actual);
        buckets[k][HorizonBucketName(HorizonBucket(pairs[i].hours_ahead))].Add(p, lo, hi, pairs[i].actual);
      }
    }
    return true;
  }
  json Metrics(size_t k) const {
    json m = all[k].Metrics();
    m["videos"] = videos;
    m["monotone_share"] = Num(static_cast<double>(monotone[k]) / static_cast<double>(videos));
    for (const auto& [name, bucket] : buckets[k]) m["by_horizon"][name] = bucket.Metrics();
    return m;
  }
};

// Cross-fitting of the scorers that adapt to their store (Model::RebasedOn: the velocity model
// re-calibrates on the store's later snapshots, the fitted baselines refit on them): the videos
// are cut into folds by channel, and each video is forecast by copies adapted on the other folds,
// so neither its own later snapshots nor its channel's reach what scores it.
constexpr int kAdaptFolds = 5;

int AdaptFold(const Video& v) {
  return static_cast<int>(MixedHash(v.channel_id.empty() ? v.id : v.channel_id, 0) % kAdaptFolds);
}

Dataset WithoutFold(const Dataset& data, int fold) {
  Dataset out;
  out.channels = data.channels;
  for (const Video& v : data.videos) {
    if (AdaptFold(v) == fold) continue;
    out.videos.push_back(v);
    if (auto it = data.snapshots.find(v.id); it != data.snapshots.end()) out.snapshots.insert(*it);
  }
  return out;
}

// The scorers of each fold; *adapted[k]: how scorer k adapted on each fold (null: it does not).
std::vector<std::vector<Scorer>> CrossFitted(const std::vector<Scorer>& scorers, const Dataset& data,
                                             std::vector<json>* adapted) {
  std::vector<std::vector<Scorer>> folds(kAdaptFolds, scorers);
  adapted->assign(scorers.size(), nullptr);
  for (size_t k = 0; k < scorers.size(); ++k) {
    if (!scorers[k].model->RebasedOn(Dataset{}, nullptr)) continue;
    (*adapted)[k] = json::array();
    for (int f = 0; f < kAdaptFolds; ++f) {
      json report;
      folds[f][k].model = scorers[k].model->RebasedOn(WithoutFold(data, f), &report);
      (*adapted)[k].push_back(std::move(report));
    }
  }
  return folds;
}

Result<json> ScoreVelocity(const std::vector<Scorer>& scorers, const Dataset& data,
                           const json& config) {
  const auto pairs = VelocityPairs(data, VelocityHorizons(config));
  std::vector<json> adapted;
  const auto folds = CrossFitted(scorers, data, &adapted);
  VelocityTally tally(scorers.size()), as_trained(scorers.size());
  for (size_t start = 0, end = 0; start < pairs.size(); start = end) {
    while (end < pairs.size() && pairs[end].video == pairs[start].video) ++end;
    const Video& v = data.videos[pairs[start].video];
    const VideoInput input = InputFor(data, v, {SnapshotsWithViews(data, v.id).front()});
    auto out = PredictAll(folds[AdaptFold(v)], input);
    auto trained = PredictAll(scorers, input);
    if (!out || !trained) continue;
    // Both tallies hold the same videos: the adapted forecasts answer whatever the trained ones do.
    if (tally.Add(*out, pairs, start, end)) as_trained.Add(*trained, pairs, start, end);
  }
  if (tally.videos == 0) return Nothing("velocity", "videos with two or more snapshots");
  std::vector<json> metrics;
  for (size_t k = 0; k < scorers.size(); ++k) {
    json m = tally.Metrics(k);
    if (!adapted[k].is_null()) {
      m["adapted_on_store"] = {{"folds", adapted[k]}, {"as_trained", as_trained.Metrics(k)}};
    }
    metrics.push_back(std::move(m));
  }
  return Report(scorers, tally.all[0].actual.size(), std::move(metrics));
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

// Scores of every scorer (key "probability" or "score") on the same units, with their labels.
struct BinaryScores {
  std::vector<std::vector<double>> p;
  std::vector<int> y;
  explicit BinaryScores(size_t scorers) : p(scorers) {}
  void Add(const std::vector<json>& out, const char* key, int label) {
    for (size_t k = 0; k < out.size(); ++k) p[k].push_back(NumberOr(out[k], key, NAN));
    y.push_back(label);
  }
  std::vector<json> Metrics(double threshold) const {
    std::vector<json> m;
    for (const auto& scores : p) m.push_back(BinaryMetrics(scores, y, threshold));
    return m;
  }
};

Result<json> ScoreViral(const std::vector<Scorer>& scorers, const Dataset& data,
                        const json& config) {
  const ViralLabelRule rule = ViralLabelRule::FromConfig(config);
  const ViralLabels labels = LabelViral(data, AllVideos(data), rule);
  BinaryScores scores(scorers.size());
  for (size_t i = 0; i < labels.videos.size(); ++i) {
    const Video& v = data.videos[labels.videos[i]];
    auto out = PredictAll(scorers, ViralJudgedInput(data, v));
    if (out) scores.Add(*out, "probability", labels.labels[i]);
  }
  if (scores.y.empty()) return Nothing("viral", "videos with a publication time and two snapshots");
  // Every scorer, ours and the baselines alike, is judged re-based on this store's population
  // as `vv serve` re-bases on its own (models/viral_population.h: no label used); the
  // probabilities as trained are kept beside, under "as_trained".
  const double threshold = config.value("decision_threshold", 0.5);
  const std::vector<json> as_trained = scores.Metrics(threshold);
  std::vector<json> metrics;
  for (size_t k = 0; k < scorers.size(); ++k) {
    const ViralPopulation population = FitViralPopulation(*scorers[k].model, data, rule);
    json m = BinaryMetrics(eval::ShiftLogits(scores.p[k], population.logit_offset), scores.y,
                           threshold);
    m["population"] = population.ToJson();
    m["as_trained"] = as_trained[k];
    metrics.push_back(std::move(m));
  }
  json report = Report(scorers, scores.y.size(), std::move(metrics));
  report["label"] = labels.ToJson();
  return report;
}

// The scores' spread over the store's video titles, labelled or not (a trending store has no
// clickbait labels; the spread still tells how the score behaves on its titles).
std::vector<json> TitleDistribution(const std::vector<Scorer>& scorers, const Dataset& data,
                                    double threshold) {
  std::vector<std::vector<double>> scores(scorers.size());
  for (const auto& v : data.videos) {
    if (v.title.empty()) continue;
    Video title_only;
    title_only.title = v.title;
    auto out = PredictAll(scorers, VideoInput{title_only, std::nullopt, {}, std::nullopt});
    if (!out) continue;
    for (size_t k = 0; k < scorers.size(); ++k) scores[k].push_back(NumberOr((*out)[k], "score", NAN));
  }
  std::vector<json> out;
  for (auto& s : scores) {
    if (s.empty()) {
      out.push_back(nullptr);
      continue;
    }
    std::sort(s.begin(), s.end());
    auto at = [&](double q) { return s[std::min(s.size() - 1, static_cast<size_t>(q * s.size()))]; };
    double sum = 0, flagged = 0;
    for (double x : s) sum += x, flagged += x >= threshold ? 1 : 0;
    out.push_back({{"n", s.size()}, {"mean", Num(sum / s.size())}, {"p10", Num(at(0.1))},
                   {"p50", Num(at(0.5))}, {"p90", Num(at(0.9))},
                   {"share_flagged", Num(flagged / s.size())}});
  }
  return out;
}

Result<json> ScoreClickbait(const std::vector<Scorer>& scorers, const Dataset& data,
                            const json& config) {
  BinaryScores all(scorers.size()), videos(scorers.size()), titles(scorers.size());
  auto score = [&](const Video& v, bool label, BinaryScores& part) {
    auto out = PredictAll(scorers, VideoInput{v, std::nullopt, {}, std::nullopt});
    if (!out) return;
    part.Add(*out, "score", label ? 1 : 0);
    all.Add(*out, "score", label ? 1 : 0);
  };
  for (const auto& v : data.videos) {
    if (v.clickbait_label) score(v, *v.clickbait_label, videos);
  }
  for (const auto& t : data.labelled_titles) {
    Video v;
    v.title = t.title;
    score(v, t.clickbait, titles);
  }
  const double threshold = config.value("threshold", 0.5);
  std::vector<json> spread = TitleDistribution(scorers, data, threshold);
  if (all.y.empty()) {
    if (spread[0].is_null()) return Nothing("clickbait", "labelled titles, or video titles");
    // Nothing labelled: the spread over the titles is all there is to report (n = 0 labelled).
    std::vector<json> metrics;
    for (auto& d : spread) metrics.push_back({{"trending_titles", std::move(d)}});
    return Report(scorers, 0, std::move(metrics));
  }
  std::vector<json> metrics = all.Metrics(threshold);
  for (size_t k = 0; k < metrics.size(); ++k) {
    if (!spread[k].is_null()) metrics[k]["trending_titles"] = std::move(spread[k]);
  }
  for (auto [part, key] : {std::pair{&videos, "videos"}, std::pair{&titles, "labelled_titles"}}) {
    if (part->y.empty()) continue;
    std::vector<json> m = part->Metrics(threshold);
    for (size_t k = 0; k < metrics.size(); ++k) metrics[k][key] = std::move(m[k]);
  }
  return Report(scorers, all.y.size(), std::move(metrics));
}

// The model without the channel's other videos: what text alone gives (a variant, not a
// baseline: reported beside the model, never judged against).
class TextOnly : public Model {
 public:
  explicit TextOnly(std::shared_ptr<const Model> m) : m_(std::move(m)) {}
  std::string Name() const override { return m_->Name(); }
  Result<json> Predict(const VideoInput& in) const override {
    VideoInput text_only = in;
    text_only.channel_categories.clear();
    return m_->Predict(text_only);
  }
  Result<std::vector<std::string>> Save(const std::filesystem::path& dir) const override {
    return m_->Save(dir);
  }
  json FeatureSchema() const override { return m_->FeatureSchema(); }

 private:
  std::shared_ptr<const Model> m_;
};

Result<json> ScoreGenre(std::vector<Scorer> scorers, const Dataset& data) {
  // The categories of the channel's OTHER videos in this store, as serving passes them
  // (GET /v1/videos/{id}); never the video's own.
  const ChannelCategoryIndex channel_index(data);
  scorers.push_back({std::string(kVariantPrefix) + "text_only", std::make_shared<TextOnly>(scorers[0].model)});
  std::vector<std::vector<int>> pred(scorers.size());
  std::vector<size_t> top3(scorers.size(), 0);
  std::vector<int> truth;
  for (const auto& v : data.videos) {
    if (!v.category_id) continue;
    Video hidden = v;
    hidden.category_id.reset();
    VideoInput input = InputFor(data, hidden, {});
    input.channel_categories = channel_index.OthersOf(v);
    auto out = PredictAll(scorers, input);
    if (!out) continue;
    bool answered = true;
    for (const auto& o : *out) answered = answered && o.contains("top") && !o["top"].empty();
    if (!answered) continue;
    truth.push_back(*v.category_id);
    for (size_t k = 0; k < scorers.size(); ++k) {
      const json& top = (*out)[k]["top"];
      pred[k].push_back(top[0]["category_id"].get<int>());
      for (size_t r = 0; r < top.size() && r < 3; ++r) top3[k] += top[r]["category_id"] == *v.category_id;
    }
  }
  if (truth.empty()) return Nothing("genre", "videos with a category");
  std::vector<json> metrics;
  for (size_t k = 0; k < scorers.size(); ++k) {
    metrics.push_back({{"n", truth.size()},
                       {"accuracy", Num(eval::Accuracy(pred[k], truth))},
                       {"macro_f1", Num(eval::MacroF1(pred[k], truth))},
                       {"top3_accuracy", Num(static_cast<double>(top3[k]) / static_cast<double>(truth.size()))}});
  }
  return Report(scorers, truth.size(), std::move(metrics));
}

// Tags are matched on their Unicode case-folded, trimmed form (FoldTag), as the importer dedups.
std::string TagKey(const std::string& tag) { return FoldTag(tag); }

Result<json> ScoreTags(const std::vector<Scorer>& scorers, const Dataset& data) {
  std::vector<std::vector<std::vector<std::string>>> ranked(scorers.size());
  std::vector<std::vector<std::string>> relevant;
  for (const auto& v : data.videos) {
    if (v.tags.empty()) continue;
    Video hidden = v;
    hidden.tags.clear();
    auto out = PredictAll(scorers, InputFor(data, hidden, {}));
    if (!out) continue;
    for (size_t k = 0; k < scorers.size(); ++k) {
      std::vector<std::string> r;
      for (const auto& t : (*out)[k].value("tags", json::array())) r.push_back(TagKey(t["tag"].get<std::string>()));
      ranked[k].push_back(std::move(r));
    }
    std::vector<std::string> rel;
    for (const auto& t : v.tags) rel.push_back(TagKey(t));
    relevant.push_back(std::move(rel));
  }
  if (relevant.empty()) return Nothing("tags", "videos with tags");
  std::vector<json> metrics;
  for (size_t k = 0; k < scorers.size(); ++k) {
    metrics.push_back({{"n", relevant.size()},
                       {"p_at_5", Num(eval::PrecisionAtK(ranked[k], relevant, 5))},
                       {"r_at_10", Num(eval::RecallAtK(ranked[k], relevant, 10))},
                       {"map", Num(eval::MeanAveragePrecision(ranked[k], relevant))}});
  }
  return Report(scorers, relevant.size(), std::move(metrics));
}

Result<json> ScoreAnomaly(const std::vector<Scorer>& scorers, const Dataset& data) {
  BinaryScores scores(scorers.size());
  for (const auto& v : data.videos) {
    if (!v.anomaly_label) continue;
    auto out = PredictAll(scorers, InputFor(data, v, SnapshotsWithViews(data, v.id)));
    if (out) scores.Add(*out, "score", *v.anomaly_label ? 1 : 0);
  }
  if (scores.y.empty()) return Nothing("anomaly", "videos with an anomaly label (inject them: --inject-anomalies)");
  size_t positives = 0;
  for (int l : scores.y) positives += l;
  std::vector<json> metrics;
  for (const auto& s : scores.p) {
    metrics.push_back({{"n", scores.y.size()},
                       {"positives", positives},
                       {"roc_auc", Num(eval::RocAuc(s, scores.y))},
                       {"pr_auc", Num(eval::PrAuc(s, scores.y))},
                       {"p_at_k", Num(eval::PrecisionAtTopK(s, scores.y, std::max<size_t>(positives, 1)))}});
  }
  return Report(scorers, scores.y.size(), std::move(metrics));
}

}  // namespace

Result<json> ScoreOnDataset(const std::string& name, const std::vector<Scorer>& scorers,
                            const Dataset& data, const json& config) {
  if (scorers.empty()) return MakeError(ErrorCode::kInvalidArgument, name + ": nothing to score with");
  if (name == "velocity") return ScoreVelocity(scorers, data, config);
  if (name == "viral") return ScoreViral(scorers, data, config);
  if (name == "clickbait") return ScoreClickbait(scorers, data, config);
  if (name == "genre") return ScoreGenre(scorers, data);  // (a copy: it adds its variant)
  if (name == "tags") return ScoreTags(scorers, data);
  if (name == "anomaly") return ScoreAnomaly(scorers, data);
  return MakeError(ErrorCode::kInvalidArgument, "no store protocol for model " + name);
}

}  // namespace vv::train
