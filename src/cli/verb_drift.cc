// `vv drift --db URL [--since ISO] [--json] [--config FILE] [--fail-on drift|warn|never]
// [--no-record] [--history N]`: the store's recent videos against older ones, per base feature:
// PSI, KS and an ok / warn / drift status (src/monitor), with the thresholds of config/serve.yaml;
// the report is stored in the drift history. Exit 3 when drift is found, so that a scheduled
// job can alert.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <algorithm>
#include <chrono>
#include <cstdlib>

#include <fmt/format.h>

#include "cli/verb.h"
#include "core/time_util.h"
#include "monitor/base_drift.h"
#include "monitor/drift_history.h"
#include "monitor/store_sample.h"
#include "serve/config_file.h"
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

// Exit codes (docs/MONITORING.md): a scheduled job alerts on kExitDrift.
constexpr int kExitError = 1;   // the store cannot be read, a side is empty, bad config
constexpr int kExitUsage = 2;   // a bad flag
constexpr int kExitDrift = 3;   // a column reached --fail-on

void PrintHistory(const nlohmann::json& history) {
  std::printf("%-20s %-6s %-12s %-22s %s\n", "computed_at", "source", "status", "instance",
              "drifting columns");
  for (const auto& r : history["reports"]) {
    std::string drifting;
    for (const auto& c : r["columns"]) {
      if (c["status"] == "drift") drifting += (drifting.empty() ? "" : ", ") + c["name"].get<std::string>();
    }
    std::printf("%-20s %-6s %-12s %-22s %s\n", r["computed_at"].get<std::string>().c_str(),
                r["source"].get<std::string>().c_str(), r["status"].get<std::string>().c_str(),
                r["instance"].get<std::string>().c_str(), drifting.empty() ? "-" : drifting.c_str());
  }
}

// Prints the stored reports, newest first, instead of computing one.
int ShowHistory(Store& store, int limit, bool as_json) {
  auto reports = store.LoadDriftHistory({.limit = limit});
  if (!reports.ok()) {
    std::fprintf(stderr, "vv drift: %s\n", reports.error().ToString().c_str());
    return kExitError;
  }
  nlohmann::json history = monitor::DriftHistoryJson(*reports);
  if (as_json) {
    std::printf("%s\n", history.dump().c_str());
  } else {
    PrintHistory(history);
  }
  return 0;
}

int RunDrift(std::vector<std::string> args) {
  CLI::App app{"Compares the store's recent videos (published since --since) with older ones on "
               "base features: PSI, KS and an ok / warn / drift status per feature, with the "
               "thresholds of --config (drift.*), and stores the report in the drift history "
               "(GET /v1/drift/history). Exit codes: 0 no column reached --fail-on; 3 drift "
               "found (a column reached --fail-on); 1 the store cannot be read, a side is empty "
               "or the config is invalid; 2 a bad flag.",
               args[0]};
  const char* env_db = std::getenv("VV_DB");
  std::string db = env_db && *env_db ? env_db : "sqlite:var/vv.db";
  std::string since_text;
  bool as_json = false, no_record = false;
  std::string config_path, fail_on = "drift";
  int history = 0;
  app.add_option("--db", db, "store URL (default: VV_DB, else sqlite:var/vv.db)");
  app.add_option("--config", config_path,
                 std::string("thresholds: the drift section of this file (default: ") +
                     serve::kDefaultServeConfig + " when present)");
  app.add_option("--fail-on", fail_on, "exit 3 when a column reaches this status (default drift)")
      ->check(CLI::IsMember({"drift", "warn", "never"}));
  app.add_flag("--no-record", no_record, "do not store the report in the drift history");
  app.add_option("--history", history,
                 "print the newest N stored reports (both vv serve's and vv drift's) instead")
      ->check(CLI::Range(1, 100000));
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
      return kExitUsage;
    }
    since = *parsed;
  }
  serve::ServeConfig settings;
  if (Status file = serve::ApplyServeConfigFile(config_path, &settings); !file.ok()) {
    std::fprintf(stderr, "vv drift: %s\n", file.error().ToString().c_str());
    return kExitError;
  }
  auto store = OpenStore(db);
  if (!store.ok()) {
    std::fprintf(stderr, "vv drift: %s\n", store.error().ToString().c_str());
    return kExitError;
  }
  if (history > 0) return ShowHistory(**store, history, as_json);
  auto sample = monitor::LoadStoreSample(**store);
  if (!sample.ok()) {
    std::fprintf(stderr, "vv drift: %s\n", sample.error().ToString().c_str());
    return kExitError;
  }
  auto report = monitor::CompareRecentToOlder(*sample, since, settings.drift_thresholds);
  if (!report.ok()) {
    std::fprintf(stderr, "vv drift: %s\n", report.error().ToString().c_str());
    return kExitError;
  }
  if (!no_record) {
    auto stored = (*store)->AppendDriftReport(monitor::ToDriftRecord(
        *report, "cli", std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())));
    if (!stored.ok()) {
      std::fprintf(stderr, "vv drift: storing the report: %s\n", stored.error().ToString().c_str());
      return kExitError;
    }
  }
  nlohmann::json j = report->ToJson();
  j["window"]["store"] = (*store)->Describe();
  if (as_json) {
    std::printf("%s\n", j.dump().c_str());
  } else {
    PrintTable(j);
  }
  const monitor::DriftStatus worst = report->Worst();
  const bool alert = (fail_on == "drift" && worst == monitor::DriftStatus::kDrift) ||
                     (fail_on == "warn" && (worst == monitor::DriftStatus::kDrift ||
                                            worst == monitor::DriftStatus::kWarn));
  if (alert) {
    std::fprintf(stderr, "vv drift: %s found (exit %d)\n",
                 std::string(monitor::DriftStatusName(worst)).c_str(), kExitDrift);
  }
  return alert ? kExitDrift : 0;
}

const bool kRegistered = RegisterVerb(
    {"drift", "compare recent videos with older ones per feature (PSI, KS)", RunDrift});

}  // namespace
}  // namespace vv::cli
