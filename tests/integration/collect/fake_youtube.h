#pragma once
// A fake YouTube Data API v3 server on loopback for the collector tests: a small threaded HTTP
// server over raw sockets that serves videos.list (by id and chart=mostPopular),
// channels.list (by id, forHandle and forUsername), playlistItems.list and videoCategories.list
// with the real API's response shapes and page tokens, checks the key, counts calls, and lets a
// test inject faults per request. As the real API does for a request with an API key, a
// private video and a deleted one are simply absent from videos.list, and an unknown handle
// gives a channel list without items.
#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace vv::testing {

struct FakeRequest {
  std::string resource;                       // "videos", "channels", ...
  std::map<std::string, std::string> query;   // decoded
  std::string Param(const std::string& name) const {
    auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
  }
};

struct FakeReply {
  int status = 200;
  std::string body;
  bool drop_connection = false;  // close the socket without a byte of response
  int cut_after_bytes = -1;      // send the headers and this much body, then close (short read)
  int delay_ms = 0;              // wait before answering (for kill-mid-run tests)
};

FakeReply QuotaExceededReply();
FakeReply ErrorReply(int status, const std::string& reason, const std::string& message);

// A videos resource as the API returns it (counts as strings). Pass nullopt to hide a count.
nlohmann::json MakeVideoItem(const std::string& id, const std::string& channel_id,
                             const std::string& title, std::optional<int64_t> views,
                             std::optional<int64_t> likes, std::optional<int64_t> comments,
                             int category = 10, const std::string& duration = "PT3M20S");
nlohmann::json MakeChannelItem(const std::string& id, const std::string& title, int64_t subscribers);

class FakeYouTubeServer {
 public:
  // A fault hook sees every request and its 1-based number among all requests; returning a
  // reply replaces the normal answer.
  using Fault = std::function<std::optional<FakeReply>(const FakeRequest&, int call_number)>;

  explicit FakeYouTubeServer(std::string api_key = "test-key-SECRET123");
  ~FakeYouTubeServer();
  FakeYouTubeServer(const FakeYouTubeServer&) = delete;
  FakeYouTubeServer& operator=(const FakeYouTubeServer&) = delete;

  std::string base_url() const;  // http://127.0.0.1:PORT/youtube/v3
  const std::string& api_key() const { return api_key_; }

  void AddVideo(const nlohmann::json& item);
  void SetTrending(const std::string& region, int category, std::vector<std::string> ids);  // 0 = all
  // uploads: newest first; the uploads playlist id is "UU" + the channel id without "UC".
  void AddChannel(const nlohmann::json& item, std::vector<std::string> uploads);
  // channels.list?forHandle= (case-insensitive, with or without '@') and ?forUsername=.
  void SetHandle(const std::string& channel_id, const std::string& handle);
  void SetUsername(const std::string& channel_id, const std::string& username);
  // A private video: known, but never returned (the API hides it from key-only requests).
  void SetPrivate(const std::string& video_id);
  // A deleted video: gone from the server.
  void RemoveVideo(const std::string& video_id);
  // Every request is answered 403 quotaExceeded while on.
  void SetQuotaExhausted(bool on);
  void SetViews(const std::string& video_id, int64_t views);
  void SetFault(Fault fault);

  int calls(const std::string& resource) const;
  int total_calls() const;
  std::vector<FakeRequest> requests() const;

 private:
  void Serve();
  void Handle(int fd);
  FakeReply Answer(const FakeRequest& request);
  FakeReply Videos(const FakeRequest& request);
  FakeReply Channels(const FakeRequest& request);
  FakeReply PlaylistItems(const FakeRequest& request);
  FakeReply Page(const std::string& kind, const std::vector<nlohmann::json>& all, const FakeRequest& request);

  std::string api_key_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
  mutable std::mutex mu_;
  std::map<std::string, nlohmann::json> videos_;
  std::map<std::string, std::vector<std::string>> trending_;  // "US/0" -> ids
  std::map<std::string, nlohmann::json> channels_;
  std::map<std::string, std::vector<std::string>> playlists_;
  std::map<std::string, std::string> handles_;    // lower-case handle without '@' -> channel id
  std::map<std::string, std::string> usernames_;  // lower-case user name -> channel id
  std::map<std::string, bool> private_;
  bool quota_exhausted_ = false;
  std::vector<FakeRequest> requests_;
  Fault fault_;
};

}  // namespace vv::testing
