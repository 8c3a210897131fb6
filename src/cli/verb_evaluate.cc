// `vv evaluate [--models ...] [--json] [--registry DIR] [--db URL]`
// Each model's champion is evaluated, or its challenger when none passed the gates yet.
//   without --db: the champions' held-out reports (stored at training) beside their baselines;
//   with --db:    the champions scored, without training, on every video of that store, beside
//                 their baselines fitted on --train-db and scored on the same units (protocols
//                 in src/train/score_store.h, baselines in src/train/store_baselines.h), with a
//                 verdict per judged metric (src/train/verdicts.h). A model the store cannot
//                 score is skipped with its reason; the exit code is 0 when one was scored.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <optional>
#include <tuple>

#include "cli/verb.h"
#include "eval/report.h"
#include "registry/policy.h"
#include "registry/registry.h"
#include "train/dataset.h"
#include "train/foreign_eval.h"
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

// A store to score on, loaded once.
Result<Dataset> LoadStore(const std::string& url, const char* role) {
  VV_ASSIGN_OR_RETURN(auto store, OpenStore(url));
  VV_ASSIGN_OR_RETURN(Dataset data, train::LoadDataset(*store));
  std::cerr << role << " " << store->Describe() << ": " << train::DatasetSummary(data).dump()
            << std::endl;
  return data;
}

struct StoreOptions {
  const Dataset* data = nullptr;        // the store scored on (--db)
  const Dataset* train_data = nullptr;  // the store baselines are fitted on (--train-db)
  train::ForeignOptions foreign;
};

// The model (and its baselines, fitted on the training store) scored on the same units of the
// store, with verdicts.
Result<json> StoreEntry(const registry::Registry& reg, const std::string& name,
                        const StoreOptions& options) {
  VV_ASSIGN_OR_RETURN(auto which, VersionToEvaluate(reg, name));
  VV_ASSIGN_OR_RETURN(registry::LoadedModel loaded, reg.Load(name, which.second));
  VV_ASSIGN_OR_RETURN(
      json entry,
      train::EvaluateOnStore(name, std::move(loaded.model),
                             loaded.manifest.value("training_config", json::object()),
                             *options.data, options.train_data, options.foreign));
  entry["version"] = loaded.version;
  entry["alias"] = which.first;
  entry["held_out"] = eval::EntryFromManifest(loaded.manifest);
  return entry;
}

void PrintEntry(const std::string& name, const json& entry, bool markdown) {
  const bool challenger = entry["alias"] == "challenger";
  if (markdown) {
    std::printf("### %s%s\n\nn = %s%s\n\n%s\n", name.c_str(),
                challenger ? " (challenger: failed its gates)" : "",
                eval::FormatValue(entry["n"]).c_str(),
                entry.contains("split") ? (", split " + entry["split"].dump()).c_str() : "",
                eval::FormatMarkdownTable(name, entry).c_str());
    if (entry.contains("verdicts") && !entry["verdicts"].empty()) {
      std::printf("%s\n", train::VerdictsMarkdown(entry["verdicts"]).c_str());
    }
  } else {
    std::printf("%s%s (n = %s)\n%s\n", name.c_str(), challenger ? " [challenger]" : "",
                eval::FormatValue(entry["n"]).c_str(), eval::FormatTable(name, entry).c_str());
    for (const auto& r : entry.value("verdicts", json::array())) {
      std::printf("  %s: %s\n", r.value("metric", "").c_str(), r.value("verdict", "").c_str());
    }
  }
  for (const auto& why : entry.value("skipped", json::array())) {
    std::fprintf(stderr, "vv evaluate: %s: %s\n", name.c_str(), why.get<std::string>().c_str());
  }
}

int RunEvaluate(std::vector<std::string> args) {
  CLI::App app{"Prints each champion's metrics beside its baselines; with --db, scores the "
               "champions and their baselines (fitted on --train-db) on the same units of "
               "another store.",
               args[0]};
  std::string models = "all", registry_dir, db, train_db;
  bool as_json = false, markdown = false, exclude_shared = false;
  StoreOptions options;
  app.add_option("--models", models, "all, or a comma list of models");
  app.add_option("--registry", registry_dir, "registry directory (default: VV_REGISTRY, else models)");
  app.add_option("--db", db, "score the champions on this store instead of their held-out reports");
  app.add_option("--train-db", train_db,
                 "with --db: the training store the baselines are fitted on");
  app.add_flag("--exclude-shared", exclude_shared,
               "with --train-db: drop the videos (by id or channel) the training store also holds");
  app.add_option("--min-n", options.foreign.min_n, "units needed for a verdict (default 200)");
  app.add_option("--inject-share", options.foreign.inject_share,
                 "anomaly, on a store without labels: share of videos given an injected anomaly")
      ->check(CLI::Range(0.001, 0.5));
  app.add_option("--inject-seed", options.foreign.inject_seed, "seed of the injected anomalies");
  app.add_flag("--json", as_json, "print {\"models\": {...}, \"skipped\": {...}} as JSON");
  app.add_flag("--markdown", markdown, "print Markdown tables (docs/MODELS.md)");
  std::vector<std::string> reversed(args.rbegin(), args.rend() - 1);
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    return ExitCodeForParseError(app.exit(e));
  }
  if (exclude_shared && train_db.empty()) {
    std::fprintf(stderr, "vv evaluate: --exclude-shared needs --train-db\n");
    return 2;
  }
  if (!train_db.empty() && db.empty()) {
    std::fprintf(stderr, "vv evaluate: --train-db needs --db (the store to score on)\n");
    return 2;
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
  std::optional<Dataset> data, train_data;
  for (auto [url, slot, role] : {std::tuple{&db, &data, "scoring on"},
                                 std::tuple{&train_db, &train_data, "baselines fitted on"}}) {
    if (url->empty()) continue;
    auto loaded = LoadStore(*url, role);
    if (!loaded.ok()) {
      std::fprintf(stderr, "vv evaluate: %s\n", loaded.error().ToString().c_str());
      return 1;
    }
    *slot = std::move(loaded).value();
  }
  json out = {{"models", json::object()}, {"skipped", json::object()}};
  if (exclude_shared) {
    json dropped;
    data = train::WithoutShared(*data, *train_data, &dropped);
    std::cerr << "left out, shared with the training store: " << dropped.dump() << std::endl;
    out["excluded_shared"] = dropped;
  }
  options.data = data ? &*data : nullptr;
  options.train_data = train_data ? &*train_data : nullptr;
  for (const auto& name : *names) {
    auto entry = data ? StoreEntry(reg, name, options) : StoredEntry(reg, name);
    if (!entry.ok()) {
      // One model this store cannot score does not hide the others.
      std::fprintf(stderr, "vv evaluate: %s skipped: %s\n", name.c_str(),
                   entry.error().ToString().c_str());
      out["skipped"][name] = entry.error().ToString();
      continue;
    }
    out["models"][name] = *entry;
    if (!as_json) PrintEntry(name, *entry, markdown);
  }
  if (as_json) std::printf("%s\n", out.dump().c_str());
  if (names->empty()) std::fprintf(stderr, "vv evaluate: no models in %s\n", reg.root().c_str());
  if (!out["skipped"].empty()) {
    std::fprintf(stderr, "vv evaluate: scored %zu of %zu models\n", out["models"].size(), names->size());
  }
  return out["models"].empty() ? 1 : 0;
}

const bool kRegistered = RegisterVerb(
    {"evaluate", "print each champion's metrics beside its baselines (or score it on --db)",
     RunEvaluate});

}  // namespace
}  // namespace vv::cli
