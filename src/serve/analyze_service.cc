#include "serve/analyze_service.h"

#include <fmt/format.h>

#include "core/time_util.h"
#include "serve/video_detail.h"

namespace vv::serve {

namespace {

using nlohmann::json;

json TimeOrNull(const std::optional<Timestamp>& t) { return t ? json(FormatIso8601(*t)) : json(nullptr); }

}  // namespace

Result<json> AnalyzeAnswer(Store& s, const ModelSnapshot& models, const AnalyzeResult& result,
                           std::chrono::seconds max_age) {
  json answer = {{"kind", result.ref.is_video() ? "video" : "channel"},
                 {"input", {{"kind", YouTubeRefKindName(result.ref.kind)}, {"value", result.ref.value}}},
                 {"url", CanonicalUrl(result.ref)},
                 {"fetched", result.fetched},
                 {"max_age_s", max_age.count()},
                 {"quota_units", result.units},
                 {"note", result.note}};
  if (result.ref.is_video()) {
    VV_ASSIGN_OR_RETURN(StoredVideo stored, LoadStoredVideo(s, result.video_id, "$.url"));
    answer.update(VideoDetailJson(stored, PredictionsJson(models, stored.input)));
    answer["snapshot_at"] = TimeOrNull(result.snapshot_at);
    answer["links"] = {{"page", "/#/videos/" + result.video_id},
                       {"api", "/v1/videos/" + result.video_id},
                       {"youtube", CanonicalUrl(result.ref)}};
    return answer;
  }
  VV_ASSIGN_OR_RETURN(auto channel, s.GetChannel(result.channel_id));
  answer["channel"] = channel ? ChannelJson(*channel) : json(nullptr);
  json videos = json::array();
  for (const auto& id : result.recent_video_ids) {
    VV_ASSIGN_OR_RETURN(auto video, s.GetVideo(id));
    if (!video) continue;
    json item = VideoJson(*video);
    VV_ASSIGN_OR_RETURN(auto snapshots, s.LoadSnapshots(id));
    item["views"] = snapshots.empty() || !snapshots.back().views ? json(nullptr) : json(*snapshots.back().views);
    item["snapshot_at"] = snapshots.empty() ? json(nullptr) : json(FormatIso8601(snapshots.back().captured_at));
    item["page"] = "/#/videos/" + id;
    videos.push_back(std::move(item));
  }
  answer["recent_videos"] = std::move(videos);
  answer["tracked"] = true;
  answer["links"] = {{"api", "/v1/channels/" + result.channel_id},
                     {"youtube", "https://www.youtube.com/channel/" + result.channel_id}};
  return answer;
}

AnalyzeService::AnalyzeService(AnalyzeConfig config, StoreOpener open_store,
                               std::unique_ptr<HttpFetcher> fetcher, SessionOptions hooks)
    : config_(std::move(config)), open_store_(std::move(open_store)), fetcher_(std::move(fetcher)),
      hooks_(std::move(hooks)) {}

AnalyzeService::~AnalyzeService() { StopTracking(); }

Result<AnalyzeResult> AnalyzeService::Analyze(const YouTubeRef& ref, std::chrono::seconds max_age,
                                              std::string* detail) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!store_) {
    auto opened = open_store_();
    if (!opened.ok()) return opened.take_error();
    store_ = std::move(opened).value();
  }
  Analyzer analyzer(*store_, *fetcher_, config_, hooks_);
  auto result = analyzer.Analyze(ref, max_age);
  if (detail) *detail = analyzer.last_error_detail();
  return result;
}

void AnalyzeService::StartTracking(std::chrono::seconds interval,
                                   std::function<void(const std::string&)> log) {
  if (!has_key() || interval.count() <= 0 || track_thread_.joinable()) return;
  track_thread_ = std::thread([this, interval, log = std::move(log)] {
    std::unique_ptr<Store> store;
    std::unique_ptr<HttpFetcher> fetcher = MakeCurlFetcher();
    std::unique_lock<std::mutex> lock(track_mu_);
    while (!track_stop_) {
      lock.unlock();
      if (!store) {
        auto opened = open_store_();
        if (opened.ok()) store = std::move(opened).value();
        else log("tracking: opening the store failed: " + opened.error().ToString());
      }
      if (store) {
        CollectConfig config;
        config.client = config_.client;
        config.daily_budget = config_.daily_budget;
        config.schedule = config_.schedule;
        SessionOptions hooks = hooks_;
        hooks.stop_requested = [this] {
          std::lock_guard<std::mutex> guard(track_mu_);
          return track_stop_;
        };
        Collector collector(*store, *fetcher, config, hooks);
        auto run = collector.CollectVideos();
        if (!run.ok()) log("tracking: " + run.error().ToString());
        else if (run->calls > 0 || run->status != "ok") log(fmt::format("tracking: run {} {}: {}", run->id, run->status, run->message));
      }
      lock.lock();
      track_cv_.wait_for(lock, interval, [this] { return track_stop_; });
    }
  });
}

void AnalyzeService::StopTracking() {
  {
    std::lock_guard<std::mutex> lock(track_mu_);
    track_stop_ = true;
  }
  track_cv_.notify_all();
  if (track_thread_.joinable()) track_thread_.join();
}

}  // namespace vv::serve
