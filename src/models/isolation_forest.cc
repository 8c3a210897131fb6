#include "models/isolation_forest.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "core/json_read.h"

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
    // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
    const auto& chosen = varying[rng() % varying.size()];
    const size_t f = chosen.first;
    const auto& range = chosen.second;
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

// One tree's parallel arrays, each node checked: a split's feature below dims and its children
// numbered after it (so a corrupt file cannot make a loop), a leaf's feature negative.
Result<IsolationForest::Tree> IsolationForest::ReadTree(const JsonField& tree, int64_t dims) {
  std::vector<std::vector<int64_t>> ints;  // feature, left, right, size
  for (const char* key : {"feature", "left", "right", "size"}) {
    VV_ASSIGN_OR_RETURN(JsonField array, tree.Get(key));
    VV_ASSIGN_OR_RETURN(size_t n, array.ArraySize());
    std::vector<int64_t> values(n);
    for (size_t i = 0; i < n; ++i) {
      auto v = AsInt64(array.value()[i]);
      if (!v || *v < -1 || *v > std::numeric_limits<int>::max()) {
        return array.FailAt(i, "must be an integer in [-1, 2^31)");
      }
      values[i] = *v;
    }
    ints.push_back(std::move(values));
  }
  const int64_t n = static_cast<int64_t>(ints[0].size());
  VV_ASSIGN_OR_RETURN(std::vector<double> split, tree.Numbers("split", ints[0].size()));
  for (const auto& values : ints) {
    if (static_cast<int64_t>(values.size()) != n || n == 0) {
      return tree.Fail("tree arrays are empty or differ in length");
    }
  }
  Tree out(n);
  for (int64_t i = 0; i < n; ++i) {
    const int64_t feature = ints[0][i], left = ints[1][i], right = ints[2][i];
    if (feature >= dims || (feature >= 0 && (left <= i || right <= i || left >= n || right >= n))) {
      return tree.Fail("bad node " + std::to_string(i));
    }
    out[i] = Node{static_cast<int>(feature), split[i], static_cast<int>(left),
                    static_cast<int>(right), static_cast<int>(ints[3][i])};
  }
  return out;
}

Result<IsolationForest> IsolationForest::FromJson(const nlohmann::json& j,
                                                  const std::string& path) {
  IsolationForest forest;
  const JsonField root(j, path, "$.forest");
  VV_ASSIGN_OR_RETURN(int64_t dims, root.Integer("dims", 1, 1 << 20));
  VV_ASSIGN_OR_RETURN(forest.sample_size_, root.Integer("sample_size", 2, 1 << 30));
  forest.dims_ = static_cast<size_t>(dims);
  VV_ASSIGN_OR_RETURN(JsonField trees, root.Get("trees"));
  VV_ASSIGN_OR_RETURN(size_t n_trees, trees.ArraySize());
  if (n_trees == 0) return trees.Fail("no trees");
  for (size_t t = 0; t < n_trees; ++t) {
    VV_ASSIGN_OR_RETURN(JsonField tree, trees.At(t));
    VV_ASSIGN_OR_RETURN(Tree nodes, ReadTree(tree, dims));
    forest.trees_.push_back(std::move(nodes));
  }
  return forest;
}

}  // namespace vv
