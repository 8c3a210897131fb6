#include "models/isolation_forest.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace vv {

namespace {

constexpr double kEulerGamma = 0.5772156649015329;

struct Builder {
  const std::vector<std::vector<double>>& rows;
  std::mt19937_64& rng;
  int height_limit;

  // Grows the subtree over rows[idx[begin..end)] and returns its node index.
  template <typename Tree>
  int Grow(Tree& tree, std::vector<size_t>& idx, size_t begin, size_t end, int depth) {
    int node = static_cast<int>(tree.size());
    tree.emplace_back();
    tree[node].size = static_cast<int>(end - begin);
    if (depth >= height_limit || end - begin <= 1) return node;
    // Features that still vary here; a node whose points are all equal is a leaf.
    const size_t dims = rows[idx[begin]].size();
    std::vector<std::pair<size_t, std::pair<double, double>>> varying;
    for (size_t f = 0; f < dims; ++f) {
      double lo = rows[idx[begin]][f], hi = lo;
      for (size_t i = begin + 1; i < end; ++i) {
        lo = std::min(lo, rows[idx[i]][f]);
        hi = std::max(hi, rows[idx[i]][f]);
      }
      if (hi > lo) varying.push_back({f, {lo, hi}});
    }
    if (varying.empty()) return node;
    const auto& [f, range] = varying[rng() % varying.size()];
    std::uniform_real_distribution<double> uniform(range.first, range.second);
    double split = uniform(rng);
    if (split <= range.first) split = std::nextafter(range.first, range.second);
    auto mid = std::partition(idx.begin() + begin, idx.begin() + end,
                              [&](size_t i) { return rows[i][f] < split; });
    size_t m = static_cast<size_t>(mid - idx.begin());
    int left = Grow(tree, idx, begin, m, depth + 1);
    int right = Grow(tree, idx, m, end, depth + 1);
    tree[node].feature = static_cast<int>(f);
    tree[node].split = split;
    tree[node].left = left;
    tree[node].right = right;
    return node;
  }
};

}  // namespace

double AveragePathLength(double n) {
  if (n <= 1) return 0.0;
  if (n < 2.5) return 1.0;  // n == 2
  double harmonic = std::log(n - 1.0) + kEulerGamma;
  return 2.0 * harmonic - 2.0 * (n - 1.0) / n;
}

Status IsolationForest::Fit(const std::vector<std::vector<double>>& rows,
                            const IsolationForestOptions& options) {
  if (rows.size() < 2) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "isolation forest needs at least 2 rows, got " + std::to_string(rows.size()));
  }
  if (options.n_trees < 1 || options.sample_size < 2) {
    return MakeError(ErrorCode::kInvalidArgument, "n_trees must be >= 1 and sample_size >= 2");
  }
  dims_ = rows[0].size();
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].size() != dims_) {
      return MakeError(ErrorCode::kInvalidArgument, "isolation forest rows differ in length",
                       "row " + std::to_string(i));
    }
    for (double v : rows[i]) {
      if (!std::isfinite(v)) {
        return MakeError(ErrorCode::kInvalidArgument, "isolation forest needs finite values",
                         "row " + std::to_string(i));
      }
    }
  }
  sample_size_ = static_cast<int>(std::min<size_t>(options.sample_size, rows.size()));
  int height_limit = static_cast<int>(std::ceil(std::log2(static_cast<double>(sample_size_))));
  std::mt19937_64 rng(options.seed);
  Builder builder{rows, rng, height_limit};
  trees_.assign(options.n_trees, {});
  std::vector<size_t> all(rows.size());
  std::iota(all.begin(), all.end(), 0);
  for (auto& tree : trees_) {
    // A sample without replacement: a partial Fisher-Yates shuffle of the row indices.
    for (int i = 0; i < sample_size_; ++i) {
      std::uniform_int_distribution<size_t> pick(i, all.size() - 1);
      std::swap(all[i], all[pick(rng)]);
    }
    std::vector<size_t> idx(all.begin(), all.begin() + sample_size_);
    builder.Grow(tree, idx, 0, idx.size(), 0);
  }
  return {};
}

double IsolationForest::TreePath(const Tree& tree, const std::vector<double>& row) const {
  int node = 0;
  int depth = 0;
  while (tree[node].feature >= 0) {
    node = row[tree[node].feature] < tree[node].split ? tree[node].left : tree[node].right;
    ++depth;
  }
  return depth + AveragePathLength(tree[node].size);
}

double IsolationForest::PathLength(const std::vector<double>& row) const {
  if (trees_.empty() || row.size() != dims_) return std::nan("");
  double total = 0;
  for (const auto& tree : trees_) total += TreePath(tree, row);
  return total / static_cast<double>(trees_.size());
}

double IsolationForest::Score(const std::vector<double>& row) const {
  double c = AveragePathLength(sample_size_);
  if (c <= 0) return 0.5;
  return std::pow(2.0, -PathLength(row) / c);
}

nlohmann::json IsolationForest::ToJson() const {
  nlohmann::json trees = nlohmann::json::array();
  for (const auto& tree : trees_) {
    std::vector<int> feature, left, right, size;
    std::vector<double> split;
    for (const auto& n : tree) {
      feature.push_back(n.feature);
      split.push_back(n.split);
      left.push_back(n.left);
      right.push_back(n.right);
      size.push_back(n.size);
    }
    trees.push_back({{"feature", feature}, {"split", split}, {"left", left}, {"right", right},
                     {"size", size}});
  }
  return {{"dims", dims_}, {"sample_size", sample_size_}, {"trees", trees}};
}

Result<IsolationForest> IsolationForest::FromJson(const nlohmann::json& j,
                                                  const std::string& path) {
  IsolationForest forest;
  try {
    forest.dims_ = j.at("dims").get<size_t>();
    forest.sample_size_ = j.at("sample_size").get<int>();
    for (const auto& t : j.at("trees")) {
      auto feature = t.at("feature").get<std::vector<int>>();
      auto split = t.at("split").get<std::vector<double>>();
      auto left = t.at("left").get<std::vector<int>>();
      auto right = t.at("right").get<std::vector<int>>();
      auto size = t.at("size").get<std::vector<int>>();
      const int n = static_cast<int>(feature.size());
      if (n == 0 || split.size() != feature.size() || left.size() != feature.size() ||
          right.size() != feature.size() || size.size() != feature.size()) {
        throw std::runtime_error("tree arrays differ in length");
      }
      Tree tree(n);
      for (int i = 0; i < n; ++i) {
        // Children must point forward so that a corrupt file cannot make a loop.
        if (feature[i] >= static_cast<int>(forest.dims_) ||
            (feature[i] >= 0 && (left[i] <= i || right[i] <= i || left[i] >= n || right[i] >= n))) {
          throw std::runtime_error("bad node " + std::to_string(i));
        }
        tree[i] = Node{feature[i], split[i], left[i], right[i], size[i]};
      }
      forest.trees_.push_back(std::move(tree));
    }
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kDataLoss, std::string("bad isolation forest: ") + e.what(), path);
  }
  if (forest.trees_.empty()) {
    return MakeError(ErrorCode::kDataLoss, "bad isolation forest: no trees", path);
  }
  return forest;
}

}  // namespace vv
