// The schema of config/training.yaml: every key, its type, bounds and default. Model code reads
// its section as JSON; a key a model needs must be listed here (unknown keys are refused).
#include "train/config.h"

namespace vv::train {

namespace {

using nlohmann::json;

// XGBoost settings shared by velocity and viral (names as src/models/xgb_util.cc reads them).
void AddBoosting(std::vector<KeySpec>& s, const std::string& m) {
  s.push_back(IntKey(m + ".n_estimators", 200, 1, 10000));
  s.push_back(IntKey(m + ".max_depth", 6, 1, 16));
  s.push_back(NumKey(m + ".eta", 0.1, 1e-4, 1));
  s.push_back(NumKey(m + ".subsample", 1.0, 0.05, 1));
  s.push_back(NumKey(m + ".colsample_bytree", 1.0, 0.05, 1));
  s.push_back(NumKey(m + ".min_child_weight", 1, 0, 1e6));
  s.push_back(NumKey(m + ".lambda", 1, 0, 1e6));
  s.push_back(IntKey(m + ".nthread", 2, 1, 256));
}

// fastText supervised settings shared by clickbait, genre and tags (src/models/fasttext_util.cc).
struct FastTextDefaults {
  int epoch, word_ngrams, minn, maxn, bucket;
};
void AddFastText(std::vector<KeySpec>& s, const std::string& m, FastTextDefaults d) {
  s.push_back(IntKey(m + ".epoch", d.epoch, 1, 1000));
  s.push_back(NumKey(m + ".lr", 0.5, 1e-4, 10));
  s.push_back(IntKey(m + ".word_ngrams", d.word_ngrams, 1, 5));
  s.push_back(IntKey(m + ".dim", 32, 2, 1000));
  s.push_back(IntKey(m + ".min_count", 1, 1, 1000));
  s.push_back(IntKey(m + ".minn", d.minn, 0, 10));
  s.push_back(IntKey(m + ".maxn", d.maxn, 0, 10));
  s.push_back(IntKey(m + ".bucket", d.bucket, 1000, 10000000));
  s.push_back(IntKey(m + ".threads", 1, 1, 64));
}

std::vector<KeySpec> BuildSchema() {
  std::vector<KeySpec> s;
  // Handed to every model as "<model>.seed"; fastText takes seeds up to 2^30.
  s.push_back(IntKey("seed", 42, 0, 1073741823));
  // split
  s.push_back(NumKey("split.train", 0.7, 0.05, 0.98));
  s.push_back(NumKey("split.validation", 0.15, 0.0, 0.9));
  s.push_back(NumKey("split.test", 0.15, 0.01, 0.9));
  s.push_back(IntKey("split.min_channels_for_grouping", 10, 2, 1000000));
  s.push_back(BoolKey("split.velocity_time_ordered", true));
  // velocity
  AddBoosting(s, "velocity");
  s.push_back(ListKey("velocity.horizons_hours", {24, 168, 720}, 1, 87600));
  s.push_back(NumKey("velocity.interval_level", 0.8, 0.5, 0.99));
  s.push_back(StrKey("velocity.point_estimate", "mrse", {"mrse", "median"}));
  s.push_back(StrKey("velocity.growth_cap", "constant", {"constant", "none"}));
  s.push_back(IntKey("velocity.max_train_rows", 400000, 100, 100000000));
  // viral
  AddBoosting(s, "viral");
  s.push_back(NumKey("viral.quantile", 0.8, 0.5, 0.99));
  s.push_back(IntKey("viral.min_cohort", 50, 1, 1000000000));
  s.push_back(NumKey("viral.decision_threshold", 0.5, 0, 1));
  s.push_back(IntKey("viral.top_features", 5, 1, 20));
  // clickbait (splits its labelled titles itself; videos follow the shared split)
  AddFastText(s, "clickbait", {8, 2, 3, 5, 400000});
  s.push_back(NumKey("clickbait.threshold", 0.5, 0, 1));
  s.push_back(NumKey("clickbait.test_fraction", 0.2, 0, 0.9));
  s.push_back(NumKey("clickbait.validation_fraction", 0.1, 0, 0.5));
  s.push_back(BoolKey("clickbait.weak_labels", true));  // style weak labels on trending titles
  // genre
  AddFastText(s, "genre", {10, 1, 0, 0, 200000});
  s.push_back(IntKey("genre.top_k", 3, 1, 50));
  s.push_back(BoolKey("genre.channel_title", true));
  s.push_back(BoolKey("genre.script_bigrams", true));
  // tags
  AddFastText(s, "tags", {10, 1, 0, 0, 200000});
  s.push_back(IntKey("tags.top_k", 10, 1, 100));
  s.push_back(IntKey("tags.min_tag_channels", 2, 1, 1000));
  s.push_back(IntKey("tags.max_tags", 1000, 1, 1000000));
  s.push_back(IntKey("tags.max_cooc_words", 20000, 0, 10000000));
  s.push_back(IntKey("tags.prior_tags", 30, 0, 10000));
  // anomaly
  s.push_back(IntKey("anomaly.n_trees", 100, 1, 10000));
  s.push_back(IntKey("anomaly.sample_size", 256, 2, 1000000));
  s.push_back(IntKey("anomaly.min_category_videos", 30, 2, 1000000000));
  s.push_back(NumKey("anomaly.contamination", 0.02, 0.0001, 0.5));
  s.push_back(NumKey("anomaly.z_threshold", 3.5, 0.5, 100));
  // gates: min_<metric> must be reached, max_<metric> must not be exceeded; tolerance is the
  // relative regression allowed against the current champion on each gated metric.
  s.push_back(NumKey("gates.tolerance", 0.02, 0, 1));
  s.push_back(BoolKey("gates.require_beat_baseline", false));
  s.push_back(NumKey("gates.velocity.max_mrse", 5.0, 0, 1e9));
  s.push_back(NumKey("gates.velocity.min_coverage_80", 0.5, 0, 1));
  s.push_back(NumKey("gates.viral.min_roc_auc", 0.6, 0, 1));
  s.push_back(NumKey("gates.viral.max_brier", 0.25, 0, 1));
  s.push_back(NumKey("gates.clickbait.min_accuracy", 0.75, 0, 1));
  s.push_back(NumKey("gates.genre.min_accuracy", 0.3, 0, 1));
  s.push_back(NumKey("gates.genre.min_macro_f1", 0.1, 0, 1));
  s.push_back(NumKey("gates.tags.min_p_at_5", 0.05, 0, 1));
  s.push_back(NumKey("gates.anomaly.min_roc_auc", 0.6, 0, 1));
  return s;
}

}  // namespace

const std::vector<KeySpec>& TrainingConfigSchema() {
  static const std::vector<KeySpec> schema = BuildSchema();
  return schema;
}

}  // namespace vv::train
