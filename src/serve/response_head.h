#pragma once
// The status line and headers of a response, written straight into a string the connection
// keeps across requests. Beast's response type allocated a node per header field and walked them
// to serialize; this writes the same bytes (Beast's reason phrases and header order).
#include <string>
#include <string_view>

#include "serve/http_types.h"

namespace vv::serve {

struct ResponseHead {
  unsigned version = 11;  // 10 or 11
  bool keep_alive = true;
  std::string_view request_id;
  size_t content_length = 0;  // for HEAD, the GET's body length
};

// Replaces *out with "HTTP/1.1 200 OK\r\nServer: vv\r\nContent-Type: ..\r\nX-Request-Id: ..\r\n"
// + response.headers + Connection (when it differs from the version's default) +
// "Content-Length: n\r\n\r\n".
void WriteResponseHead(const ResponseHead& head, const Response& response, std::string* out);

}  // namespace vv::serve
