#pragma once
// What POST /v1/analyze needs behind the handler: the collector's Analyzer on a store
// connection of its own (opened at first use), so that the YouTube calls of one analysis never
// hold the connection the read routes share. One analysis at a time: the quota count of this
// process stays exact. Optionally a thread that snapshots the tracked videos when they are due
// (`vv serve --track-every`).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "collect/analyze.h"
#include "collect/collectors.h"
#include "collect/http_fetcher.h"
#include "serve/model_set.h"

namespace vv::serve {

// The answer of POST /v1/analyze (and `vv analyze --json`) for a finished analysis, read back
// from the store: a video as GET /v1/videos/{id} shows it (serve/video_detail.h) plus what the
// analysis did; a channel with its recent uploads and their latest views.
Result<nlohmann::json> AnalyzeAnswer(Store& store, const ModelSnapshot& models,
                                     const AnalyzeResult& result, std::chrono::seconds max_age);

class AnalyzeService {
 public:
  using StoreOpener = std::function<Result<std::unique_ptr<Store>>()>;
  // hooks: clock and sleep for tests.
  AnalyzeService(AnalyzeConfig config, StoreOpener open_store, std::unique_ptr<HttpFetcher> fetcher,
                 SessionOptions hooks = {});
  ~AnalyzeService();

  // *detail gets the whole error behind a failure (for the server log only).
  Result<AnalyzeResult> Analyze(const YouTubeRef& ref, std::chrono::seconds max_age, std::string* detail);
  const AnalyzeConfig& config() const { return config_; }
  bool has_key() const { return !config_.client.api_key.empty(); }

  // Runs the collector's CollectVideos every `interval` on another connection until Stop;
  // `log` gets one line per run. No-op without a key.
  void StartTracking(std::chrono::seconds interval, std::function<void(const std::string&)> log);
  void StopTracking();

 private:
  AnalyzeConfig config_;
  StoreOpener open_store_;
  std::unique_ptr<HttpFetcher> fetcher_;
  SessionOptions hooks_;
  std::mutex mu_;  // one analysis at a time; guards store_
  std::unique_ptr<Store> store_;

  std::mutex track_mu_;
  std::condition_variable track_cv_;
  bool track_stop_ = false;
  std::thread track_thread_;
};

}  // namespace vv::serve
