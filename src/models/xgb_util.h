#pragma once
// Training-time access to XGBoost's C API: dense matrices in, model JSON out. Only trainers and
// tests call this; serving walks FlatForest instead.
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace vv {

// Row-major dense features; NaN = missing.
struct DenseMatrix {
  size_t cols = 0;
  std::vector<float> values;
  size_t rows() const { return cols ? values.size() / cols : 0; }
  const float* row(size_t i) const { return values.data() + i * cols; }
  void AppendRow(const float* x) { values.insert(values.end(), x, x + cols); }
};

struct XgbParams {
  int n_estimators = 200;
  int max_depth = 6;
  double eta = 0.1;
  double min_child_weight = 1.0;
  double subsample = 1.0;
  double colsample_bytree = 1.0;
  double lambda = 1.0;
  int seed = 42;
  int nthread = 2;
  std::string objective = "reg:squarederror";
  // XGBoost 1.7 does not estimate it: the label mean (or prevalence) shortens the early rounds.
  double base_score = 0.5;
};

// Reads the XGBoost keys of a model's config section (n_estimators, max_depth, eta,
// min_child_weight, subsample, colsample_bytree, lambda, seed, nthread) and refuses unknown keys
// (anything not in those nor in model_keys) or out-of-range values, naming the key.
Result<XgbParams> ParseXgbParams(const nlohmann::json& config, const std::string& model,
                                 const std::set<std::string>& model_keys);

// Trains and returns the model as XGBoost's JSON (the saved-model format, not the dump).
Result<std::string> TrainXgboost(const DenseMatrix& x, const std::vector<float>& y,
                                 const XgbParams& params);

// The model with only its first n_trees boosting rounds (XGBoosterSlice), as JSON.
Result<std::string> SliceXgboostModel(const std::string& model_json, int n_trees);

// Early stopping after the fact: loss[k] is the validation loss with the first k + 1 trees; the
// best count is the argmin (the earliest on ties). Overfitting shows as a rising tail.
int BestTreeCount(const std::vector<double>& loss);

// Keeps the first BestTreeCount(loss) trees of the model JSON and re-flattens it.
class FlatForest;
Status TrimToBestTreeCount(const std::vector<double>& loss, std::string* model_json,
                           FlatForest* forest);

enum class XgbOutput { kValue = 0, kMargin = 1, kContributions = 2, kApproxContributions = 3 };
// XGBoost's own predictions for x (contributions: rows x (cols + 1), bias last).
Result<std::vector<float>> XgboostPredict(const std::string& model_json, const DenseMatrix& x,
                                          XgbOutput output);

}  // namespace vv
