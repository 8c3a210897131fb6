#pragma once
// A small blocking HTTP/1.1 client on raw sockets, so tests can also send what no library would:
// half a request, a slow request, a huge body.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace vv::serve::testing {

struct HttpResult {
  int status = 0;  // 0 = no response (connection closed or timed out)
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  nlohmann::json Json() const { return nlohmann::json::parse(body, nullptr, false); }
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

using Headers = std::vector<std::pair<std::string, std::string>>;

class HttpConnection {
 public:
  explicit HttpConnection(int port, int timeout_ms = 5000);
  ~HttpConnection();
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  bool SendRaw(std::string_view bytes);
  HttpResult Send(const std::string& method, const std::string& target,
                  const std::string& body = "", const Headers& headers = {});
  HttpResult ReadResponse();
  // True when the server closed the connection (read returns 0 or reset) within the timeout.
  bool WaitClosed();
  // The bytes the server sends after the last response read, until it closes the connection or
  // the timeout passes; *closed tells which.
  std::string ReadRest(bool* closed);

 private:
  int fd_ = -1;
  std::string pending_;  // bytes read past the last response
};

// One request on a fresh connection.
HttpResult Fetch(int port, const std::string& method, const std::string& target,
                 const std::string& body = "", const Headers& headers = {});

}  // namespace vv::serve::testing
