#pragma once
// Shared by the model artifact fuzz targets (tests/fuzz/*_fuzz.cc) and their seed writer: a
// scratch registry of the test-only `test_mean` model, and the walk a server makes through one
// model's registry entry. Nothing here catches: an exception escaping a target is a finding.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "eval/report.h"
#include "registry/registry.h"
#include "serve/model_set.h"
#include "serve/model_source.h"
#include "testing/mean_model.h"

namespace vv::fuzz {

inline constexpr char kModel[] = "test_mean";

inline void WriteFile(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline const std::filesystem::path& ScratchRegistry();
inline void RemoveScratchRegistry() {
  std::error_code ec;
  std::filesystem::remove_all(ScratchRegistry(), ec);
}

// test_mean v1 (mean 1.5, the champion) and v2 (mean 2.5), in a directory of this process (on
// tmpfs when there is one: the targets rewrite a file per input). Made once, removed at exit.
inline const std::filesystem::path& ScratchRegistry() {
  static const std::filesystem::path root = [] {
    vv::testing::RegisterTestModelKinds();
    std::filesystem::path base = std::filesystem::exists("/dev/shm")
                                     ? std::filesystem::path("/dev/shm")
                                     : std::filesystem::temp_directory_path();
    auto dir = base / ("vv-fuzz-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    registry::Registry reg(dir);
    for (double mean : {1.5, 2.5}) {
      registry::PublishInfo info;
      info.report = {{"n", 10}, {"metrics", {{"mae_log", mean / 10}}}};
      if (!reg.Publish(kModel, vv::testing::MeanModel(mean), info).ok()) std::abort();
    }
    if (!reg.Promote(kModel, "v1").ok()) std::abort();
    return dir;
  }();
  // Registered once root exists, so that it runs before root is destroyed.
  static const bool removed_at_exit = std::atexit(RemoveScratchRegistry) == 0;
  (void)removed_at_exit;
  return root;
}

// What a server would answer must be JSON that dumps (valid UTF-8 throughout).
inline void Dump(const nlohmann::json& j) { (void)j.dump(); }
template <typename T>
void Dump(const Result<T>& r) {
  if (r.ok()) {
    Dump(nlohmann::json(*r));
  } else {
    Dump(nlohmann::json{{"error", r.error().ToString()}, {"path", r.error().path}});
  }
}

// Resolve, verify, load, list, describe and reload, as `vv serve` and `vv models` do.
inline void ExerciseRegistry(const std::filesystem::path& root) {
  registry::Registry reg(root);
  Dump(reg.Aliases(kModel));
  (void)reg.Champion(kModel);
  for (const char* ref : {"test_mean@champion", "test_mean@challenger", "test_mean@v1"}) {
    auto loaded = reg.LoadRef(ref);
    if (loaded.ok()) Dump(loaded->manifest);
  }
  auto versions = reg.Versions(kModel);
  if (versions.ok()) {
    for (const auto& v : *versions) Dump(eval::EntryFromManifest(v.manifest));
  }
  auto manifest = reg.ReadManifest(kModel, "v1");
  if (manifest.ok()) {
    registry::FileHashCache cache;
    (void)reg.VerifyFiles(kModel, "v1", *manifest, &cache);
    Dump(serve::ManifestReport(*manifest));
    Dump(eval::EntryFromManifest(*manifest));
  }
  auto source = serve::MakeRegistrySource(root);
  Dump(source->ListModels());
  Dump(source->DescribeModel(kModel));
  serve::ModelSet models({kModel}, source);
  for (auto check : {serve::ContentCheck::kHashAll, serve::ContentCheck::kHashChanged}) {
    auto report = models.Reload(check);
    if (!report.ok()) std::abort();  // Reload reports per model; it has no error of its own
    Dump(report->models);
    if (report->first_error) Dump(nlohmann::json(report->first_error->ToString()));
  }
}

}  // namespace vv::fuzz
