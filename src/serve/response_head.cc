#include "serve/response_head.h"

#include <charconv>

#include <boost/beast/http/status.hpp>

namespace vv::serve {

namespace {

void AppendHeader(std::string_view name, std::string_view value, std::string* out) {
  out->append(name).append(": ").append(value).append("\r\n");
}

void AppendNumber(size_t n, std::string* out) {
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  out->append(digits, end);
}

}  // namespace

void WriteResponseHead(const ResponseHead& head, const Response& response, std::string* out) {
  namespace http = boost::beast::http;
  out->assign(head.version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ");
  AppendNumber(static_cast<size_t>(response.status), out);
  out->push_back(' ');
  out->append(http::obsolete_reason(static_cast<http::status>(response.status)));
  out->append("\r\n");
  AppendHeader("Server", "vv", out);
  AppendHeader("Content-Type", response.content_type, out);
  AppendHeader("X-Request-Id", head.request_id, out);
  for (const auto& [name, value] : response.headers) AppendHeader(name, value, out);
  if (head.version == 10 && head.keep_alive) AppendHeader("Connection", "keep-alive", out);
  if (head.version != 10 && !head.keep_alive) AppendHeader("Connection", "close", out);
  out->append("Content-Length: ");
  AppendNumber(head.content_length, out);
  out->append("\r\n\r\n");
}

}  // namespace vv::serve
