#pragma once
// Isolation forest (Liu, Ting & Zhou 2008), written here because no Debian library has one.
// Deterministic for a seed: the same rows and options give the same trees.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace vv {

class JsonField;

// c(n): the average path length of an unsuccessful search in a binary search tree of n points,
// used to normalize path lengths. c(1) = 0, c(2) = 1.
double AveragePathLength(double n);

struct IsolationForestOptions {
  int n_trees = 100;
  int sample_size = 256;
  uint64_t seed = 42;
};

class IsolationForest {
 public:
  // rows: equal-length, finite feature vectors. Needs at least 2 rows.
  Status Fit(const std::vector<std::vector<double>>& rows, const IsolationForestOptions& options);
  // Mean path length over the trees (leaf depth + c(leaf size)).
  double PathLength(const std::vector<double>& row) const;
  // 2^(-E[h(x)] / c(sample size)): near 1 for anomalies, <= 0.5 for ordinary points.
  double Score(const std::vector<double>& row) const;
  size_t dims() const { return dims_; }

  nlohmann::json ToJson() const;
  static Result<IsolationForest> FromJson(const nlohmann::json& j, const std::string& path);

 private:
  struct Node {
    int feature = -1;  // -1: leaf
    double split = 0;
    int left = -1, right = -1;
    int size = 0;      // points that reached a leaf
  };
  using Tree = std::vector<Node>;
  static Result<Tree> ReadTree(const JsonField& tree, int64_t dims);
  double TreePath(const Tree& tree, const std::vector<double>& row) const;

  std::vector<Tree> trees_;
  size_t dims_ = 0;
  int sample_size_ = 0;  // the psi actually used (min(sample_size, rows))
};

}  // namespace vv
