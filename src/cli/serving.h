#pragma once
// What `vv serve` and `vv analyze` share: the champions as the server loads them (re-based on
// the store's videos), and the YouTube settings of analysis by URL.
#include <chrono>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "collect/analyze.h"
#include "serve/model_set.h"

namespace vv::cli {

// The registry's champions; with a store URL, re-based on that store's videos as `vv serve`
// does (serve/rebasing_source.h).
std::shared_ptr<serve::ModelSet> MakeServingModels(const std::string& registry_dir,
                                                   const std::string& db_url);

struct AnalyzeFlags {
  std::string key_file;
  std::string api_base = kDefaultApiBase;
  int64_t daily_budget = 10000;
  std::string max_age = "1h";
  int retries = 3;
  int timeout_s = 15;
};

// --key-file, --api-base, --daily-budget, --max-age (named `max_age_flag`), --retries, --timeout.
void AddAnalyzeFlags(CLI::App* app, AnalyzeFlags& flags, const std::string& max_age_flag);

// The analysis settings from the flags and the environment. A missing key is no error here:
// config.client.api_key stays empty and config.key_problem says why (the analysis then answers
// that it has no key). Bad flags are kInvalidArgument.
Result<AnalyzeConfig> BuildAnalyzeConfig(const AnalyzeFlags& flags, const std::string& max_age_flag);

// The HTTP timeouts of the flags.
HttpOptions AnalyzeHttpOptions(const AnalyzeFlags& flags);

// "90s", "30m", "1h", "2d" -> seconds; "0" -> 0.
Result<std::chrono::seconds> ParseDuration(const std::string& text, const std::string& flag);

}  // namespace vv::cli
