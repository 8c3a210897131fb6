#include "cli/serving.h"

#include <cstdlib>

#include "core/text_util.h"
#include "serve/api.h"
#include "serve/model_source.h"
#include "serve/rebasing_source.h"
#include "store/store.h"
#include "train/dataset.h"

namespace vv::cli {

std::shared_ptr<serve::ModelSet> MakeServingModels(const std::string& registry_dir,
                                                   const std::string& db_url) {
  std::shared_ptr<serve::ModelSource> source = serve::MakeRegistrySource(registry_dir);
  if (!db_url.empty()) {
    // Viral's probability is relative to a population: this store's videos (its own
    // connection, read at load time, off the request path).
    source = std::make_shared<serve::RebasingSource>(source, [db_url]() -> Result<Dataset> {
      VV_ASSIGN_OR_RETURN(std::unique_ptr<Store> own, OpenStore(db_url));
      return train::LoadDataset(*own);
    });
  }
  return std::make_shared<serve::ModelSet>(serve::ModelNames(), std::move(source));
}

void AddAnalyzeFlags(CLI::App* app, AnalyzeFlags& f, const std::string& max_age_flag) {
  app->add_option("--key-file", f.key_file,
                  "file whose first line is the YouTube API key (if YOUTUBE_API_KEY is unset)")
      ->envname("VV_YOUTUBE_KEY_FILE");
  app->add_option("--api-base", f.api_base,
                  "YouTube Data API root URL (default " + std::string(kDefaultApiBase) +
                      "; a fake server for tests and demos)")
      ->envname("VV_YOUTUBE_API_BASE");
  app->add_option("--daily-budget", f.daily_budget,
                  "quota units allowed per quota day, shared with vv collect (default 10000)")
      ->envname("VV_COLLECT_DAILY_BUDGET");
  app->add_option(max_age_flag, f.max_age,
                  "a video snapshotted more recently than this is not fetched again (default 1h; 0 = always)");
  app->add_option("--retries", f.retries, "attempts per YouTube request on 5xx/429/network errors (default 3)");
  app->add_option("--timeout", f.timeout_s, "seconds per YouTube request (default 15)");
}

Result<std::chrono::seconds> ParseDuration(const std::string& text, const std::string& flag) {
  std::string t = Trim(text);
  char* end = nullptr;
  double n = std::strtod(t.c_str(), &end);
  std::string unit = Trim(end ? end : "");
  double scale = unit.empty() || unit == "s" ? 1 : unit == "m" ? 60 : unit == "h" ? 3600 : unit == "d" ? 86400 : -1;
  if (t.empty() || end == t.c_str() || scale < 0 || n < 0) {
    return MakeError(ErrorCode::kInvalidArgument, "'" + text + "' is not a duration (e.g. 0, 90s, 30m, 1h, 2d)", flag);
  }
  return std::chrono::seconds(static_cast<int64_t>(n * scale));
}

Result<AnalyzeConfig> BuildAnalyzeConfig(const AnalyzeFlags& f, const std::string& max_age_flag) {
  AnalyzeConfig config;
  auto key = LoadApiKey(f.key_file);
  if (key.ok()) {
    config.client.api_key = *key;
  } else {
    config.key_problem = key.error().ToString();
  }
  config.client.api_base = f.api_base;
  if (f.retries < 1 || f.retries > 10) return MakeError(ErrorCode::kInvalidArgument, "must be 1..10", "--retries");
  if (f.timeout_s < 1) return MakeError(ErrorCode::kInvalidArgument, "must be >= 1", "--timeout");
  if (f.daily_budget <= 0) return MakeError(ErrorCode::kInvalidArgument, "must be positive", "--daily-budget");
  config.client.retry.max_attempts = f.retries;
  config.client.retry.max_delay = std::chrono::milliseconds(4000);
  config.daily_budget = f.daily_budget;
  VV_ASSIGN_OR_RETURN(config.max_age, ParseDuration(f.max_age, max_age_flag));
  return config;
}

HttpOptions AnalyzeHttpOptions(const AnalyzeFlags& f) {
  HttpOptions options;
  options.total_timeout = std::chrono::seconds(std::max(1, f.timeout_s));
  options.connect_timeout = std::min(options.connect_timeout, options.total_timeout);
  options.user_agent = "vv-analyze/1";
  return options;
}

}  // namespace vv::cli
