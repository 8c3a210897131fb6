#include "serve/request_framing.h"

#include <utility>

#include <boost/beast/http/error.hpp>

#include "serve/http_types.h"

namespace vv::serve {

namespace {

bool IsDecimal(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The target forms a server accepts (RFC 9112 3.2): origin-form, absolute-form, and the
// asterisk-form of OPTIONS.
bool KnownTargetForm(std::string_view method, std::string_view target) {
  return OriginForm(target).has_value() || (method == "OPTIONS" && target == "*");
}

}  // namespace

std::optional<std::string> FramingProblem(const RequestFraming& r) {
  if (r.folded) {
    return "a header field continues on the next line (obsolete line folding, RFC 9112 5.2); "
           "send each field on one line";
  }
  if (r.host_fields > 1) return "more than one Host header (RFC 9112 3.2)";
  if (r.host_fields == 0 && r.version >= 11) {
    return "an HTTP/1.1 request needs a Host header (RFC 9112 3.2)";
  }
  if (r.transfer_encoding_fields > 0) {
    if (r.version < 11) return "Transfer-Encoding is not allowed in an HTTP/1.0 request";
    if (r.content_length_fields > 0) {
      return "a request may not carry both Transfer-Encoding and Content-Length "
             "(RFC 9112 6.3)";
    }
    if (r.transfer_encoding_fields > 1 ||
        !EqualsIgnoreCase(TrimOws(r.transfer_encoding), "chunked")) {
      return "unsupported Transfer-Encoding '" +
             std::string(r.transfer_encoding.substr(0, 64)) +
             (r.transfer_encoding_fields > 1 ? "' (and more)" : "'") +
             ": the only coding accepted is 'chunked', alone";
    }
  }
  if (r.content_length_fields > 1) return "more than one Content-Length header (RFC 9112 6.3)";
  if (r.content_length_fields == 1 && !IsDecimal(TrimOws(r.content_length))) {
    return "Content-Length must be one decimal number, not '" +
           std::string(r.content_length.substr(0, 64)) + "'";
  }
  if (!KnownTargetForm(r.method, r.target)) {
    return "the request target must be a path starting with '/' or an absolute http(s) URL, "
           "not '" + std::string(r.target.substr(0, 64)) + "'";
  }
  return std::nullopt;
}

bool HasObsFold(std::string_view consumed, bool after_newline) {
  if (after_newline && !consumed.empty() && (consumed[0] == ' ' || consumed[0] == '\t')) {
    return true;
  }
  for (size_t i = consumed.find('\n'); i != std::string_view::npos && i + 1 < consumed.size();
       i = consumed.find('\n', i + 1)) {
    if (consumed[i + 1] == ' ' || consumed[i + 1] == '\t') return true;
  }
  return false;
}

std::string DescribeHttpError(int beast_http_error, std::string_view fallback) {
  using boost::beast::http::error;
  static constexpr std::pair<error, std::string_view> kTexts[] = {
      {error::bad_line_ending, "a line not ended by CRLF"},
      {error::bad_version,
       "bad request line: the version is not HTTP/1.0 or HTTP/1.1, or the line does not end with "
       "CRLF"},
      {error::bad_value, "a header field value holds a control character or a bare LF"},
      {error::bad_field, "a header field name is not a token"},
      {error::bad_content_length,
       "bad Content-Length: not one decimal number, two different values, or sent with "
       "Transfer-Encoding: chunked"},
      {error::bad_transfer_encoding,
       "bad Transfer-Encoding: repeated, or sent with Content-Length"},
      {error::bad_chunk, "a malformed chunk in a chunked body"},
  };
  for (const auto& [code, text] : kTexts) {
    if (static_cast<int>(code) == beast_http_error) return std::string(text);
  }
  return std::string(fallback);
}

}  // namespace vv::serve
