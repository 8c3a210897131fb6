// libFuzzer target for the XGBoost model JSON loader (models/flat_trees.h): any text must give a
// forest that walks every tree or an error value with the file and JSON path, never a crash,
// an endless walk or an out-of-range read.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "core/json_read.h"
#include "models/flat_trees.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto json = vv::ParseJsonFile(text, "xgb.json");
  if (!json.ok()) return 0;
  auto forest = vv::FlatForest::FromXgboostJson(*json, "xgb.json");
  if (!forest.ok()) {
    if (forest.error().path.rfind("xgb.json:$", 0) != 0) std::abort();  // names file and path
    return 0;
  }
  const size_t n = static_cast<size_t>(forest->NumFeatures());
  std::vector<float> margins(forest->NumTrees());
  std::vector<double> contributions(n + 1);
  for (float fill : {0.0f, 1.0f, -1e30f, NAN}) {
    std::vector<float> x(n, fill);
    for (size_t i = 0; i < n; i += 2) x[i] = static_cast<float>(i) - 1.5f;  // both directions
    const float margin = forest->PredictMargin(x.data());
    (void)forest->Predict(x.data());
    forest->PrefixMargins(x.data(), margins.data());
    const float walked = forest->Contributions(x.data(), contributions.data());
    if (!(walked == margin) && !(std::isnan(walked) && std::isnan(margin))) std::abort();
  }
  return 0;
}
