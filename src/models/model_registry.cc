#include <algorithm>
#include <map>

#include "models/model.h"

namespace vv {

namespace {

struct ModelKind {
  std::function<std::unique_ptr<ModelTrainer>()> trainer;
  ModelLoader loader;
};

std::map<std::string, ModelKind>& Kinds() {
  static std::map<std::string, ModelKind> kinds;
  return kinds;
}

const std::vector<std::string> kCanonicalOrder = {"velocity", "viral", "clickbait",
                                                  "genre",    "tags",  "anomaly"};

}  // namespace

bool RegisterModelKind(const std::string& name,
                       std::function<std::unique_ptr<ModelTrainer>()> trainer,
                       ModelLoader loader) {
  Kinds()[name] = ModelKind{std::move(trainer), std::move(loader)};
  return true;
}

std::vector<std::string> ModelKinds() {
  std::vector<std::string> out;
  for (const auto& name : kCanonicalOrder) {
    if (Kinds().count(name)) out.push_back(name);
  }
  for (const auto& [name, kind] : Kinds()) {
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

Result<std::unique_ptr<ModelTrainer>> MakeTrainer(const std::string& name) {
  auto it = Kinds().find(name);
  if (it == Kinds().end()) {
    return MakeError(ErrorCode::kNotFound, "unknown model '" + name + "'", "--models");
  }
  return it->second.trainer();
}

Result<std::unique_ptr<Model>> LoadModelFiles(const std::string& name,
                                              const std::filesystem::path& dir) {
  auto it = Kinds().find(name);
  if (it == Kinds().end()) {
    return MakeError(ErrorCode::kNotFound, "unknown model '" + name + "'", dir.string());
  }
  return it->second.loader(dir);
}

}  // namespace vv
