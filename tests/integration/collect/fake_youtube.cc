#include "integration/collect/fake_youtube.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <stdexcept>

namespace vv::testing {
namespace {

using Json = nlohmann::json;

std::string UrlDecode(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else if (text[i] == '+') {
      out += ' ';
    } else {
      out += text[i];
    }
  }
  return out;
}

std::vector<std::string> SplitOn(const std::string& text, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t pos = text.find(sep, start);
    out.push_back(text.substr(start, pos - start));
    if (pos == std::string::npos) break;
    start = pos + 1;
  }
  return out;
}

void SendAll(int fd, const std::string& data) {
  size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;  // the client went away (killed process): nothing to do
    sent += static_cast<size_t>(n);
  }
}

const char* Reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

}  // namespace

FakeReply ErrorReply(int status, const std::string& reason, const std::string& message) {
  Json body = {{"error",
                {{"code", status},
                 {"message", message},
                 {"errors", Json::array({{{"message", message}, {"domain", "youtube"}, {"reason", reason}}})}}}};
  return FakeReply{status, body.dump()};
}

FakeReply QuotaExceededReply() {
  return ErrorReply(403, "quotaExceeded",
                    "The request cannot be completed because you have exceeded your quota.");
}

Json MakeVideoItem(const std::string& id, const std::string& channel_id, const std::string& title,
                   std::optional<int64_t> views, std::optional<int64_t> likes,
                   std::optional<int64_t> comments, int category, const std::string& duration) {
  Json stats = Json::object();
  if (views) stats["viewCount"] = std::to_string(*views);
  if (likes) stats["likeCount"] = std::to_string(*likes);
  stats["favoriteCount"] = "0";
  if (comments) stats["commentCount"] = std::to_string(*comments);
  return {{"kind", "youtube#video"},
          {"etag", "etag-" + id},
          {"id", id},
          {"snippet",
           {{"publishedAt", "2024-03-01T12:00:00Z"},
            {"channelId", channel_id},
            {"title", title},
            {"description", "About " + title},
            {"thumbnails", {{"default", {{"url", "https://i.ytimg.com/vi/" + id + "/default.jpg"}}}}},
            {"channelTitle", "Channel " + channel_id},
            {"tags", Json::array({"Music", "music", " Live "})},
            {"categoryId", std::to_string(category)},
            {"defaultAudioLanguage", "en"}}},
          {"contentDetails", {{"duration", duration}, {"dimension", "2d"}, {"definition", "hd"}}},
          {"statistics", stats}};
}

Json MakeChannelItem(const std::string& id, const std::string& title, int64_t subscribers) {
  std::string uploads = "UU" + (id.rfind("UC", 0) == 0 ? id.substr(2) : id);
  return {{"kind", "youtube#channel"},
          {"id", id},
          {"snippet", {{"title", title}, {"country", "us"}, {"publishedAt", "2015-06-01T00:00:00Z"}}},
          {"statistics",
           {{"viewCount", "1000000"}, {"subscriberCount", std::to_string(subscribers)},
            {"hiddenSubscriberCount", false}, {"videoCount", "12"}}},
          {"contentDetails", {{"relatedPlaylists", {{"likes", ""}, {"uploads", uploads}}}}}};
}

FakeYouTubeServer::FakeYouTubeServer(std::string api_key) : api_key_(std::move(api_key)) {
  listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 || listen(listen_fd_, 16) != 0) {
    throw std::runtime_error("fake YouTube server: cannot listen on loopback");
  }
  socklen_t len = sizeof(addr);
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { Serve(); });
}

FakeYouTubeServer::~FakeYouTubeServer() {
  stopping_ = true;
  shutdown(listen_fd_, SHUT_RDWR);  // wakes accept()
  close(listen_fd_);
  thread_.join();
}

std::string FakeYouTubeServer::base_url() const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/youtube/v3";
}

void FakeYouTubeServer::Serve() {
  while (!stopping_) {
    int fd = accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    // One connection at a time is enough for one client and keeps call numbering exact.
    Handle(fd);
    close(fd);
  }
}

void FakeYouTubeServer::Handle(int fd) {
  std::string raw;
  char buffer[4096];
  while (raw.find("\r\n\r\n") == std::string::npos) {
    ssize_t n = recv(fd, buffer, sizeof(buffer), 0);
    if (n <= 0) return;
    raw.append(buffer, static_cast<size_t>(n));
  }
  // "GET /youtube/v3/videos?part=...&key=... HTTP/1.1"
  std::string line = raw.substr(0, raw.find("\r\n"));
  auto parts = SplitOn(line, ' ');
  FakeRequest request;
  std::string target = parts.size() > 1 ? parts[1] : "/";
  std::string path = target.substr(0, target.find('?'));
  request.resource = path.substr(path.rfind('/') + 1);
  if (auto q = target.find('?'); q != std::string::npos) {
    for (const auto& pair : SplitOn(target.substr(q + 1), '&')) {
      auto eq = pair.find('=');
      if (eq == std::string::npos) continue;
      request.query[UrlDecode(pair.substr(0, eq))] = UrlDecode(pair.substr(eq + 1));
    }
  }
  FakeReply reply;
  Fault fault;
  int number = 0;
  {
    std::lock_guard lock(mu_);
    requests_.push_back(request);
    number = static_cast<int>(requests_.size());
    fault = fault_;
  }
  std::optional<FakeReply> injected = fault ? fault(request, number) : std::nullopt;
  reply = injected ? *injected : Answer(request);
  if (reply.delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(reply.delay_ms));
  if (reply.drop_connection) return;
  std::string head = "HTTP/1.1 " + std::to_string(reply.status) + " " + Reason(reply.status) +
                     "\r\nContent-Type: application/json; charset=UTF-8\r\nContent-Length: " +
                     std::to_string(reply.body.size()) + "\r\nConnection: close\r\n\r\n";
  if (reply.cut_after_bytes >= 0) {
    SendAll(fd, head + reply.body.substr(0, static_cast<size_t>(reply.cut_after_bytes)));
    return;
  }
  SendAll(fd, head + reply.body);
}

FakeReply FakeYouTubeServer::Answer(const FakeRequest& request) {
  if (request.Param("key") != api_key_) {
    return ErrorReply(400, "badRequest", "API key not valid. Please pass a valid API key.");
  }
  std::lock_guard lock(mu_);
  if (quota_exhausted_) return QuotaExceededReply();
  if (request.resource == "videos") return Videos(request);
  if (request.resource == "channels") return Channels(request);
  if (request.resource == "playlistItems") return PlaylistItems(request);
  if (request.resource == "videoCategories") {
    Json items = Json::array();
    for (auto [id, name] : {std::pair{10, "Music"}, std::pair{20, "Gaming"}}) {
      items.push_back({{"kind", "youtube#videoCategory"}, {"id", std::to_string(id)},
                       {"snippet", {{"title", name}, {"assignable", true}, {"channelId", "UCBR8-60-B28hp2BmDPdntcQ"}}}});
    }
    return FakeReply{200, Json{{"kind", "youtube#videoCategoryListResponse"}, {"items", items}}.dump()};
  }
  return ErrorReply(404, "notFound", "unknown resource " + request.resource);
}

FakeReply FakeYouTubeServer::Page(const std::string& kind, const std::vector<Json>& all,
                                  const FakeRequest& request) {
  int max_results = request.Param("maxResults").empty() ? 5 : std::stoi(request.Param("maxResults"));
  if (max_results < 0 || max_results > 50) {
    return ErrorReply(400, "invalidParameter", "maxResults out of range");
  }
  size_t offset = 0;
  std::string token = request.Param("pageToken");
  if (!token.empty()) {
    if (token.rfind("page-", 0) != 0) return ErrorReply(400, "invalidPageToken", "bad page token");
    offset = std::stoul(token.substr(5));
  }
  Json items = Json::array();
  for (size_t i = offset; i < all.size() && i < offset + static_cast<size_t>(max_results); ++i) {
    items.push_back(all[i]);
  }
  Json body = {{"kind", kind}, {"etag", "page"}, {"items", items},
               {"pageInfo", {{"totalResults", all.size()}, {"resultsPerPage", max_results}}}};
  if (offset + max_results < all.size()) body["nextPageToken"] = "page-" + std::to_string(offset + max_results);
  return FakeReply{200, body.dump()};
}

FakeReply FakeYouTubeServer::Videos(const FakeRequest& request) {
  std::vector<Json> selected;
  if (request.Param("chart") == "mostPopular") {
    std::string category = request.Param("videoCategoryId");
    auto it = trending_.find(request.Param("regionCode") + "/" + (category.empty() ? "0" : category));
    if (it != trending_.end()) {
      for (const auto& id : it->second) selected.push_back(videos_.at(id));
    }
    return Page("youtube#videoListResponse", selected, request);
  }
  auto ids = SplitOn(request.Param("id"), ',');
  if (ids.size() > 50) return ErrorReply(400, "invalidParameter", "too many ids");
  for (const auto& id : ids) {
    if (private_.count(id)) continue;
    if (auto it = videos_.find(id); it != videos_.end()) selected.push_back(it->second);
  }
  return Page("youtube#videoListResponse", selected, request);
}

FakeReply FakeYouTubeServer::Channels(const FakeRequest& request) {
  std::vector<Json> selected;
  int filters = !request.Param("id").empty() + !request.Param("forHandle").empty() +
                !request.Param("forUsername").empty();
  if (filters != 1) {
    return ErrorReply(400, "missingRequiredParameter",
                      "No filter selected. Expected one of: id, forHandle, forUsername, mine.");
  }
  auto lookup = [&](const std::map<std::string, std::string>& names, std::string name) {
    if (!name.empty() && name[0] == '@') name.erase(0, 1);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto it = names.find(name);
    if (it != names.end()) selected.push_back(channels_.at(it->second));
    return Page("youtube#channelListResponse", selected, request);
  };
  if (!request.Param("forHandle").empty()) return lookup(handles_, request.Param("forHandle"));
  if (!request.Param("forUsername").empty()) return lookup(usernames_, request.Param("forUsername"));
  auto ids = SplitOn(request.Param("id"), ',');
  if (ids.size() > 50) return ErrorReply(400, "invalidParameter", "too many ids");
  for (const auto& id : ids) {
    if (auto it = channels_.find(id); it != channels_.end()) selected.push_back(it->second);
  }
  return Page("youtube#channelListResponse", selected, request);
}

FakeReply FakeYouTubeServer::PlaylistItems(const FakeRequest& request) {
  auto it = playlists_.find(request.Param("playlistId"));
  if (it == playlists_.end()) {
    return ErrorReply(404, "playlistNotFound", "The playlist identified with the request's playlistId parameter cannot be found.");
  }
  std::vector<Json> items;
  for (const auto& id : it->second) {
    items.push_back({{"kind", "youtube#playlistItem"}, {"id", "PLI" + id},
                     {"contentDetails", {{"videoId", id}, {"videoPublishedAt", "2024-03-01T12:00:00Z"}}}});
  }
  return Page("youtube#playlistItemListResponse", items, request);
}

void FakeYouTubeServer::AddVideo(const Json& item) {
  std::lock_guard lock(mu_);
  videos_[item.at("id").get<std::string>()] = item;
}

void FakeYouTubeServer::SetTrending(const std::string& region, int category, std::vector<std::string> ids) {
  std::lock_guard lock(mu_);
  trending_[region + "/" + std::to_string(category)] = std::move(ids);
}

void FakeYouTubeServer::AddChannel(const Json& item, std::vector<std::string> uploads) {
  std::lock_guard lock(mu_);
  channels_[item.at("id").get<std::string>()] = item;
  playlists_[item["contentDetails"]["relatedPlaylists"]["uploads"].get<std::string>()] = std::move(uploads);
}

namespace {
std::string Lower(std::string text) {
  if (!text.empty() && text[0] == '@') text.erase(0, 1);
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}
}  // namespace

void FakeYouTubeServer::SetHandle(const std::string& channel_id, const std::string& handle) {
  std::lock_guard lock(mu_);
  handles_[Lower(handle)] = channel_id;
}

void FakeYouTubeServer::SetUsername(const std::string& channel_id, const std::string& username) {
  std::lock_guard lock(mu_);
  usernames_[Lower(username)] = channel_id;
}

void FakeYouTubeServer::SetPrivate(const std::string& video_id) {
  std::lock_guard lock(mu_);
  private_[video_id] = true;
}

void FakeYouTubeServer::RemoveVideo(const std::string& video_id) {
  std::lock_guard lock(mu_);
  videos_.erase(video_id);
}

void FakeYouTubeServer::SetQuotaExhausted(bool on) {
  std::lock_guard lock(mu_);
  quota_exhausted_ = on;
}

void FakeYouTubeServer::SetViews(const std::string& video_id, int64_t views) {
  std::lock_guard lock(mu_);
  videos_.at(video_id)["statistics"]["viewCount"] = std::to_string(views);
}

void FakeYouTubeServer::SetFault(Fault fault) {
  std::lock_guard lock(mu_);
  fault_ = std::move(fault);
}

int FakeYouTubeServer::calls(const std::string& resource) const {
  std::lock_guard lock(mu_);
  int n = 0;
  for (const auto& r : requests_) n += r.resource == resource;
  return n;
}

int FakeYouTubeServer::total_calls() const {
  std::lock_guard lock(mu_);
  return static_cast<int>(requests_.size());
}

std::vector<FakeRequest> FakeYouTubeServer::requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

}  // namespace vv::testing
