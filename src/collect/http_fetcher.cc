#include "collect/http_fetcher.h"

#include <curl/curl.h>

#include <mutex>

namespace vv {
namespace {

size_t AppendBody(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

class CurlFetcher final : public HttpFetcher {
 public:
  explicit CurlFetcher(const HttpOptions& options) : options_(options) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    handle_ = curl_easy_init();
  }
  ~CurlFetcher() override {
    if (handle_) curl_easy_cleanup(handle_);
  }
  CurlFetcher(const CurlFetcher&) = delete;
  CurlFetcher& operator=(const CurlFetcher&) = delete;

  Result<HttpResponse> Get(const std::string& url, bool* reached_server) override {
    if (reached_server) *reached_server = false;
    if (!handle_) return MakeError(ErrorCode::kInternal, "curl_easy_init failed");
    // One handle per fetcher keeps the connection (and TLS session) alive between pages.
    curl_easy_reset(handle_);
    HttpResponse response;
    char error_buffer[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(handle_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(handle_, CURLOPT_WRITEFUNCTION, AppendBody);
    curl_easy_setopt(handle_, CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(handle_, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(handle_, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle_, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options_.connect_timeout.count()));
    curl_easy_setopt(handle_, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.total_timeout.count()));
    curl_easy_setopt(handle_, CURLOPT_USERAGENT, options_.user_agent.c_str());
    curl_easy_setopt(handle_, CURLOPT_ACCEPT_ENCODING, "");  // whatever curl can decode
    curl_easy_setopt(handle_, CURLOPT_PROTOCOLS_STR, "http,https");
    CURLcode code = curl_easy_perform(handle_);
    // Bytes of HTTP request written to the connection: none after a DNS, connect or TLS
    // handshake failure. Anything sent may have been seen (and counted) by the server.
    long request_bytes = 0;
    curl_easy_getinfo(handle_, CURLINFO_REQUEST_SIZE, &request_bytes);
    if (reached_server) *reached_server = request_bytes > 0;
    if (code != CURLE_OK) {
      // The curl message names host and port, never the query string, so the key stays out.
      std::string detail = error_buffer[0] ? error_buffer : curl_easy_strerror(code);
      return MakeError(ErrorCode::kUnavailable, "HTTP request failed: " + detail, RedactApiKey(url));
    }
    curl_easy_getinfo(handle_, CURLINFO_RESPONSE_CODE, &response.status);
    return response;
  }

 private:
  HttpOptions options_;
  CURL* handle_ = nullptr;
};

}  // namespace

std::unique_ptr<HttpFetcher> MakeCurlFetcher(const HttpOptions& options) {
  return std::make_unique<CurlFetcher>(options);
}

std::string RedactApiKey(std::string_view url) {
  std::string out;
  out.reserve(url.size());
  size_t i = 0;
  while (i < url.size()) {
    bool at_param = i == 0 || url[i - 1] == '?' || url[i - 1] == '&';
    if (at_param && url.substr(i, 4) == "key=") {
      out += "key=***";
      i += 4;
      while (i < url.size() && url[i] != '&' && url[i] != '#') ++i;
      continue;
    }
    out += url[i++];
  }
  return out;
}

}  // namespace vv
