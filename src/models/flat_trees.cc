#include "models/flat_trees.h"

#include <cmath>
#include <cstdlib>

#include "core/json_read.h"
#include "models/growth_util.h"

namespace vv {

namespace {

using nlohmann::json;

// Far above any model of ours; keeps a corrupt header from sizing the feature vectors.
constexpr double kMaxFeatures = 1 << 20;

// XGBoost writes the numbers of its learner params as strings ("5E-1").
Result<double> ParamNumber(const JsonField& params, const char* key) {
  VV_ASSIGN_OR_RETURN(JsonField field, params.Get(key));
  if (!field.value().is_string()) return field.Number();
  const std::string& text = field.value().get_ref<const std::string&>();
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !std::isfinite(v)) {
    return field.Fail("not a number: \"" + text.substr(0, 40) + "\"");
  }
  return v;
}

// A node's child index, or -1 for none; anything else (a float, a string) is refused.
bool ChildIndex(const json& v, int64_t n, int64_t* out) {
  const std::optional<int64_t> index = AsInt64(v);
  *out = index.value_or(n);
  return index && *out >= -1 && *out < n;
}

}  // namespace

Status FlatForest::ReadLearner(const JsonField& learner) {
  VV_ASSIGN_OR_RETURN(JsonField objective, learner.Get("objective"));
  VV_ASSIGN_OR_RETURN(objective_, objective.String("name"));
  VV_ASSIGN_OR_RETURN(JsonField params, learner.Get("learner_model_param"));
  VV_ASSIGN_OR_RETURN(double base_score, ParamNumber(params, "base_score"));
  VV_ASSIGN_OR_RETURN(double num_feature, ParamNumber(params, "num_feature"));
  VV_ASSIGN_OR_RETURN(double num_class, ParamNumber(params, "num_class"));
  if (num_class > 1) return params.Fail("multi-class models are not supported");
  const bool integral = num_feature == std::floor(num_feature);
  if (!(num_feature >= 1 && num_feature <= kMaxFeatures) || !integral) {
    return params.Fail("num_feature must be an integer in [1, 2^20]");
  }
  num_features_ = static_cast<int>(num_feature);
  if (objective_ == "binary:logistic" || objective_ == "reg:logistic") {
    if (base_score <= 0 || base_score >= 1) return params.Fail("base_score outside (0,1)");
    logistic_ = true;
    base_margin_ = static_cast<float>(-std::log(1.0 / base_score - 1.0));
  } else if (objective_ == "reg:squarederror") {
    base_margin_ = static_cast<float>(base_score);
  } else {
    return objective.Fail("unsupported objective '" + objective_ + "'");
  }
  return {};
}

Status FlatForest::AddTree(const JsonField& tree) {
  std::vector<JsonField> arrays;  // left, right, condition, feature, default left, hessian
  for (const char* key : {"left_children", "right_children", "split_conditions", "split_indices",
                          "default_left", "sum_hessian"}) {
    VV_ASSIGN_OR_RETURN(JsonField field, tree.Get(key));
    arrays.push_back(std::move(field));
  }
  VV_ASSIGN_OR_RETURN(const size_t n, arrays[0].ArraySize());
  if (n == 0 || n > (1u << 30) - nodes_.size()) return arrays[0].Fail("node count out of range");
  for (const auto& a : arrays) VV_RETURN_IF_ERROR(a.ArraySize(n));
  const json &left = arrays[0].value(), &right = arrays[1].value(), &cond = arrays[2].value(),
             &index = arrays[3].value(), &dleft = arrays[4].value(), &hess = arrays[5].value();
  const auto offset = static_cast<uint32_t>(nodes_.size());
  roots_.push_back(offset);
  mean_values_.resize(offset + n);
  for (size_t i = 0; i < n; ++i) {
    auto bad = [&](int array, const std::string& what) {
      return arrays[array].FailAt(i, "node " + std::to_string(i) + ": " + what);
    };
    int64_t l = 0, r = 0;
    const std::string range = "[-1, " + std::to_string(n) + ")";
    if (!ChildIndex(left[i], n, &l)) return bad(0, "child index not an integer in " + range);
    if (!ChildIndex(right[i], n, &r)) return bad(1, "child index not an integer in " + range);
    // Children numbered after their parent, as XGBoost writes them: no cycle is possible.
    const bool leaf = l < 0;
    const auto self = static_cast<int64_t>(i);
    if (leaf != (r < 0) || (!leaf && (l <= self || r <= self))) {
      return bad(0, "children must both be -1, or both be numbered after the node");
    }
    if (!cond[i].is_number()) return bad(2, "not a number");
    if (!hess[i].is_number()) return bad(5, "not a number");
    const std::optional<int64_t> feature = AsInt64(index[i]);
    if (!feature) return bad(3, "not an integer");
    if (!dleft[i].is_boolean() && !dleft[i].is_number_integer()) return bad(4, "not a flag");
    if (!leaf && (*feature < 0 || *feature >= num_features_)) {
      return bad(3, "split feature outside [0, " + std::to_string(num_features_) + ")");
    }
    const bool default_left =
        dleft[i].is_boolean() ? dleft[i].get<bool>() : AsInt64(dleft[i]).value_or(1) != 0;
    Node node;
    node.value = cond[i].get<float>();
    node.left = leaf ? -1 : static_cast<int32_t>(offset + l);
    node.right = leaf ? -1 : static_cast<int32_t>(offset + r);
    node.feature = static_cast<uint32_t>(leaf ? 0 : *feature) | (default_left ? kDefaultLeft : 0u);
    nodes_.push_back(node);
  }
  // Node mean values, children before parents: XGBoost numbers children after parents.
  for (size_t i = n; i-- > 0;) {
    const Node& node = nodes_[offset + i];
    if (node.left < 0) {
      mean_values_[offset + i] = node.value;
      continue;
    }
    const size_t l = node.left - offset, r = node.right - offset;
    const double hl = hess[l].get<double>(), hr = hess[r].get<double>(), h = hess[i].get<double>();
    mean_values_[offset + i] = static_cast<float>(
        (mean_values_[node.left] * hl + mean_values_[node.right] * hr) / h);
  }
  return {};
}

Result<FlatForest> FlatForest::FromXgboostJson(const nlohmann::json& model,
                                               const std::string& file) {
  FlatForest f;
  const JsonField root(model, file);
  VV_ASSIGN_OR_RETURN(JsonField learner, root.Get("learner"));
  VV_RETURN_IF_ERROR(f.ReadLearner(learner));
  VV_ASSIGN_OR_RETURN(JsonField booster, learner.Get("gradient_booster"));
  VV_ASSIGN_OR_RETURN(std::string name, booster.String("name"));
  if (name != "gbtree") return booster.Fail("only gbtree is supported");
  VV_ASSIGN_OR_RETURN(JsonField booster_model, booster.Get("model"));
  VV_ASSIGN_OR_RETURN(JsonField trees, booster_model.Get("trees"));
  VV_ASSIGN_OR_RETURN(const size_t n_trees, trees.ArraySize());
  if (n_trees == 0) return trees.Fail("no trees");
  for (size_t t = 0; t < n_trees; ++t) {
    VV_ASSIGN_OR_RETURN(JsonField tree, trees.At(t));
    VV_RETURN_IF_ERROR(f.AddTree(tree));
  }
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
  VV_ASSIGN_OR_RETURN(nlohmann::json j, ParseJsonFile(text, path.string()));
  VV_ASSIGN_OR_RETURN(FlatForest forest, FlatForest::FromXgboostJson(j, path.string()));
  if (forest.NumFeatures() != expected_features) {
    return MakeError(ErrorCode::kDataLoss,
                     "model has " + std::to_string(forest.NumFeatures()) + " features, expected " +
                         std::to_string(expected_features),
                     path.string());
  }
  return LoadedForest{std::move(text), std::move(forest)};
}

}  // namespace vv
