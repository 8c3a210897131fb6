// `vv drift --db URL [--since ISO] [--json]`: the store's recent videos against older ones, per
// base feature: PSI, KS and an ok / warn / drift status (src/monitor).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include "cli/verb.h"
#include "core/time_util.h"
#include "monitor/base_drift.h"
#include "monitor/store_sample.h"
#include "store/store.h"

namespace vv::cli {
namespace {

std::string Num(const nlohmann::json& v) {
  return v.is_number() ? fmt::format("{:.4f}", v.get<double>()) : std::string("-");
}

void PrintTable(const nlohmann::json& report) {
  const auto& w = report["window"];
  std::printf("reference: %s videos published before %s\ncurrent:   %s videos since then\n\n",
              w["reference"]["videos"].dump().c_str(), w["since"].get<std::string>().c_str(),
              w["current"]["videos"].dump().c_str());
  std::printf("%-28s %9s %9s %9s %9s %7s %7s  %s\n", "feature", "psi", "psi_p", "ks", "ks_p",
              "n_ref", "n_cur", "status");
  for (const auto& f : report["features"]) {
    std::printf("%-28s %9s %9s %9s %9s %7s %7s  %s\n", f["name"].get<std::string>().c_str(),
                Num(f["psi"]).c_str(), Num(f["psi_p_value"]).c_str(), Num(f["ks"]).c_str(),
                Num(f["ks_p_value"]).c_str(),
                f["n_reference"].dump().c_str(), f["n_current"].dump().c_str(),
                f["status"].get<std::string>().c_str());
  }
  std::printf("\noverall: %s (PSI warn >= %.2f, drift >= %.2f; KS warn >= %.2f, drift >= %.2f; "
              "each only when its p < %.2f)\n",
              report["status"].get<std::string>().c_str(),
              report["thresholds"]["psi_warn"].get<double>(),
              report["thresholds"]["psi_drift"].get<double>(),
              report["thresholds"]["ks_warn"].get<double>(),
              report["thresholds"]["ks_drift"].get<double>(),
              report["thresholds"]["alpha"].get<double>());
}

int RunDrift(std::vector<std::string> args) {
  CLI::App app{"Compares the store's recent videos (published since --since) with older ones on "
               "base features: PSI, KS and an ok / warn / drift status per feature. Exit 0 "
               "whatever the verdict; 1 when the store cannot be read or a side is empty.",
               args[0]};
  const char* env_db = std::getenv("VV_DB");
  std::string db = env_db && *env_db ? env_db : "sqlite:var/vv.db";
  std::string since_text;
  bool as_json = false;
  app.add_option("--db", db, "store URL (default: VV_DB, else sqlite:var/vv.db)");
  app.add_option("--since", since_text,
                 "ISO 8601 start of the current window (default: 7 days before the newest video)");
  app.add_flag("--json", as_json, "print the report as JSON");
  std::vector<std::string> reversed(args.rbegin(), args.rend() - 1);
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    return ExitCodeForParseError(app.exit(e));
  }
  std::optional<Timestamp> since;
  if (!since_text.empty()) {
    auto parsed = ParseIso8601(since_text);
    if (!parsed.ok()) {
      std::fprintf(stderr, "vv drift: --since: %s\n", parsed.error().ToString().c_str());
      return 2;
    }
    since = *parsed;
  }
  auto store = OpenStore(db);
  if (!store.ok()) {
    std::fprintf(stderr, "vv drift: %s\n", store.error().ToString().c_str());
    return 1;
  }
  auto sample = monitor::LoadStoreSample(**store);
  if (!sample.ok()) {
    std::fprintf(stderr, "vv drift: %s\n", sample.error().ToString().c_str());
    return 1;
  }
  auto report = monitor::CompareRecentToOlder(*sample, since, monitor::DriftThresholds{});
  if (!report.ok()) {
    std::fprintf(stderr, "vv drift: %s\n", report.error().ToString().c_str());
    return 1;
  }
  nlohmann::json j = report->ToJson();
  j["window"]["store"] = (*store)->Describe();
  if (as_json) {
    std::printf("%s\n", j.dump().c_str());
  } else {
    PrintTable(j);
  }
  return 0;
}

const bool kRegistered = RegisterVerb(
    {"drift", "compare recent videos with older ones per feature (PSI, KS)", RunDrift});

}  // namespace
}  // namespace vv::cli
