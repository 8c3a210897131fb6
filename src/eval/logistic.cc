#include "eval/logistic.h"

#include <algorithm>
#include <cmath>

namespace vv::eval {

Result<std::vector<double>> SolveLinearSystem(std::vector<double> a, std::vector<double> b) {
  const size_t n = b.size();
  if (a.size() != n * n) return MakeError(ErrorCode::kInternal, "SolveLinearSystem: bad shape");
  for (size_t col = 0; col < n; ++col) {
    size_t pivot = col;
    for (size_t r = col + 1; r < n; ++r) {
      if (std::fabs(a[r * n + col]) > std::fabs(a[pivot * n + col])) pivot = r;
    }
    if (std::fabs(a[pivot * n + col]) < 1e-300) {
      return MakeError(ErrorCode::kFailedPrecondition, "singular linear system");
    }
    if (pivot != col) {
      for (size_t k = 0; k < n; ++k) std::swap(a[col * n + k], a[pivot * n + k]);
      std::swap(b[col], b[pivot]);
    }
    for (size_t r = col + 1; r < n; ++r) {
      double f = a[r * n + col] / a[col * n + col];
      if (f == 0) continue;
      for (size_t k = col; k < n; ++k) a[r * n + k] -= f * a[col * n + k];
      b[r] -= f * b[col];
    }
  }
  std::vector<double> x(n);
  for (size_t i = n; i-- > 0;) {
    double s = b[i];
    for (size_t k = i + 1; k < n; ++k) s -= a[i * n + k] * x[k];
    x[i] = s / a[i * n + i];
  }
  return x;
}

namespace {

double Sigmoid(double z) { return z >= 0 ? 1 / (1 + std::exp(-z)) : std::exp(z) / (1 + std::exp(z)); }

}  // namespace

Status LogisticRegression::Fit(const float* x, size_t rows, size_t cols,
                               const std::vector<int>& labels, const Options& options) {
  if (labels.size() != rows || rows == 0) {
    return MakeError(ErrorCode::kInvalidArgument, "logistic regression: no rows or label count differs");
  }
  size_t positives = std::count(labels.begin(), labels.end(), 1);
  if (positives == 0 || positives == rows) {
    return MakeError(ErrorCode::kFailedPrecondition, "logistic regression: only one class in the labels");
  }
  mean_.assign(cols, 0);
  scale_.assign(cols, 1);
  std::vector<size_t> count(cols, 0);
  std::vector<double> sq(cols, 0);
  for (size_t i = 0; i < rows; ++i) {
    for (size_t j = 0; j < cols; ++j) {
      double v = x[i * cols + j];
      if (std::isnan(v)) continue;
      ++count[j];
      mean_[j] += v;
      sq[j] += v * v;
    }
  }
  for (size_t j = 0; j < cols; ++j) {
    if (count[j] == 0) continue;
    mean_[j] /= static_cast<double>(count[j]);
    double var = sq[j] / static_cast<double>(count[j]) - mean_[j] * mean_[j];
    scale_[j] = var > 1e-12 ? std::sqrt(var) : 1.0;
  }
  // Newton on theta = (intercept, weights): dimension d = cols + 1.
  const size_t d = cols + 1;
  std::vector<double> theta(d, 0.0), z(d);
  for (int iter = 0; iter < options.max_iter; ++iter) {
    std::vector<double> grad(d, 0.0), hess(d * d, 0.0);
    for (size_t i = 0; i < rows; ++i) {
      z[0] = 1;
      for (size_t j = 0; j < cols; ++j) {
        double v = x[i * cols + j];
        z[j + 1] = std::isnan(v) ? 0.0 : (v - mean_[j]) / scale_[j];
      }
      double m = 0;
      for (size_t k = 0; k < d; ++k) m += theta[k] * z[k];
      double p = Sigmoid(m), w = p * (1 - p), r = p - labels[i];
      for (size_t a = 0; a < d; ++a) {
        grad[a] += r * z[a];
        if (z[a] == 0) continue;
        for (size_t b = a; b < d; ++b) hess[a * d + b] += w * z[a] * z[b];
      }
    }
    for (size_t a = 0; a < d; ++a) {
      for (size_t b = 0; b < a; ++b) hess[a * d + b] = hess[b * d + a];
    }
    for (size_t k = 1; k < d; ++k) {
      grad[k] += options.l2 * theta[k];
      hess[k * d + k] += options.l2;
    }
    hess[0] += 1e-9;  // keeps the system solvable when the data are separable and l2 = 0
    VV_ASSIGN_OR_RETURN(std::vector<double> step, SolveLinearSystem(hess, grad));
    double largest = 0;
    for (size_t k = 0; k < d; ++k) {
      theta[k] -= step[k];
      largest = std::max(largest, std::fabs(step[k]));
    }
    if (largest < options.tol) break;
  }
  intercept_ = theta[0];
  weights_.assign(theta.begin() + 1, theta.end());
  return {};
}

double LogisticRegression::Margin(const float* x) const {
  double m = intercept_;
  for (size_t j = 0; j < weights_.size(); ++j) {
    double v = x[j];
    if (!std::isnan(v)) m += weights_[j] * (v - mean_[j]) / scale_[j];
  }
  return m;
}

double LogisticRegression::Predict(const float* x) const { return Sigmoid(Margin(x)); }

std::vector<double> LogisticRegression::RawWeights() const {
  std::vector<double> w(weights_.size());
  for (size_t j = 0; j < w.size(); ++j) w[j] = weights_[j] / scale_[j];
  return w;
}

double LogisticRegression::RawIntercept() const {
  double b = intercept_;
  for (size_t j = 0; j < weights_.size(); ++j) b -= weights_[j] * mean_[j] / scale_[j];
  return b;
}

nlohmann::json LogisticRegression::ToJson() const {
  return {{"intercept", intercept_}, {"weights", weights_}, {"mean", mean_}, {"scale", scale_}};
}

Result<LogisticRegression> LogisticRegression::FromJson(const nlohmann::json& j) {
  LogisticRegression m;
  try {
    m.intercept_ = j.at("intercept").get<double>();
    m.weights_ = j.at("weights").get<std::vector<double>>();
    m.mean_ = j.at("mean").get<std::vector<double>>();
    m.scale_ = j.at("scale").get<std::vector<double>>();
  } catch (const nlohmann::json::exception& e) {
    return MakeError(ErrorCode::kDataLoss, std::string("logistic model: ") + e.what());
  }
  if (m.mean_.size() != m.weights_.size() || m.scale_.size() != m.weights_.size()) {
    return MakeError(ErrorCode::kDataLoss, "logistic model: weights, mean and scale differ in length");
  }
  return m;
}

}  // namespace vv::eval
