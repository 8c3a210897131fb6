#include "models/flat_trees.h"

#include <cmath>

#include "models/growth_util.h"

namespace vv {

namespace {

Error Corrupt(const std::string& what, const std::string& path) {
  return MakeError(ErrorCode::kDataLoss, "XGBoost model JSON: " + what, path);
}

// XGBoost writes numbers in its learner params as strings ("5E-1").
Result<double> NumberField(const nlohmann::json& obj, const char* key, const std::string& path) {
  auto it = obj.find(key);
  if (it == obj.end()) return Corrupt(std::string("missing ") + key, path);
  if (it->is_number()) return it->get<double>();
  if (it->is_string()) {
    try {
      return std::stod(it->get<std::string>());
    } catch (const std::exception&) {
    }
  }
  return Corrupt(std::string("not a number: ") + key, path + "." + key);
}

bool Truthy(const nlohmann::json& v) { return v.is_boolean() ? v.get<bool>() : v.get<int>() != 0; }

}  // namespace

Result<FlatForest> FlatForest::FromXgboostJson(const nlohmann::json& model) {
  FlatForest f;
  try {
    const auto& learner = model.at("learner");
    f.objective_ = learner.at("objective").at("name").get<std::string>();
    const auto& mp = learner.at("learner_model_param");
    VV_ASSIGN_OR_RETURN(double base_score, NumberField(mp, "base_score", "$.learner.learner_model_param"));
    VV_ASSIGN_OR_RETURN(double num_feature, NumberField(mp, "num_feature", "$.learner.learner_model_param"));
    VV_ASSIGN_OR_RETURN(double num_class, NumberField(mp, "num_class", "$.learner.learner_model_param"));
    if (num_class > 1) return Corrupt("multi-class models are not supported", "$.learner");
    f.num_features_ = static_cast<int>(num_feature);
    if (f.objective_ == "binary:logistic" || f.objective_ == "reg:logistic") {
      if (base_score <= 0 || base_score >= 1) return Corrupt("base_score outside (0,1)", "$.learner");
      f.logistic_ = true;
      f.base_margin_ = static_cast<float>(-std::log(1.0 / base_score - 1.0));
    } else if (f.objective_ == "reg:squarederror") {
      f.base_margin_ = static_cast<float>(base_score);
    } else {
      return Corrupt("unsupported objective '" + f.objective_ + "'", "$.learner.objective.name");
    }
    const auto& booster = learner.at("gradient_booster");
    if (booster.at("name") != "gbtree") return Corrupt("only gbtree is supported", "$.learner.gradient_booster");
    const auto& trees = booster.at("model").at("trees");
    for (size_t t = 0; t < trees.size(); ++t) {
      const auto& tree = trees[t];
      const std::string path = "$.learner.gradient_booster.model.trees[" + std::to_string(t) + "]";
      const auto& left = tree.at("left_children");
      const auto& right = tree.at("right_children");
      const auto& cond = tree.at("split_conditions");
      const auto& index = tree.at("split_indices");
      const auto& dleft = tree.at("default_left");
      const auto& hess = tree.at("sum_hessian");
      const size_t n = left.size();
      if (n == 0 || right.size() != n || cond.size() != n || index.size() != n ||
          dleft.size() != n || hess.size() != n) {
        return Corrupt("node arrays of different lengths", path);
      }
      const auto offset = static_cast<uint32_t>(f.nodes_.size());
      f.roots_.push_back(offset);
      for (size_t i = 0; i < n; ++i) {
        Node node;
        node.value = cond[i].get<float>();
        int l = left[i].get<int>(), r = right[i].get<int>();
        uint32_t feat = index[i].get<uint32_t>();
        if (l >= 0) {
          if (l >= static_cast<int>(n) || r < 0 || r >= static_cast<int>(n) ||
              feat >= static_cast<uint32_t>(f.num_features_)) {
            return Corrupt("node " + std::to_string(i) + " points outside the tree", path);
          }
          node.left = static_cast<int32_t>(offset) + l;
          node.right = static_cast<int32_t>(offset) + r;
        } else {
          node.left = node.right = -1;
        }
        node.feature = feat | (Truthy(dleft[i]) ? kDefaultLeft : 0u);
        f.nodes_.push_back(node);
      }
      // Node mean values, children before parents: XGBoost numbers children after parents.
      f.mean_values_.resize(f.nodes_.size());
      for (size_t i = n; i-- > 0;) {
        const Node& node = f.nodes_[offset + i];
        if (node.left < 0) {
          f.mean_values_[offset + i] = node.value;
          continue;
        }
        size_t l = node.left - offset, r = node.right - offset;
        if (l <= i || r <= i) return Corrupt("children numbered before their parent", path);
        double hl = hess[l].get<double>(), hr = hess[r].get<double>(), h = hess[i].get<double>();
        f.mean_values_[offset + i] = static_cast<float>(
            (f.mean_values_[node.left] * hl + f.mean_values_[node.right] * hr) / h);
      }
    }
  } catch (const nlohmann::json::exception& e) {
    return Corrupt(std::string("unexpected layout: ") + e.what(), "$");
  }
  if (f.roots_.empty()) return Corrupt("no trees", "$.learner.gradient_booster.model.trees");
  return f;
}

uint32_t FlatForest::Leaf(uint32_t idx, const float* x) const {
  const Node* nodes = nodes_.data();
  while (nodes[idx].left >= 0) {
    const Node& node = nodes[idx];
    const float v = x[node.feature & ~kDefaultLeft];
    bool go_left = std::isnan(v) ? (node.feature & kDefaultLeft) != 0 : v < node.value;
    idx = static_cast<uint32_t>(go_left ? node.left : node.right);
  }
  return idx;
}

float FlatForest::PredictMargin(const float* x) const {
  float sum = base_margin_;
  for (uint32_t root : roots_) sum += nodes_[Leaf(root, x)].value;
  return sum;
}

void FlatForest::PrefixMargins(const float* x, float* out) const {
  float sum = base_margin_;
  for (size_t t = 0; t < roots_.size(); ++t) {
    sum += nodes_[Leaf(roots_[t], x)].value;
    out[t] = sum;
  }
}

float FlatForest::Predict(const float* x) const {
  float m = PredictMargin(x);
  return logistic_ ? 1.0f / (1.0f + std::exp(-m)) : m;
}

float FlatForest::Contributions(const float* x, double* out) const {
  std::fill(out, out + num_features_ + 1, 0.0);
  out[num_features_] = base_margin_;
  float margin = base_margin_;
  for (uint32_t idx : roots_) {
    double node_value = mean_values_[idx];
    out[num_features_] += node_value;
    while (nodes_[idx].left >= 0) {
      const Node& node = nodes_[idx];
      const uint32_t feature = node.feature & ~kDefaultLeft;
      const float v = x[feature];
      bool go_left = std::isnan(v) ? (node.feature & kDefaultLeft) != 0 : v < node.value;
      idx = static_cast<uint32_t>(go_left ? node.left : node.right);
      double child = mean_values_[idx];  // a leaf's mean value is its value
      out[feature] += child - node_value;
      node_value = child;
    }
    margin += nodes_[idx].value;
  }
  return margin;
}

Result<LoadedForest> LoadForestFile(const std::filesystem::path& path, int expected_features) {
  VV_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    return MakeError(ErrorCode::kDataLoss, std::string("corrupt JSON: ") + e.what(), path.string());
  }
  auto forest = FlatForest::FromXgboostJson(j);
  if (!forest.ok()) return forest.take_error().WithContext(path.string());
  if (forest->NumFeatures() != expected_features) {
    return MakeError(ErrorCode::kDataLoss,
                     "model has " + std::to_string(forest->NumFeatures()) + " features, expected " +
                         std::to_string(expected_features),
                     path.string());
  }
  return LoadedForest{std::move(text), std::move(*forest)};
}

}  // namespace vv
