#pragma once
// The one seam between the collector and the network (DESIGN.md "One interface per concept"):
// the YouTube client speaks to an HttpFetcher, the real one is libcurl, tests may pass others.
#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

namespace vv {

struct HttpResponse {
  long status = 0;
  std::string body;
};

struct HttpOptions {
  std::chrono::milliseconds connect_timeout{10000};  // TCP + TLS handshake
  std::chrono::milliseconds total_timeout{30000};    // the whole transfer
  std::string user_agent = "vv-collect/1";
};

class HttpFetcher {
 public:
  virtual ~HttpFetcher() = default;
  // Any HTTP status is a response. Failures below HTTP (refused, timeout, connection dropped,
  // body cut short) are kUnavailable errors whose path is the URL with the API key redacted.
  // *reached_server (when not null) tells whether the request left this machine: false only
  // when nothing of it was sent (DNS, connect or TLS failure), so the server never saw it.
  virtual Result<HttpResponse> Get(const std::string& url, bool* reached_server) = 0;
};

std::unique_ptr<HttpFetcher> MakeCurlFetcher(const HttpOptions& options = {});

// "...&key=SECRET&..." -> "...&key=***&...": every URL that reaches a message goes through this.
std::string RedactApiKey(std::string_view url);

}  // namespace vv
