#pragma once
// Request ids and the JSON access log (one line per request on stderr).
#include <chrono>
#include <string>
#include <string_view>

#include "serve/http_types.h"

namespace vv::serve {

// The client's X-Request-Id when it is 1-64 characters of [A-Za-z0-9._-], else a fresh id.
std::string SanitizeRequestId(std::string_view given);
void WriteAccessLog(const Request& request, int status, size_t bytes,
                    std::chrono::steady_clock::duration took);
// The whole error behind an answer whose body withheld part of it (Response::error_detail):
// one JSON line on stderr with the request id the client got in X-Request-Id.
void WriteErrorLog(const Request& request, int status, std::string_view detail);

}  // namespace vv::serve
