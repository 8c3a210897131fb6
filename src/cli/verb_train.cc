// `vv train [--models all|velocity,viral,...] [--config FILE] [--db URL] [--registry DIR]`
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>

#include "cli/verb.h"
#include "eval/report.h"
#include "registry/policy.h"
#include "registry/registry.h"
#include "train/config.h"
#include "train/dataset.h"
#include "train/pipeline.h"

namespace vv::cli {
namespace {

constexpr const char* kDefaultConfig = "config/training.yaml";

// The explicit --config must exist; the default file is optional (built-in defaults).
Result<train::TrainingConfig> LoadConfig(const std::string& flag) {
  if (!flag.empty()) return train::LoadTrainingConfig(flag);
  if (std::filesystem::exists(kDefaultConfig)) return train::LoadTrainingConfig(kDefaultConfig);
  std::fprintf(stderr, "vv train: %s not found, using built-in defaults\n", kDefaultConfig);
  return train::DefaultTrainingConfig();
}

void PrintSummary(const train::TrainSummary& summary) {
  std::printf("%-10s %-8s %-9s %-9s %s\n", "MODEL", "VERSION", "STATUS", "SECONDS", "NOTE");
  for (const auto& m : summary.models) {
    const std::string status = !m.error.empty() ? "FAILED" : m.promoted ? "champion" : "challenger";
    std::string note = m.error;
    if (note.empty() && !m.gate_failures.empty()) note = "gates: " + m.gate_failures.front();
    std::printf("%-10s %-8s %-9s %-9.2f %s\n", m.name.c_str(),
                m.version.empty() ? "-" : m.version.c_str(), status.c_str(), m.seconds,
                note.c_str());
  }
}

// Models trained on half a data set look fine and are not: a partial store is refused unless
// the caller says otherwise, and then still named in the log.
Status CheckWholeStore(Store& store, bool allow_partial) {
  VV_ASSIGN_OR_RETURN(std::string warning, PartialStoreWarning(store));
  if (warning.empty()) return {};
  if (!allow_partial) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     warning + " (or pass --allow-partial to train on it anyway)", store.Describe());
  }
  std::fprintf(stderr, "vv train: WARNING (--allow-partial): %s\n", warning.c_str());
  return {};
}

// A `vv train` killed mid-publish leaves a staging folder; this run removes it and says so.
void RemoveRegistryLeftovers(const registry::Registry& reg) {
  auto leftovers = reg.RemoveLeftovers();
  if (!leftovers.ok()) {
    std::fprintf(stderr, "vv train: registry: looking for leftovers of killed runs: %s\n",
                 leftovers.error().ToString().c_str());
    return;
  }
  for (const registry::Leftover& l : *leftovers) {
    std::fprintf(stderr, "registry: %s leftover %s of an unfinished write: %s\n",
                 l.removed ? "removed" : "could not remove", l.path.c_str(), l.reason.c_str());
  }
}

int RunTrain(std::vector<std::string> args) {
  CLI::App app{"Trains the models on the store, writes registry versions and promotes those that "
               "pass the quality gates. Progress goes to stderr.",
               args[0]};
  std::string models = "all", config_path, db, registry_dir, gate_db;
  bool as_json = false, no_promote = false, allow_partial = false;
  app.add_option("--models", models, "all, or a comma list: velocity,viral,clickbait,genre,tags,anomaly");
  app.add_option("--config", config_path, std::string("training config (default: ") + kDefaultConfig + ")");
  app.add_option("--db", db, "store URL (default: VV_DB, else sqlite:var/vv.db)");
  app.add_option("--registry", registry_dir, "registry directory (default: VV_REGISTRY, else models)");
  app.add_option("--gate-db", gate_db,
                 "off-domain gate: a store the models never saw; a model that loses to its "
                 "baseline there (n >= 200) is not promoted");
  app.add_flag("--no-promote", no_promote, "write versions but never move the champion alias");
  app.add_flag("--json", as_json, "print the outcome of each model as JSON on stdout");
  app.add_flag("--allow-partial", allow_partial,
               "train even when the store is marked partial (a vv generate that never finished)");
  std::vector<std::string> reversed(args.rbegin(), args.rend() - 1);
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    return ExitCodeForParseError(app.exit(e));
  }
  // Everything the user typed is checked before any work.
  auto config = LoadConfig(config_path);
  if (!config.ok()) {
    std::fprintf(stderr, "vv train: %s\n", config.error().ToString().c_str());
    return 2;
  }
  auto names = train::ResolveModelList(models);
  if (!names.ok()) {
    std::fprintf(stderr, "vv train: %s\n", names.error().ToString().c_str());
    return 2;
  }
  auto policy = registry::DefaultRegistryPolicy();
  if (!policy.ok()) {
    std::fprintf(stderr, "vv train: %s\n", policy.error().ToString().c_str());
    return 2;
  }
  const auto t0 = std::chrono::steady_clock::now();
  auto store = OpenStore(ResolveStoreUrl(db));
  if (!store.ok()) {
    std::fprintf(stderr, "vv train: %s\n", store.error().ToString().c_str());
    return 1;
  }
  if (Status whole = CheckWholeStore(**store, allow_partial); !whole.ok()) {
    std::fprintf(stderr, "vv train: %s\n", whole.error().ToString().c_str());
    return 1;
  }
  auto data = train::LoadDataset(**store);
  if (!data.ok()) {
    std::fprintf(stderr, "vv train: loading %s: %s\n", (*store)->Describe().c_str(),
                 data.error().ToString().c_str());
    return 1;
  }
  std::cerr << "loaded " << train::DatasetSummary(*data).dump() << " from " << (*store)->Describe()
            << " in "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()
            << " s" << std::endl;
  train::TrainRequest request{*names, *config, !no_promote};
  std::optional<Dataset> gate_data;
  if (!gate_db.empty()) {
    auto gate_store = OpenStore(gate_db);
    auto loaded = gate_store.ok() ? train::LoadDataset(**gate_store) : Result<Dataset>(gate_store.error());
    if (!loaded.ok()) {
      std::fprintf(stderr, "vv train: --gate-db: %s\n", loaded.error().ToString().c_str());
      return 1;
    }
    nlohmann::json dropped;
    gate_data = train::WithoutShared(*loaded, *data, &dropped);
    std::cerr << "off-domain gate store " << (*gate_store)->Describe() << ": "
              << train::DatasetSummary(*gate_data).dump() << ", left out as shared "
              << dropped.dump() << std::endl;
    request.gate_data = &*gate_data;
  }
  const registry::Registry reg(registry::ResolveRegistryDir(registry_dir, policy->root));
  RemoveRegistryLeftovers(reg);
  const train::TrainSummary summary = train::RunTraining(*data, request, reg, std::cerr);
  for (const auto& m : summary.models) {
    if (m.version.empty()) continue;
    auto removed = registry::PruneVersions(reg, m.name, policy->keep_versions);
    if (!removed.ok()) {
      std::fprintf(stderr, "vv train: pruning %s: %s\n", m.name.c_str(),
                   removed.error().ToString().c_str());
    } else if (!removed->empty()) {
      std::fprintf(stderr, "%s: removed %zu old versions (keep_versions %d)\n", m.name.c_str(),
                   removed->size(), policy->keep_versions);
    }
  }
  if (as_json) {
    std::printf("%s\n", nlohmann::json({{"models", summary.ToJson()}}).dump().c_str());
  } else {
    PrintSummary(summary);
  }
  return summary.AllOk() ? 0 : 1;
}

const bool kRegistered = RegisterVerb(
    {"train", "train the models, write registry versions, promote those passing the gates",
     RunTrain});

}  // namespace
}  // namespace vv::cli
