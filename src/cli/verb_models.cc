// `vv models list|show NAME|promote NAME VERSION|rollback NAME [--json] [--registry DIR]`.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/verb.h"
#include "eval/report.h"
#include "registry/policy.h"
#include "registry/registry.h"

namespace vv::cli {
namespace {

using nlohmann::json;

int Fail(const std::string& what, const Error& e) {
  std::fprintf(stderr, "vv models %s: %s\n", what.c_str(), e.ToString().c_str());
  return 1;
}

json ListJson(const registry::Registry& reg, Status& status) {
  json out = json::array();
  auto names = reg.Names();
  if (!names.ok()) {
    status = names.take_error();
    return out;
  }
  for (const auto& name : *names) {
    auto versions = reg.Versions(name);
    if (!versions.ok()) {
      status = versions.take_error();
      return out;
    }
    for (const auto& v : *versions) {
      json metrics = v.manifest.contains("report")
                         ? v.manifest["report"].value("metrics", json::object())
                         : json::object();
      json row = {{"name", v.name},       {"version", v.version},
                  {"aliases", v.aliases}, {"created_at", v.created_at},
                  {"metrics", metrics}};
      if (v.manifest.contains("error")) row["error"] = v.manifest["error"];
      out.push_back(row);
    }
  }
  return out;
}

std::string JoinAliases(const json& aliases) {
  std::string out;
  for (const auto& a : aliases) out += (out.empty() ? "" : ",") + a.get<std::string>();
  return out.empty() ? "-" : out;
}

// A few headline metrics for the text listing (all of them are in --json).
std::string Headline(const json& metrics) {
  std::string out;
  int shown = 0;
  for (const auto& [metric, value] : eval::FlattenMetrics(metrics)) {
    if (metric.find('.') != std::string::npos || shown == 4) continue;
    out += (out.empty() ? "" : " ") + metric + "=" + eval::FormatValue(value);
    ++shown;
  }
  return out;
}

int RunList(const registry::Registry& reg, bool as_json) {
  Status status;
  json rows = ListJson(reg, status);
  if (!status.ok()) return Fail("list", status.error());
  if (as_json) {
    std::printf("%s\n", rows.dump().c_str());
    return 0;
  }
  if (rows.empty()) {
    std::printf("no models in %s (train some with `vv train`)\n", reg.root().c_str());
    return 0;
  }
  std::printf("%-10s %-8s %-22s %-21s %s\n", "NAME", "VERSION", "ALIASES", "CREATED", "METRICS");
  for (const auto& r : rows) {
    std::printf("%-10s %-8s %-22s %-21s %s\n", r["name"].get<std::string>().c_str(),
                r["version"].get<std::string>().c_str(),
                JoinAliases(r["aliases"]).c_str(),
                r["created_at"].get<std::string>().c_str(), Headline(r["metrics"]).c_str());
  }
  return 0;
}

int RunShow(const registry::Registry& reg, const std::string& name, const std::string& version_arg,
            bool as_json) {
  auto aliases = reg.Aliases(name);
  if (!aliases.ok()) return Fail("show", aliases.error());
  std::string version = version_arg;
  if (version.empty()) version = aliases->value("champion", "");
  if (version.empty()) {
    auto versions = reg.Versions(name);
    if (!versions.ok()) return Fail("show", versions.error());
    if (versions->empty()) {
      return Fail("show", MakeError(ErrorCode::kNotFound, "no versions of model " + name,
                                    reg.root().string()));
    }
    version = versions->back().version;
  }
  auto manifest = reg.ReadManifest(name, version);
  if (!manifest.ok()) return Fail("show", manifest.error());
  if (as_json) {
    std::printf("%s\n", json({{"aliases", *aliases}, {"manifest", *manifest}}).dump().c_str());
    return 0;
  }
  std::printf("%s %s  created %s  aliases %s\n", name.c_str(), version.c_str(),
              manifest->value("created_at", "").c_str(), aliases->dump().c_str());
  std::printf("dataset %s\nfeature schema %s\nconfig %s\n",
              manifest->value("dataset_fingerprint", "").c_str(),
              manifest->value("feature_schema_hash", "").c_str(),
              manifest->value("training_config", json::object()).dump().c_str());
  const json split = (*manifest)["report"].value("split", json());
  if (!split.is_null()) std::printf("split %s\n", split.dump().c_str());
  std::printf("\n%s", eval::FormatTable(name, eval::EntryFromManifest(*manifest)).c_str());
  return 0;
}

int RunModels(std::vector<std::string> args) {
  CLI::App app{"Lists, inspects, promotes and rolls back model versions in the registry.",
               args[0]};
  std::string registry_dir, name, version;
  bool as_json = false;
  app.add_option("--registry", registry_dir, "registry directory (default: VV_REGISTRY, else models)");
  app.add_flag("--json", as_json, "machine-readable output");
  app.require_subcommand(1);
  auto* list = app.add_subcommand("list", "every version of every model, with aliases and metrics");
  auto* show = app.add_subcommand("show", "a version's manifest and report (default: champion)");
  show->add_option("name", name, "model name")->required();
  show->add_option("version", version, "version (default: the champion)");
  auto* promote = app.add_subcommand("promote", "make VERSION the champion of NAME");
  promote->add_option("name", name, "model name")->required();
  promote->add_option("version", version, "version, e.g. v3")->required();
  auto* rollback = app.add_subcommand("rollback", "make the previous champion of NAME champion again");
  rollback->add_option("name", name, "model name")->required();
  for (auto* sub : {list, show, promote, rollback}) sub->fallthrough();
  std::vector<std::string> reversed(args.rbegin(), args.rend() - 1);
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    return ExitCodeForParseError(app.exit(e));
  }
  auto policy = registry::DefaultRegistryPolicy();
  if (!policy.ok()) {
    std::fprintf(stderr, "vv models: %s\n", policy.error().ToString().c_str());
    return 2;
  }
  const registry::Registry reg(registry::ResolveRegistryDir(registry_dir, policy->root));
  if (list->parsed()) return RunList(reg, as_json);
  if (show->parsed()) return RunShow(reg, name, version, as_json);
  if (promote->parsed()) {
    Status st = reg.Promote(name, version);
    if (!st.ok()) return Fail("promote", st.error());
    if (as_json) {
      std::printf("%s\n", json({{"name", name}, {"champion", version}}).dump().c_str());
    } else {
      std::printf("%s: champion is now %s\n", name.c_str(), version.c_str());
    }
    return 0;
  }
  auto back = reg.Rollback(name);
  if (!back.ok()) return Fail("rollback", back.error());
  if (as_json) {
    std::printf("%s\n", json({{"name", name}, {"champion", *back}}).dump().c_str());
  } else {
    std::printf("%s: rolled back, champion is now %s\n", name.c_str(), back->c_str());
  }
  return 0;
}

const bool kRegistered = RegisterVerb(
    {"models", "list, show, promote or roll back model versions in the registry", RunModels});

}  // namespace
}  // namespace vv::cli
