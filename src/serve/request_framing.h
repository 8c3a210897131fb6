#pragma once
// Where one request ends and the next begins (RFC 9112 sections 3, 5.2 and 6): the checks that
// Beast's parser leaves to the server. A request whose framing is ambiguous (a Transfer-Encoding
// Beast reads as "no body" while a proxy in front reads it as chunked, two Content-Lengths...)
// would let one client's bytes be read as two requests, the second smuggled past the proxy. Such
// a request gets 400 and the connection closes, before any of its body is read.
//
// Beast-free: the server passes its parser's header through the template below, and the tests
// call the plain function.
#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace vv::serve {

// What the framing checks read of a request header.
struct RequestFraming {
  unsigned version = 11;  // 10 or 11
  std::string_view method;
  std::string_view target;
  size_t transfer_encoding_fields = 0;
  std::string_view transfer_encoding;  // the first field's value
  size_t content_length_fields = 0;
  std::string_view content_length;     // the first field's value
  size_t host_fields = 0;
  bool folded = false;  // a field line continued on the next (obs-fold)
};

// Why the request must be refused with 400 and the connection closed, or nullopt:
// - Transfer-Encoding other than one field of exactly "chunked" (any case): RFC 9112 6.3 says a
//   request whose final coding is not chunked cannot be framed, and this server decodes no other
//   coding ("chunked, identity", "xchunked", "identity", "chunked, chunked"); in HTTP/1.0 at all;
// - Transfer-Encoding and Content-Length together (6.3);
// - more than one Content-Length, or one that is not a plain decimal number (6.3);
// - an HTTP/1.1 request without Host, or any request with more than one (3.2);
// - a target that is neither origin-form ("/path?query"), absolute-form ("http://host/path")
//   nor "*" for OPTIONS (3.2);
// - obs-fold (5.2): Beast joins the lines, a proxy may not.
std::optional<std::string> FramingProblem(const RequestFraming& request);

// The same for a Beast request header (http::request_header<>), and whether its bytes held an
// obs-fold (FoldWatchingBuffer::TakeFolded).
template <typename Header>
std::optional<std::string> FramingProblem(const Header& header, bool folded) {
  return FramingProblem(RequestFraming{
      .version = header.version(),
      .method = header.method_string(),
      .target = header.target(),
      .transfer_encoding_fields = header.count("Transfer-Encoding"),
      .transfer_encoding = header["Transfer-Encoding"],
      .content_length_fields = header.count("Content-Length"),
      .content_length = header["Content-Length"],
      .host_fields = header.count("Host"),
      .folded = folded,
  });
}

// True when `consumed`, bytes of a request header, holds an obs-fold: a line break followed by
// a space or tab. `after_newline`: the bytes consumed before ended with a line break.
bool HasObsFold(std::string_view consumed, bool after_newline);

// The connection's read buffer (a beast::flat_buffer) as the header read sees it. Beast's parser
// consumes exactly the bytes of the request line and the fields it has parsed, so consume() sees
// every byte of the header once, and notes an obs-fold there; Beast itself joins folded lines
// silently. Used for the header read only: the body is read through the buffer itself.
template <typename FlatBuffer>
class FoldWatchingBuffer {
 public:
  using const_buffers_type = typename FlatBuffer::const_buffers_type;
  using mutable_buffers_type = typename FlatBuffer::mutable_buffers_type;

  explicit FoldWatchingBuffer(FlatBuffer& buffer) : buffer_(buffer) {}

  size_t size() const { return buffer_.size(); }
  size_t max_size() const { return buffer_.max_size(); }
  size_t capacity() const { return buffer_.capacity(); }
  const_buffers_type data() const { return buffer_.data(); }
  mutable_buffers_type prepare(size_t n) { return buffer_.prepare(n); }
  void commit(size_t n) { buffer_.commit(n); }
  void consume(size_t n) {
    const auto bytes = buffer_.data();
    std::string_view seen(static_cast<const char*>(bytes.data()), std::min(n, bytes.size()));
    if (!seen.empty()) {
      folded_ = folded_ || HasObsFold(seen, after_newline_);
      after_newline_ = seen.back() == '\n';
    }
    buffer_.consume(n);
  }

  // Whether the header read since the last call held an obs-fold; starts afresh for the next.
  bool TakeFolded() {
    const bool folded = folded_;
    folded_ = after_newline_ = false;
    return folded;
  }

 private:
  FlatBuffer& buffer_;
  bool folded_ = false;
  bool after_newline_ = false;
};

// A clearer text for Beast's own parse errors (the value of an http::error code) than Beast's
// message, which says "bad version" for a request line ended by a bare LF; `fallback` for others.
std::string DescribeHttpError(int beast_http_error, std::string_view fallback);

}  // namespace vv::serve
