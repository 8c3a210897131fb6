#include "serve/access_log.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <random>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/time_util.h"

namespace vv::serve {

namespace {

std::string ProcessPrefix() {
  std::random_device rd;
  return fmt::format("{:08x}", rd());
}

bool ValidIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.';
}

}  // namespace

std::string SanitizeRequestId(std::string_view given) {
  if (!given.empty() && given.size() <= 64) {
    bool ok = true;
    for (char c : given) ok = ok && ValidIdChar(c);
    if (ok) return std::string(given);
  }
  static const std::string prefix = ProcessPrefix();
  static std::atomic<uint64_t> counter{0};
  return fmt::format("{}-{:x}", prefix, counter.fetch_add(1, std::memory_order_relaxed));
}

void WriteAccessLog(const Request& request, int status, size_t bytes,
                    std::chrono::steady_clock::duration took) {
  // The path is client-controlled: dump() escapes it so that a line stays one JSON object.
  nlohmann::json path = std::string(request.path);
  std::string line = fmt::format(
      "{{\"ts\":\"{}\",\"level\":\"info\",\"msg\":\"request\",\"id\":\"{}\",\"method\":\"{}\","
      "\"path\":{},\"status\":{},\"bytes\":{},\"us\":{}}}\n",
      FormatIso8601(Now()), request.request_id, request.method.size() < 16 ? request.method : "?",
      path.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), status, bytes,
      std::chrono::duration_cast<std::chrono::microseconds>(took).count());
  // One write per line keeps lines whole when threads log at once.
  ssize_t ignored = ::write(STDERR_FILENO, line.data(), line.size());
  (void)ignored;
}

void WriteErrorLog(const Request& request, int status, std::string_view detail) {
  nlohmann::json line = {{"ts", FormatIso8601(Now())},
                         {"level", "error"},
                         {"msg", "request failed"},
                         {"id", request.request_id},
                         {"path", std::string(request.path)},
                         {"status", status},
                         {"error", std::string(detail)}};
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  ssize_t ignored = ::write(STDERR_FILENO, text.data(), text.size());
  (void)ignored;
}

}  // namespace vv::serve
