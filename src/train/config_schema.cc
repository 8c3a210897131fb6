// The schema of config/training.yaml: every key, its type, bounds and default. Model code reads
// its section as JSON; a key a model needs must be listed here (unknown keys are refused).
#include "train/config.h"

namespace vv::train {

namespace {

using nlohmann::json;

KeySpec Int(std::string path, int64_t def, double min, double max) {
  return {std::move(path), KeyKind::kInt, min, max, def, {}};
}
KeySpec Num(std::string path, double def, double min, double max) {
  return {std::move(path), KeyKind::kNumber, min, max, def, {}};
}
KeySpec Bool(std::string path, bool def) { return {std::move(path), KeyKind::kBool, 0, 0, def, {}}; }
KeySpec Str(std::string path, std::string def, std::vector<std::string> choices) {
  return {std::move(path), KeyKind::kString, 0, 0, def, std::move(choices)};
}
KeySpec List(std::string path, std::vector<double> def, double min, double max) {
  return {std::move(path), KeyKind::kNumberList, min, max, def, {}};
}

// XGBoost settings shared by velocity and viral.
void AddBoosting(std::vector<KeySpec>& s, const std::string& m) {
  s.push_back(Int(m + ".num_rounds", 300, 1, 5000));
  s.push_back(Int(m + ".early_stopping_rounds", 30, 0, 1000));
  s.push_back(Int(m + ".max_depth", 6, 1, 16));
  s.push_back(Num(m + ".learning_rate", 0.08, 1e-4, 1));
  s.push_back(Num(m + ".subsample", 0.8, 0.05, 1));
  s.push_back(Num(m + ".colsample_bytree", 0.8, 0.05, 1));
  s.push_back(Num(m + ".min_child_weight", 1, 0, 1000));
  s.push_back(Num(m + ".lambda", 1, 0, 1000));
  s.push_back(Int(m + ".nthread", 2, 1, 64));
}

// fastText supervised settings shared by clickbait, genre and tags.
void AddFastText(std::vector<KeySpec>& s, const std::string& m, int epoch, double lr, int ngrams) {
  s.push_back(Int(m + ".epoch", epoch, 1, 500));
  s.push_back(Num(m + ".lr", lr, 1e-4, 5));
  s.push_back(Int(m + ".word_ngrams", ngrams, 1, 5));
  s.push_back(Int(m + ".dim", 50, 2, 300));
  s.push_back(Int(m + ".min_count", 1, 1, 1000));
  s.push_back(Int(m + ".minn", 0, 0, 10));
  s.push_back(Int(m + ".maxn", 0, 0, 10));
  s.push_back(Int(m + ".bucket", 200000, 0, 10000000));
  s.push_back(Int(m + ".thread", 2, 1, 64));
}

std::vector<KeySpec> BuildSchema() {
  std::vector<KeySpec> s;
  s.push_back(Int("seed", 42, 0, 4294967295.0));
  // split
  s.push_back(Num("split.train", 0.7, 0.05, 0.98));
  s.push_back(Num("split.validation", 0.15, 0.0, 0.9));
  s.push_back(Num("split.test", 0.15, 0.01, 0.9));
  s.push_back(Int("split.min_channels_for_grouping", 10, 2, 1000000));
  s.push_back(Bool("split.velocity_time_ordered", true));
  // velocity
  AddBoosting(s, "velocity");
  s.push_back(List("velocity.horizons_hours", {24, 168, 720}, 1, 8760));
  s.push_back(Num("velocity.interval", 0.8, 0.5, 0.99));
  s.push_back(Int("velocity.max_snapshots_per_video", 8, 1, 1000));
  // viral
  AddBoosting(s, "viral");
  s.push_back(Num("viral.horizon_hours", 168, 1, 8760));
  s.push_back(Num("viral.top_fraction", 0.2, 0.01, 0.5));
  s.push_back(Str("viral.cohort", "category", {"category", "all"}));
  s.push_back(Str("viral.calibration", "isotonic", {"isotonic", "platt", "none"}));
  s.push_back(Int("viral.top_contributions", 5, 1, 50));
  // clickbait
  AddFastText(s, "clickbait", 25, 0.5, 2);
  s.push_back(Num("clickbait.threshold", 0.5, 0.01, 0.99));
  s.push_back(Num("clickbait.signal_weight", 0.3, 0, 1));
  // genre
  AddFastText(s, "genre", 25, 0.5, 2);
  s.push_back(Bool("genre.use_tags", true));
  s.push_back(Bool("genre.use_description", true));
  s.push_back(Int("genre.min_class_videos", 5, 1, 100000));
  // tags
  AddFastText(s, "tags", 25, 0.5, 1);
  s.push_back(Int("tags.top_k", 10, 1, 100));
  s.push_back(Int("tags.min_tag_count", 3, 1, 100000));
  s.push_back(Int("tags.max_labels", 5000, 10, 1000000));
  s.push_back(Int("tags.cooccurrence_min", 2, 1, 100000));
  // anomaly
  s.push_back(Int("anomaly.trees", 100, 1, 2000));
  s.push_back(Int("anomaly.sample_size", 256, 16, 1000000));
  s.push_back(Num("anomaly.threshold", 0.6, 0.01, 0.99));
  s.push_back(Num("anomaly.z_threshold", 3.5, 0.5, 50));
  s.push_back(Num("anomaly.injected_fraction", 0.05, 0.001, 0.5));
  // gates: min_<metric> must be reached, max_<metric> must not be exceeded; tolerance is the
  // relative regression allowed against the current champion on each gated metric.
  s.push_back(Num("gates.tolerance", 0.02, 0, 1));
  s.push_back(Bool("gates.require_beat_baseline", false));
  s.push_back(Num("gates.velocity.max_mrse", 5.0, 0, 1e9));
  s.push_back(Num("gates.velocity.min_coverage_80", 0.5, 0, 1));
  s.push_back(Num("gates.viral.min_roc_auc", 0.6, 0, 1));
  s.push_back(Num("gates.viral.max_brier", 0.25, 0, 1));
  s.push_back(Num("gates.clickbait.min_accuracy", 0.75, 0, 1));
  s.push_back(Num("gates.genre.min_accuracy", 0.3, 0, 1));
  s.push_back(Num("gates.genre.min_macro_f1", 0.1, 0, 1));
  s.push_back(Num("gates.tags.min_p_at_5", 0.05, 0, 1));
  s.push_back(Num("gates.anomaly.min_roc_auc", 0.6, 0, 1));
  return s;
}

}  // namespace

const std::vector<KeySpec>& TrainingConfigSchema() {
  static const std::vector<KeySpec> schema = BuildSchema();
  return schema;
}

}  // namespace vv::train
