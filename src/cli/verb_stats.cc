// `vv stats`: what the store holds.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/verb.h"
#include "core/categories.h"
#include "core/time_util.h"
#include "store/store.h"

namespace vv::cli {
namespace {

// Region-independent names first, then the first region's, then YouTube's defaults.
std::map<int, std::string> CategoryNames(Store& store) {
  std::map<int, std::string> names;
  auto loaded = store.LoadCategories();
  if (loaded.ok()) {
    for (const auto& c : *loaded) {
      if (c.region.empty() || !names.count(c.id)) names[c.id] = c.name;
    }
  }
  return names;
}

nlohmann::json OptTime(const std::optional<Timestamp>& t) {
  return t ? nlohmann::json(FormatIso8601(*t)) : nlohmann::json(nullptr);
}

nlohmann::json StatsJson(const Store& store, const StoreStats& s,
                         const std::map<int, std::string>& names) {
  nlohmann::json categories = nlohmann::json::array();
  for (const auto& c : s.per_category) {
    auto it = names.find(c.category_id);
    categories.push_back({{"id", c.category_id},
                          {"name", it != names.end() ? it->second : CategoryName(c.category_id)},
                          {"videos", c.videos}});
  }
  return {{"store", store.Describe()},
          {"schema_version", store.SchemaVersion()},
          {"channels", s.channels},
          {"videos", s.videos},
          {"snapshots", s.snapshots},
          {"labelled_titles", s.labelled_titles},
          {"first_snapshot", OptTime(s.first_snapshot)},
          {"last_snapshot", OptTime(s.last_snapshot)},
          {"first_published", OptTime(s.first_published)},
          {"last_published", OptTime(s.last_published)},
          {"per_category", categories}};
}

void PrintText(const nlohmann::json& j) {
  auto range = [](const nlohmann::json& a, const nlohmann::json& b) {
    if (a.is_null()) return std::string("-");
    return a.get<std::string>() + " .. " + b.get<std::string>();
  };
  std::printf("store            %s (schema %d)\n", j["store"].get<std::string>().c_str(),
              j["schema_version"].get<int>());
  for (const char* key : {"channels", "videos", "snapshots", "labelled_titles"}) {
    std::printf("%-16s %lld\n", key, j[key].get<long long>());
  }
  std::printf("snapshots from   %s\n", range(j["first_snapshot"], j["last_snapshot"]).c_str());
  std::printf("published from   %s\n", range(j["first_published"], j["last_published"]).c_str());
  if (j["per_category"].empty()) return;
  std::printf("videos per category:\n");
  for (const auto& c : j["per_category"]) {
    std::printf("  %3d  %-24s %lld\n", c["id"].get<int>(), c["name"].get<std::string>().c_str(),
                c["videos"].get<long long>());
  }
}

int RunStats(std::vector<std::string> args) {
  CLI::App app{
      "Counts what the store holds: channels, videos, snapshots, labelled titles, "
      "videos per category, date ranges.",
      args[0]};
  std::string db;
  bool json = false;
  app.add_option("--db", db, "store URL (default: VV_DB, else sqlite:var/vv.db)");
  app.add_flag("--json", json, "print one JSON object");
  std::vector<std::string> reversed(args.rbegin(), args.rend() - 1);  // CLI11 wants them reversed
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    return ExitCodeForParseError(app.exit(e));
  }
  auto store = OpenStore(ResolveStoreUrl(db));
  if (!store.ok()) {
    std::fprintf(stderr, "vv stats: %s\n", store.error().ToString().c_str());
    return 1;
  }
  auto stats = (*store)->Stats();
  if (!stats.ok()) {
    std::fprintf(stderr, "vv stats: %s\n", stats.error().ToString().c_str());
    return 1;
  }
  nlohmann::json j = StatsJson(**store, *stats, CategoryNames(**store));
  auto partial = PartialStoreWarning(**store);
  if (!partial.ok()) {
    std::fprintf(stderr, "vv stats: %s\n", partial.error().ToString().c_str());
    return 1;
  }
  j["partial"] = partial->empty() ? nlohmann::json(nullptr) : nlohmann::json(*partial);
  if (!partial->empty()) std::fprintf(stderr, "vv stats: WARNING: %s\n", partial->c_str());
  if (json) {
    std::printf("%s\n", j.dump().c_str());
  } else {
    PrintText(j);
  }
  return 0;
}

const bool kRegistered = RegisterVerb(
    {"stats", "counts of channels, videos, snapshots and categories in the store", RunStats});

}  // namespace
}  // namespace vv::cli
