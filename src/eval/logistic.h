#pragma once
// Plain L2-regularised logistic regression fitted by Newton's method on standardized features:
// the viral model's baseline, and (on one feature) the Platt calibration of its XGBoost margin.
#include <cstddef>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace vv::eval {

// Solves A x = b for a small dense system (row-major n x n) by Gaussian elimination with partial
// pivoting. Error when A is singular.
Result<std::vector<double>> SolveLinearSystem(std::vector<double> a, std::vector<double> b);

class LogisticRegression {
 public:
  struct Options {
    double l2 = 1.0;  // penalty on the weights (not the intercept), in standardized units
    int max_iter = 50;
    double tol = 1e-9;  // stop when the largest Newton step is below this
  };

  // x: rows x cols row-major, NaN = missing (imputed with the training mean, i.e. 0 once
  // standardized). labels are 0/1. Error when a class is absent.
  Status Fit(const float* x, size_t rows, size_t cols, const std::vector<int>& labels,
             const Options& options);
  Status Fit(const float* x, size_t rows, size_t cols, const std::vector<int>& labels) {
    return Fit(x, rows, cols, labels, Options{});
  }

  double Predict(const float* x) const;  // probability of class 1
  double Margin(const float* x) const;

  // Weights in the original (unstandardized) units: p = sigmoid(intercept + sum w_i x_i) for
  // inputs with no missing value.
  std::vector<double> RawWeights() const;
  double RawIntercept() const;

  nlohmann::json ToJson() const;
  static Result<LogisticRegression> FromJson(const nlohmann::json& j);

 private:
  std::vector<double> mean_, scale_, weights_;
  double intercept_ = 0;
};

}  // namespace vv::eval
