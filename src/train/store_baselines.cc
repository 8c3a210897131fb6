#include "train/store_baselines.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include "core/text_util.h"
#include "core/time_util.h"
#include "eval/baselines_regression.h"
#include "eval/logistic.h"
#include "eval/tfidf_linear.h"
#include "features/text_features.h"
#include "models/anomaly.h"
#include "models/genre.h"
#include "models/growth_util.h"
#include "models/velocity.h"
#include "models/viral_label.h"

namespace vv::train {

namespace {

using nlohmann::json;

// What every baseline shares: it is refitted from a store, never saved.
class Baseline : public Model {
 public:
  explicit Baseline(std::string name) : name_(std::move(name)) {}
  std::string Name() const override { return name_; }
  Result<std::vector<std::string>> Save(const std::filesystem::path&) const override {
    return MakeError(ErrorCode::kFailedPrecondition, name_ + ": baselines are refitted, not saved");
  }
  json FeatureSchema() const override { return json::object(); }

 private:
  std::string name_;
};

// ---- velocity ----------------------------------------------------------------------------

// The first snapshot of the input and its age; an error when either is unknown.
Result<std::pair<double, double>> FirstSeen(const VideoInput& in) {
  if (in.snapshots.empty() || !in.snapshots.front().views || !in.video.published_at) {
    return MakeError(ErrorCode::kInvalidArgument, "needs a publication time and a snapshot with views");
  }
  const Snapshot& s = in.snapshots.front();
  return std::make_pair(HoursBetween(*in.video.published_at, s.captured_at),
                        static_cast<double>(*s.views));
}

// A forecast rule over (age at the first snapshot, its views, target age) for every horizon
// after the first snapshot, in the velocity model's answer shape (no interval). A rule fitted on
// a store can be refitted on another (RebasedOn), as the velocity model re-calibrates on the
// store it is scored on: both are then judged adapted to the same folds.
class GrowthBaseline : public Baseline {
 public:
  using Rule = std::function<double(double age, double views, double target_age)>;
  using Refit = std::function<std::unique_ptr<Model>(const Dataset& store)>;
  GrowthBaseline(std::string name, std::vector<double> horizons, Rule rule, Refit refit = nullptr)
      : Baseline(std::move(name)), horizons_(std::move(horizons)), rule_(std::move(rule)),
        refit_(std::move(refit)) {}
  Result<json> Predict(const VideoInput& in) const override {
    VV_ASSIGN_OR_RETURN(auto first, FirstSeen(in));
    json horizons = json::array();
    for (double h : horizons_) {
      if (h <= first.first) continue;
      horizons.push_back({{"hours", h}, {"views", std::max(first.second, rule_(first.first, first.second, h))}});
    }
    return json{{"horizons", std::move(horizons)}};
  }
  // Refitted on `population`; unchanged where it holds too few pairs.
  std::unique_ptr<Model> RebasedOn(const Dataset& population, json* report) const override {
    if (!refit_) return nullptr;
    std::unique_ptr<Model> refitted = refit_(population);
    if (report) *report = {{"refitted", refitted != nullptr}};
    return refitted ? std::move(refitted) : std::make_unique<GrowthBaseline>(*this);
  }

 private:
  std::vector<double> horizons_;
  Rule rule_;
  Refit refit_;
};

eval::GrowthQuery QueryOf(double age, double views, double target_age) {
  return {{age}, {views}, target_age};
}

constexpr size_t kMinGrowthBaselinePairs = 20;

// The fitted growth baselines (constant scaling, Szabo-Huberman, Pinto) on `store`'s velocity
// pairs, each refittable on another store; empty when it holds fewer than 20 pairs.
std::vector<std::shared_ptr<GrowthBaseline>> FitGrowthBaselines(const Dataset& store,
                                                                const std::vector<double>& horizons) {
  const auto pairs = VelocityPairs(store, horizons);
  if (pairs.size() < kMinGrowthBaselinePairs) return {};
  // Constant scaling: c = argmin sum (c x / y - 1)^2 = sum(x / y) / sum((x / y)^2), per bucket.
  std::vector<double> num(kNumHorizonBuckets + 1, 0), den(kNumHorizonBuckets + 1, 0);
  std::vector<eval::GrowthQuery> queries;
  std::vector<double> actual;
  for (const auto& p : pairs) {
    const double r = p.first_views / p.actual;
    for (int b : {HorizonBucket(p.hours_ahead), kNumHorizonBuckets}) num[b] += r, den[b] += r * r;
    queries.push_back(QueryOf(p.first_age_hours, p.first_views, p.horizon_hours));
    actual.push_back(p.actual);
  }
  std::vector<double> factor(kNumHorizonBuckets);
  const double pooled = den.back() > 0 ? num.back() / den.back() : 1.0;
  for (int b = 0; b < kNumHorizonBuckets; ++b) factor[b] = den[b] > 0 ? num[b] / den[b] : pooled;
  // Each refit fits all three on the other store and keeps the one of the same name.
  auto refit_named = [horizons](std::string name) -> GrowthBaseline::Refit {
    return [horizons, name](const Dataset& other) -> std::unique_ptr<Model> {
      for (auto& b : FitGrowthBaselines(other, horizons)) {
        if (b->Name() == name) return std::make_unique<GrowthBaseline>(*b);
      }
      return nullptr;
    };
  };
  std::vector<std::shared_ptr<GrowthBaseline>> out;
  out.push_back(std::make_shared<GrowthBaseline>(
      "constant_scaling", horizons,
      [factor](double age, double v, double target) { return v * factor[HorizonBucket(target - age)]; },
      refit_named("constant_scaling")));
  auto sh = std::make_shared<eval::SzaboHuberman>();
  auto pinto = std::make_shared<eval::PintoMultivariateLinear>();
  if (sh->Fit(queries, actual).ok()) {
    out.push_back(std::make_shared<GrowthBaseline>(
        "szabo_huberman", horizons,
        [sh](double a, double v, double t) { return sh->Predict(QueryOf(a, v, t)); },
        refit_named("szabo_huberman")));
  }
  if (pinto->Fit(queries, actual).ok()) {
    out.push_back(std::make_shared<GrowthBaseline>(
        "pinto_ml", horizons,
        [pinto](double a, double v, double t) { return pinto->Predict(QueryOf(a, v, t)); },
        refit_named("pinto_ml")));
  }
  return out;
}

void AddVelocityBaselines(const Dataset& train, const json& config, std::vector<Scorer>* out,
                          std::vector<std::string>* skipped) {
  const std::vector<double> horizons = VelocityHorizons(config);
  out->push_back({"persistence", std::make_shared<GrowthBaseline>(
                                     "persistence", horizons, [](double, double v, double) { return v; })});
  const auto fitted = FitGrowthBaselines(train, horizons);
  if (fitted.empty()) {
    skipped->push_back("velocity: constant_scaling, szabo_huberman, pinto_ml: fewer than 20 "
                       "velocity pairs in the training store");
    return;
  }
  for (const auto& b : fitted) out->push_back({b->Name(), b});
}

// ---- viral -------------------------------------------------------------------------------

// Logistic regression on log1p(views at the first snapshot) and the category (one-hot).
class ViralLogistic : public Baseline {
 public:
  ViralLogistic(eval::LogisticRegression lr, std::vector<int> categories)
      : Baseline("logistic_first_views"), lr_(std::move(lr)), categories_(std::move(categories)) {}
  static std::vector<float> Row(double views, std::optional<int> category, const std::vector<int>& cats) {
    std::vector<float> row(1 + cats.size(), 0.0f);
    row[0] = static_cast<float>(std::log1p(views));
    for (size_t c = 0; c < cats.size(); ++c) row[1 + c] = category == cats[c] ? 1.0f : 0.0f;
    return row;
  }
  Result<json> Predict(const VideoInput& in) const override {
    VV_ASSIGN_OR_RETURN(auto first, FirstSeen(in));
    return json{{"probability", lr_.Predict(Row(first.second, in.video.category_id, categories_).data())}};
  }

 private:
  eval::LogisticRegression lr_;
  std::vector<int> categories_;
};

Status AddViralBaseline(const Dataset& train, const json& config, std::vector<Scorer>* out) {
  const ViralLabels labels = LabelViral(train, AllVideos(train), ViralLabelRule::FromConfig(config));
  std::set<int> seen;
  for (size_t i : labels.videos) {
    if (train.videos[i].category_id) seen.insert(*train.videos[i].category_id);
  }
  const std::vector<int> cats(seen.begin(), seen.end());
  std::vector<float> x;
  for (size_t i : labels.videos) {
    const Video& v = train.videos[i];
    const auto row = ViralLogistic::Row(static_cast<double>(*SnapshotsWithViews(train, v.id).front().views),
                                        v.category_id, cats);
    x.insert(x.end(), row.begin(), row.end());
  }
  eval::LogisticRegression lr;
  VV_RETURN_IF_ERROR(lr.Fit(x.data(), labels.videos.size(), 1 + cats.size(), labels.labels));
  out->push_back({"logistic_first_views", std::make_shared<ViralLogistic>(std::move(lr), cats)});
  return {};
}

// ---- text models -------------------------------------------------------------------------

class UpperCaseRatio : public Baseline {
 public:
  UpperCaseRatio() : Baseline("upper_case_ratio") {}
  Result<json> Predict(const VideoInput& in) const override {
    return json{{"score", ComputeTitleSignals(in.video.title).upper_share}};
  }
};

class ClickbaitLinear : public Baseline {
 public:
  explicit ClickbaitLinear(eval::TfidfLinearModel m) : Baseline("tfidf_linear"), m_(std::move(m)) {}
  Result<json> Predict(const VideoInput& in) const override {
    return json{{"score", m_.Probability(NormalizedTokens(in.video.title), 1)}};
  }

 private:
  eval::TfidfLinearModel m_;
};

Status AddClickbaitBaselines(const Dataset& train, std::vector<Scorer>* out) {
  out->push_back({"upper_case_ratio", std::make_shared<UpperCaseRatio>()});
  std::vector<std::vector<std::string>> docs;
  std::vector<int> labels;
  for (const auto& t : train.labelled_titles) {
    docs.push_back(NormalizedTokens(t.title));
    labels.push_back(t.clickbait ? 1 : 0);
  }
  for (const auto& v : train.videos) {
    if (!v.clickbait_label) continue;
    docs.push_back(NormalizedTokens(v.title));
    labels.push_back(*v.clickbait_label ? 1 : 0);
  }
  eval::TfidfLinearModel m;
  eval::LinearOptions linear;
  linear.loss = eval::LinearLoss::kLogistic;
  linear.epochs = 15;
  VV_RETURN_IF_ERROR(m.Fit(docs, labels, {}, linear));
  out->push_back({"tfidf_linear", std::make_shared<ClickbaitLinear>(std::move(m))});
  return {};
}

// The baseline reads title, tags and description only (no channel name, no script bigrams).
constexpr GenreInputs kTextOnly{false, false};

class GenreLinear : public Baseline {
 public:
  explicit GenreLinear(eval::TfidfLinearModel m) : Baseline("tfidf_logreg"), m_(std::move(m)) {}
  Result<json> Predict(const VideoInput& in) const override {
    const auto p = m_.Probabilities(GenreTokens(in.video, "", kTextOnly));
    std::vector<size_t> order(p.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    const size_t k = std::min<size_t>(3, order.size());
    std::partial_sort(order.begin(), order.begin() + k, order.end(),
                      [&](size_t a, size_t b) { return p[a] > p[b]; });
    json top = json::array();
    for (size_t r = 0; r < k; ++r) top.push_back({{"category_id", m_.classes()[order[r]]}, {"probability", p[order[r]]}});
    return json{{"top", std::move(top)}};
  }

 private:
  eval::TfidfLinearModel m_;
};

Status AddGenreBaseline(const Dataset& train, std::vector<Scorer>* out) {
  VV_ASSIGN_OR_RETURN(eval::TfidfLinearModel m,
                      FitGenreLinear(train, AllVideos(train), eval::TfidfOptions().max_features, kTextOnly));
  out->push_back({"tfidf_logreg", std::make_shared<GenreLinear>(std::move(m))});
  return {};
}

// The most frequent tags of the video's category (of all videos when the category is unknown
// to the training store), by the number of training videos carrying each.
class CategoryFrequency : public Baseline {
 public:
  CategoryFrequency(std::map<int, std::vector<std::string>> by_category, std::vector<std::string> all)
      : Baseline("category_frequency"), by_category_(std::move(by_category)), all_(std::move(all)) {}
  Result<json> Predict(const VideoInput& in) const override {
    const std::vector<std::string>* top = &all_;
    if (in.video.category_id) {
      if (auto it = by_category_.find(*in.video.category_id); it != by_category_.end()) top = &it->second;
    }
    json tags = json::array();
    for (const auto& t : *top) tags.push_back({{"tag", t}});
    return json{{"tags", std::move(tags)}};
  }

 private:
  std::map<int, std::vector<std::string>> by_category_;
  std::vector<std::string> all_;
};

std::vector<std::string> TopKeys(const std::unordered_map<std::string, size_t>& counts, size_t k) {
  std::vector<std::pair<std::string, size_t>> items(counts.begin(), counts.end());
  std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  std::vector<std::string> out;
  for (size_t i = 0; i < items.size() && i < k; ++i) out.push_back(items[i].first);
  return out;
}

Status AddTagsBaseline(const Dataset& train, std::vector<Scorer>* out) {
  std::map<int, std::unordered_map<std::string, size_t>> by_category;
  std::unordered_map<std::string, size_t> all;
  for (const auto& v : train.videos) {
    std::set<std::string> keys;
    for (const auto& t : v.tags) {
      std::string key = FoldTag(t);
      if (!key.empty()) keys.insert(std::move(key));
    }
    for (const auto& key : keys) {
      ++all[key];
      if (v.category_id) ++by_category[*v.category_id][key];
    }
  }
  if (all.empty()) return MakeError(ErrorCode::kFailedPrecondition, "no tags in the training store");
  std::map<int, std::vector<std::string>> top;
  for (const auto& [cat, counts] : by_category) top[cat] = TopKeys(counts, 10);
  out->push_back({"category_frequency", std::make_shared<CategoryFrequency>(std::move(top), TopKeys(all, 10))});
  return {};
}

// ---- anomaly -----------------------------------------------------------------------------

class ZScoreBaseline : public Baseline {
 public:
  explicit ZScoreBaseline(ZScoreRule rule) : Baseline("zscore_rule"), rule_(std::move(rule)) {}
  Result<json> Predict(const VideoInput& in) const override {
    VV_ASSIGN_OR_RETURN(EngagementFeatures f, ComputeEngagementFeatures(in));
    return json{{"score", rule_.Score(f)}};
  }

 private:
  ZScoreRule rule_;
};

Status AddAnomalyBaseline(const Dataset& train, std::vector<Scorer>* out) {
  std::vector<std::vector<double>> rows;
  for (const auto& v : train.videos) {
    VideoInput in{v, std::nullopt, SnapshotsWithViews(train, v.id), std::nullopt};
    if (in.snapshots.empty()) continue;
    if (auto f = ComputeEngagementFeatures(in); f.ok()) rows.push_back(std::move(f->values));
  }
  if (rows.size() < 2) {
    return MakeError(ErrorCode::kFailedPrecondition, "no videos with snapshots in the training store");
  }
  out->push_back({"zscore_rule", std::make_shared<ZScoreBaseline>(ZScoreRule(rows))});
  return {};
}

}  // namespace

std::vector<Scorer> FitStoreBaselines(const std::string& name, const Dataset& train,
                                      const json& config, std::vector<std::string>* skipped) {
  std::vector<Scorer> out;
  Status status;
  if (name == "velocity") AddVelocityBaselines(train, config, &out, skipped);
  if (name == "viral") status = AddViralBaseline(train, config, &out);
  if (name == "clickbait") status = AddClickbaitBaselines(train, &out);
  if (name == "genre") status = AddGenreBaseline(train, &out);
  if (name == "tags") status = AddTagsBaseline(train, &out);
  if (name == "anomaly") status = AddAnomalyBaseline(train, &out);
  if (!status.ok()) skipped->push_back(name + ": baseline not fitted: " + status.error().ToString());
  return out;
}

}  // namespace vv::train
