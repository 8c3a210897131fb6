#include "models/xgb_util.h"

#include <xgboost/c_api.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "models/flat_trees.h"

namespace vv {

namespace {

Error XgbError(const std::string& what) {
  return MakeError(ErrorCode::kInternal, what + ": " + XGBGetLastError());
}

struct MatrixDeleter {
  void operator()(void* h) const { XGDMatrixFree(h); }
};
struct BoosterDeleter {
  void operator()(void* h) const { XGBoosterFree(h); }
};
using MatrixPtr = std::unique_ptr<void, MatrixDeleter>;
using BoosterPtr = std::unique_ptr<void, BoosterDeleter>;

Result<MatrixPtr> MakeMatrix(const DenseMatrix& x) {
  DMatrixHandle h = nullptr;
  if (XGDMatrixCreateFromMat(x.values.data(), x.rows(), x.cols, NAN, &h) != 0) {
    return XgbError("XGDMatrixCreateFromMat");
  }
  return MatrixPtr(h);
}

Result<BoosterPtr> MakeBooster(DMatrixHandle* train, size_t n) {
  BoosterHandle h = nullptr;
  if (XGBoosterCreate(train, n, &h) != 0) return XgbError("XGBoosterCreate");
  return BoosterPtr(h);
}

template <typename T>
Result<T> Field(const nlohmann::json& config, const std::string& model, const char* key, T def,
                double lo, double hi) {
  auto it = config.find(key);
  if (it == config.end()) return def;
  const std::string path = model + "." + key;
  if (!it->is_number()) {
    return MakeError(ErrorCode::kInvalidArgument, "config " + path + " must be a number", path);
  }
  double v = it->get<double>();
  if (!(v >= lo && v <= hi)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "config " + path + " = " + it->dump() + " is out of range [" +
                         nlohmann::json(lo).dump() + ", " + nlohmann::json(hi).dump() + "]",
                     path);
  }
  return static_cast<T>(v);
}

}  // namespace

Result<XgbParams> ParseXgbParams(const nlohmann::json& config, const std::string& model,
                                 const std::set<std::string>& model_keys) {
  static const std::set<std::string> kXgbKeys = {
      "n_estimators", "max_depth", "eta",  "min_child_weight", "subsample", "colsample_bytree",
      "lambda",       "seed",      "nthread"};
  if (!config.is_null() && !config.is_object()) {
    return MakeError(ErrorCode::kInvalidArgument, "config " + model + " must be a mapping", model);
  }
  XgbParams p;
  if (config.is_null()) return p;
  for (const auto& [key, value] : config.items()) {
    if (!kXgbKeys.count(key) && !model_keys.count(key)) {
      return MakeError(ErrorCode::kInvalidArgument, "unknown config key " + model + "." + key,
                       model + "." + key);
    }
  }
  VV_ASSIGN_OR_RETURN(p.n_estimators, Field<int>(config, model, "n_estimators", p.n_estimators, 1, 10000));
  VV_ASSIGN_OR_RETURN(p.max_depth, Field<int>(config, model, "max_depth", p.max_depth, 1, 16));
  VV_ASSIGN_OR_RETURN(p.eta, Field<double>(config, model, "eta", p.eta, 1e-4, 1.0));
  VV_ASSIGN_OR_RETURN(p.min_child_weight,
                      Field<double>(config, model, "min_child_weight", p.min_child_weight, 0, 1e6));
  VV_ASSIGN_OR_RETURN(p.subsample, Field<double>(config, model, "subsample", p.subsample, 0.05, 1.0));
  VV_ASSIGN_OR_RETURN(p.colsample_bytree,
                      Field<double>(config, model, "colsample_bytree", p.colsample_bytree, 0.05, 1.0));
  VV_ASSIGN_OR_RETURN(p.lambda, Field<double>(config, model, "lambda", p.lambda, 0, 1e6));
  VV_ASSIGN_OR_RETURN(p.seed, Field<int>(config, model, "seed", p.seed, 0, 2147483647.0));
  VV_ASSIGN_OR_RETURN(p.nthread, Field<int>(config, model, "nthread", p.nthread, 1, 256));
  return p;
}

Result<std::string> TrainXgboost(const DenseMatrix& x, const std::vector<float>& y,
                                 const XgbParams& params) {
  if (x.rows() == 0 || x.rows() != y.size()) {
    return MakeError(ErrorCode::kInternal, "TrainXgboost: rows and labels differ");
  }
  VV_ASSIGN_OR_RETURN(MatrixPtr dtrain, MakeMatrix(x));
  if (XGDMatrixSetFloatInfo(dtrain.get(), "label", y.data(), y.size()) != 0) {
    return XgbError("XGDMatrixSetFloatInfo(label)");
  }
  DMatrixHandle handles[] = {dtrain.get()};
  VV_ASSIGN_OR_RETURN(BoosterPtr booster, MakeBooster(handles, 1));
  auto num = [](double v) { return nlohmann::json(v).dump(); };
  const std::pair<std::string, std::string> settings[] = {
      {"objective", params.objective},
      {"tree_method", "hist"},
      {"max_depth", std::to_string(params.max_depth)},
      {"eta", num(params.eta)},
      {"min_child_weight", num(params.min_child_weight)},
      {"subsample", num(params.subsample)},
      {"colsample_bytree", num(params.colsample_bytree)},
      {"lambda", num(params.lambda)},
      {"seed", std::to_string(params.seed)},
      {"nthread", std::to_string(params.nthread)},
      {"base_score", num(params.base_score)},
      {"verbosity", "0"}};
  for (const auto& [k, v] : settings) {
    if (XGBoosterSetParam(booster.get(), k.c_str(), v.c_str()) != 0) {
      return XgbError("XGBoosterSetParam(" + k + ")");
    }
  }
  for (int it = 0; it < params.n_estimators; ++it) {
    if (XGBoosterUpdateOneIter(booster.get(), it, dtrain.get()) != 0) {
      return XgbError("XGBoosterUpdateOneIter");
    }
  }
  bst_ulong len = 0;
  const char* buf = nullptr;
  if (XGBoosterSaveModelToBuffer(booster.get(), R"({"format": "json"})", &len, &buf) != 0) {
    return XgbError("XGBoosterSaveModelToBuffer");
  }
  return std::string(buf, len);
}

Result<std::vector<float>> XgboostPredict(const std::string& model_json, const DenseMatrix& x,
                                          XgbOutput output) {
  VV_ASSIGN_OR_RETURN(BoosterPtr booster, MakeBooster(nullptr, 0));
  if (XGBoosterLoadModelFromBuffer(booster.get(), model_json.data(), model_json.size()) != 0) {
    return XgbError("XGBoosterLoadModelFromBuffer");
  }
  XGBoosterSetParam(booster.get(), "nthread", "1");
  VV_ASSIGN_OR_RETURN(MatrixPtr dm, MakeMatrix(x));
  nlohmann::json config = {{"type", static_cast<int>(output)}, {"training", false},
                           {"iteration_begin", 0}, {"iteration_end", 0}, {"strict_shape", false}};
  const bst_ulong* shape = nullptr;
  bst_ulong dim = 0;
  const float* result = nullptr;
  if (XGBoosterPredictFromDMatrix(booster.get(), dm.get(), config.dump().c_str(), &shape, &dim,
                                  &result) != 0) {
    return XgbError("XGBoosterPredictFromDMatrix");
  }
  size_t n = 1;
  for (bst_ulong i = 0; i < dim; ++i) n *= shape[i];
  return std::vector<float>(result, result + n);
}

Result<std::string> SliceXgboostModel(const std::string& model_json, int n_trees) {
  VV_ASSIGN_OR_RETURN(BoosterPtr booster, MakeBooster(nullptr, 0));
  if (XGBoosterLoadModelFromBuffer(booster.get(), model_json.data(), model_json.size()) != 0) {
    return XgbError("XGBoosterLoadModelFromBuffer");
  }
  BoosterHandle sliced = nullptr;
  if (XGBoosterSlice(booster.get(), 0, n_trees, 1, &sliced) != 0) return XgbError("XGBoosterSlice");
  BoosterPtr owned(sliced);
  bst_ulong len = 0;
  const char* buf = nullptr;
  if (XGBoosterSaveModelToBuffer(owned.get(), R"({"format": "json"})", &len, &buf) != 0) {
    return XgbError("XGBoosterSaveModelToBuffer");
  }
  return std::string(buf, len);
}

int BestTreeCount(const std::vector<double>& loss) {
  if (loss.empty()) return 0;
  return static_cast<int>(std::min_element(loss.begin(), loss.end()) - loss.begin()) + 1;
}

Status TrimToBestTreeCount(const std::vector<double>& loss, std::string* model_json,
                           FlatForest* forest) {
  const int best = BestTreeCount(loss);
  if (best <= 0 || static_cast<size_t>(best) >= forest->NumTrees()) return {};
  VV_ASSIGN_OR_RETURN(std::string sliced, SliceXgboostModel(*model_json, best));
  VV_ASSIGN_OR_RETURN(FlatForest flat, FlatForest::FromXgboostJson(nlohmann::json::parse(sliced)));
  *model_json = std::move(sliced);
  *forest = std::move(flat);
  return {};
}

}  // namespace vv
