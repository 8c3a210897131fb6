// `vv evaluate [--models ...] [--json] [--registry DIR] [--db URL]`
// Each model's champion is evaluated, or its challenger when none passed the gates yet.
//   without --db: the champions' held-out reports (stored at training) beside their baselines;
//   with --db:    the champions scored, without training, on every video of that store
//                 (protocols in src/train/score_store.h).
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>

#include "cli/verb.h"
#include "eval/report.h"
#include "registry/policy.h"
#include "registry/registry.h"
#include "train/dataset.h"
#include "train/score_store.h"

namespace vv::cli {
namespace {

using nlohmann::json;

// The requested models that have a champion; "all" = every model in the registry.
Result<std::vector<std::string>> ModelsToEvaluate(const registry::Registry& reg,
                                                  const std::string& flag) {
  VV_ASSIGN_OR_RETURN(std::vector<std::string> known, reg.Names());
  if (flag.empty() || flag == "all") return known;
  std::vector<std::string> out;
  std::string list = flag + ",";
  for (size_t start = 0, comma; (comma = list.find(',', start)) != std::string::npos;
       start = comma + 1) {
    const std::string name = list.substr(start, comma - start);
    if (name.empty()) continue;
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string names;
      for (const auto& k : known) names += (names.empty() ? "" : ", ") + k;
      return MakeError(ErrorCode::kInvalidArgument,
                       "no model '" + name + "' in " + reg.root().string() + " (has: " + names + ")",
                       "--models");
    }
    out.push_back(name);
  }
  return out;
}

// The champion, or the challenger when no version passed the gates yet (marked as such).
Result<std::pair<std::string, std::string>> VersionToEvaluate(const registry::Registry& reg,
                                                              const std::string& name) {
  VV_ASSIGN_OR_RETURN(json aliases, reg.Aliases(name));
  for (const char* alias : {"champion", "challenger"}) {
    if (aliases.contains(alias) && aliases[alias].is_string()) {
      return std::make_pair(std::string(alias), aliases[alias].get<std::string>());
    }
  }
  return MakeError(ErrorCode::kNotFound, "model " + name + " has no champion or challenger",
                   (reg.root() / name / "aliases.json").string());
}

Result<json> StoredEntry(const registry::Registry& reg, const std::string& name) {
  VV_ASSIGN_OR_RETURN(auto which, VersionToEvaluate(reg, name));
  VV_ASSIGN_OR_RETURN(json manifest, reg.ReadManifest(name, which.second));
  json entry = eval::EntryFromManifest(manifest);
  entry["alias"] = which.first;
  return entry;
}

Result<json> StoreEntry(const registry::Registry& reg, const std::string& name,
                        const Dataset& data) {
  VV_ASSIGN_OR_RETURN(auto which, VersionToEvaluate(reg, name));
  VV_ASSIGN_OR_RETURN(registry::LoadedModel loaded, reg.Load(name, which.second));
  VV_ASSIGN_OR_RETURN(json scored,
                      train::ScoreOnDataset(name, *loaded.model, data,
                                            loaded.manifest.value("training_config", json::object())));
  // Baselines are fitted on a training split; on a foreign store only the held-out ones exist.
  return json{{"version", loaded.version},
              {"alias", which.first},
              {"n", scored["n"]},
              {"metrics", scored["metrics"]},
              {"baselines", json::object()},
              {"held_out", eval::EntryFromManifest(loaded.manifest)}};
}

int RunEvaluate(std::vector<std::string> args) {
  CLI::App app{"Prints each champion's metrics beside its baselines; with --db, scores the "
               "champions on every video of another store.",
               args[0]};
  std::string models = "all", registry_dir, db;
  bool as_json = false, markdown = false;
  app.add_option("--models", models, "all, or a comma list of models");
  app.add_option("--registry", registry_dir, "registry directory (default: VV_REGISTRY, else models)");
  app.add_option("--db", db, "score the champions on this store instead of their held-out reports");
  app.add_flag("--json", as_json, "print {\"models\": {...}} as JSON");
  app.add_flag("--markdown", markdown, "print Markdown tables (docs/MODELS.md)");
  std::vector<std::string> reversed(args.rbegin(), args.rend() - 1);
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    return ExitCodeForParseError(app.exit(e));
  }
  auto policy = registry::DefaultRegistryPolicy();
  if (!policy.ok()) {
    std::fprintf(stderr, "vv evaluate: %s\n", policy.error().ToString().c_str());
    return 2;
  }
  const registry::Registry reg(registry::ResolveRegistryDir(registry_dir, policy->root));
  auto names = ModelsToEvaluate(reg, models);
  if (!names.ok()) {
    std::fprintf(stderr, "vv evaluate: %s\n", names.error().ToString().c_str());
    return 2;
  }
  std::optional<Dataset> data;
  if (!db.empty()) {
    auto store = OpenStore(db);
    if (!store.ok()) {
      std::fprintf(stderr, "vv evaluate: %s\n", store.error().ToString().c_str());
      return 1;
    }
    auto loaded = train::LoadDataset(**store);
    if (!loaded.ok()) {
      std::fprintf(stderr, "vv evaluate: %s\n", loaded.error().ToString().c_str());
      return 1;
    }
    data = std::move(*loaded);
    std::cerr << "scoring on " << (*store)->Describe() << ": "
              << train::DatasetSummary(*data).dump() << std::endl;
  }
  json out = {{"models", json::object()}};
  int failures = 0;
  for (const auto& name : *names) {
    auto entry = data ? StoreEntry(reg, name, *data) : StoredEntry(reg, name);
    if (!entry.ok()) {
      std::fprintf(stderr, "vv evaluate: %s: %s\n", name.c_str(), entry.error().ToString().c_str());
      ++failures;
      continue;
    }
    out["models"][name] = *entry;
    if (markdown && !as_json) {
      std::printf("### %s%s\n\nn = %s%s\n\n%s\n", name.c_str(),
                  (*entry)["alias"] == "challenger" ? " (challenger: failed its gates)" : "",
                  eval::FormatValue((*entry)["n"]).c_str(),
                  entry->contains("split") ? (", split " + (*entry)["split"].dump()).c_str() : "",
                  eval::FormatMarkdownTable(name, *entry).c_str());
    } else if (!as_json) {
      std::printf("%s%s (n = %s)\n%s\n", name.c_str(),
                  (*entry)["alias"] == "challenger" ? " [challenger]" : "",
                  eval::FormatValue((*entry)["n"]).c_str(),
                  eval::FormatTable(name, *entry).c_str());
    }
  }
  if (as_json) std::printf("%s\n", out.dump().c_str());
  if (names->empty()) std::fprintf(stderr, "vv evaluate: no models in %s\n", reg.root().c_str());
  return failures == 0 && !names->empty() ? 0 : 1;
}

const bool kRegistered = RegisterVerb(
    {"evaluate", "print each champion's metrics beside its baselines (or score it on --db)",
     RunEvaluate});

}  // namespace
}  // namespace vv::cli
