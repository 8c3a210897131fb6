#pragma once
// A trained XGBoost forest flattened into contiguous arrays and walked natively (the approach of
// Treelite and lleaves). Serving never calls XGBoost: its per-call overhead (~40 us a row) is
// most of a prediction's budget, while walking 200 depth-6 trees here costs a few us.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace vv {

class JsonField;

class FlatForest {
 public:
  // Reads the model JSON written by XGBoosterSaveModel (XGBoost 1.7, gbtree, one output group).
  // base_score: 1.7 stores it as the user-facing value ("5E-1"), so the margin offset is
  // logit(base_score) for the logistic objectives and base_score itself for squared error.
  // Every array length, child index (in range, numbered after its parent: no cycle) and split
  // feature (below num_feature) is checked; errors name `file` and the JSON path at fault.
  static Result<FlatForest> FromXgboostJson(const nlohmann::json& model,
                                            const std::string& file = "XGBoost model");

  // Sum of leaf values plus the base margin, accumulated in float in tree order as XGBoost's CPU
  // predictor does, so results agree to the last bits. x has NumFeatures() values; NaN = missing.
  float PredictMargin(const float* x) const;
  // Margins after each tree: out[k] = base margin + the first k + 1 trees (NumTrees() values),
  // for choosing the tree count on validation data.
  void PrefixMargins(const float* x, float* out) const;
  // The objective's transform of the margin (sigmoid for logistic objectives).
  float Predict(const float* x) const;

  // Saabas path attribution (XGBoost's approx_contribs): each split on the decision path credits
  // its feature with the change of the node mean value (cover-weighted mean of the leaves below).
  // out has NumFeatures() + 1 entries; the last is the bias. They sum to the margin. O(trees x
  // depth) where exact TreeSHAP is O(trees x leaves x depth^2): too slow for the serving budget.
  // Returns the margin, equal to PredictMargin(x) (the same walk, summed the same way).
  float Contributions(const float* x, double* out) const;

  int NumFeatures() const { return num_features_; }
  size_t NumTrees() const { return roots_.size(); }
  const std::string& Objective() const { return objective_; }
  float BaseMargin() const { return base_margin_; }

 private:
  struct Node {
    float value;      // split threshold, or the leaf value
    int32_t left;     // -1 for a leaf
    int32_t right;
    uint32_t feature;  // bit 31: missing values go left
  };
  static constexpr uint32_t kDefaultLeft = 1u << 31;

  uint32_t Leaf(uint32_t root, const float* x) const;
  Status ReadLearner(const JsonField& learner);  // objective, base margin, feature count
  Status AddTree(const JsonField& tree);

  std::vector<Node> nodes_;
  std::vector<float> mean_values_;  // per node, for Contributions
  std::vector<uint32_t> roots_;
  int num_features_ = 0;
  float base_margin_ = 0;
  bool logistic_ = false;
  std::string objective_;
};

// Reads and flattens an XGBoost model file, refusing a model with another feature count.
struct LoadedForest {
  std::string json;  // the file's text, kept so Save() writes it back byte for byte
  FlatForest forest;
};
Result<LoadedForest> LoadForestFile(const std::filesystem::path& path, int expected_features);

}  // namespace vv
