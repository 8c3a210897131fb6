// Writes the seed corpora of the artifact fuzz targets into <dir>/<target>/: valid artifacts made
// here, small enough to mutate quickly (tests/fuzz/run_artifact_fuzz.sh).
//   fasttext_fuzz  a tiny supervised model per loss (softmax, one-vs-all, negative sampling,
//                  hierarchical softmax), with character and word n-grams
//   xgboost_fuzz   a regression and a logistic XGBoost model of a few shallow trees
//   manifest_fuzz  the manifest vv writes, and a few hand-made variants
//   aliases_fuzz   alias files as promote and rollback write them
#include <cmath>
#include <cstdio>
#include <random>

#include "artifact_fuzz.h"
#include "models/fasttext_util.h"
#include "models/xgb_util.h"

namespace {

namespace fs = std::filesystem;

int Fail(const vv::Error& error) {
  std::fprintf(stderr, "artifact_fuzz_seeds: %s\n", error.ToString().c_str());
  return 1;
}

vv::Status FastTextSeeds(const fs::path& dir) {
  std::vector<vv::LabelledLine> lines;
  for (int i = 0; i < 60; ++i) {
    lines.push_back({{i % 3 == 0 ? "music" : i % 3 == 1 ? "sports" : "news"},
                     i % 3 == 0   ? "live concert guitar song"
                     : i % 3 == 1 ? "goal match league final"
                                  : "election report today"});
  }
  for (const char* loss : {"softmax", "ova", "ns", "hs"}) {
    vv::FastTextOptions options;
    options.dim = 4;
    options.bucket = 32;
    options.minn = 2;
    options.maxn = 3;
    options.epoch = 3;
    options.loss = loss;
    VV_ASSIGN_OR_RETURN(auto model, vv::FastTextClassifier::Train(lines, options, "seed"));
    VV_RETURN_IF_ERROR(model->Save(dir / (std::string(loss) + ".bin")));
  }
  return {};
}

vv::Status XgboostSeeds(const fs::path& dir) {
  std::mt19937 rng(7);
  std::normal_distribution<float> g(0, 1);
  vv::DenseMatrix x;
  x.cols = 4;
  std::vector<float> y_reg, y_bin;
  for (int i = 0; i < 200; ++i) {
    float row[4] = {g(rng), g(rng), i % 10 == 0 ? NAN : g(rng), g(rng)};
    x.AppendRow(row);
    y_reg.push_back(2 * row[0] - row[1]);
    y_bin.push_back(row[0] + row[3] > 0 ? 1.0f : 0.0f);
  }
  vv::XgbParams params;
  params.n_estimators = 3;
  params.max_depth = 2;
  params.nthread = 1;
  VV_ASSIGN_OR_RETURN(std::string reg, vv::TrainXgboost(x, y_reg, params));
  vv::fuzz::WriteFile(dir / "reg.json", reg);
  params.objective = "binary:logistic";
  VV_ASSIGN_OR_RETURN(std::string bin, vv::TrainXgboost(x, y_bin, params));
  vv::fuzz::WriteFile(dir / "logistic.json", bin);
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: artifact_fuzz_seeds DIR\n");
    return 2;
  }
  const fs::path out = argv[1];
  for (const char* target : {"fasttext_fuzz", "xgboost_fuzz", "manifest_fuzz", "aliases_fuzz"}) {
    fs::create_directories(out / target);
  }
  if (auto st = FastTextSeeds(out / "fasttext_fuzz"); !st.ok()) return Fail(st.error());
  if (auto st = XgboostSeeds(out / "xgboost_fuzz"); !st.ok()) return Fail(st.error());
  // The manifest the fuzz registry's v1 really has (its checksums match), and variants.
  const fs::path version = vv::fuzz::ScratchRegistry() / vv::fuzz::kModel / "v1";
  auto manifest = vv::registry::ReadWholeFile(version / "manifest.json");
  if (!manifest.ok()) return Fail(manifest.error());
  vv::fuzz::WriteFile(out / "manifest_fuzz" / "vv.json", *manifest);
  auto m = nlohmann::json::parse(*manifest);
  m.erase("report");
  m["metrics"] = {{"mae_log", 0.1}};
  vv::fuzz::WriteFile(out / "manifest_fuzz" / "old_metrics.json", m.dump());
  m["format_version"] = 2;
  vv::fuzz::WriteFile(out / "manifest_fuzz" / "newer.json", m.dump());
  for (const auto& [name, text] : std::vector<std::pair<std::string, std::string>>{
           {"champion.json", R"({"champion": "v1", "history": []})"},
           {"promoted.json", R"({"champion": "v2", "challenger": "v1", "history": ["v1"]})"},
           {"challenger.json", R"({"challenger": "v2"})"},
           {"empty.json", "{}"}}) {
    vv::fuzz::WriteFile(out / "aliases_fuzz" / name, text);
  }
  return 0;
}
