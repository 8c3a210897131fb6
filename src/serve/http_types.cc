#include "serve/http_types.h"

#include <iterator>

namespace vv::serve {

namespace {
int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

OwnedRequest::OwnedRequest(const Request& request, std::string body) : body_(std::move(body)) {
  const std::string_view parts[] = {request.method, request.target, request.authorization,
                                    request.content_type, request.origin};
  size_t total = 0;
  for (auto part : parts) total += part.size();
  text_.reserve(total);  // no reallocation below: the views stay put
  std::string_view own[std::size(parts)];
  for (size_t i = 0; i < std::size(parts); ++i) {
    size_t at = text_.size();
    text_.append(parts[i]);
    own[i] = std::string_view(text_).substr(at, parts[i].size());
  }
  // The path, the query and the path parameters' values are pieces of the target.
  // (SetTarget's "/" for an absolute-form target without a path is a literal: kept as is.)
  auto in_target = [&](std::string_view piece) -> std::string_view {
    if (piece.empty()) return {};
    const char* begin = request.target.data();
    if (piece.data() < begin || piece.data() + piece.size() > begin + request.target.size()) {
      return piece;
    }
    return own[1].substr(static_cast<size_t>(piece.data() - begin), piece.size());
  };
  request_.method = own[0];
  request_.target = own[1];
  request_.path = in_target(request.path);
  request_.query = in_target(request.query);
  request_.body = body_;
  request_.authorization = own[2];
  request_.content_type = own[3];
  request_.origin = own[4];
  request_.request_id = request.request_id;
  // Parameter names point into the route table, which outlives every request.
  for (const auto& [name, value] : request.params) {
    request_.params.emplace_back(name, in_target(value));
  }
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view TrimOws(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<std::string_view> OriginForm(std::string_view target) {
  if (!target.empty() && target.front() == '/') return target;
  size_t colon = target.find("://");
  if (colon == std::string_view::npos) return std::nullopt;
  std::string_view scheme = target.substr(0, colon);
  if (!EqualsIgnoreCase(scheme, "http") && !EqualsIgnoreCase(scheme, "https")) return std::nullopt;
  std::string_view rest = target.substr(colon + 3);
  size_t authority_end = rest.find_first_of("/?");
  if (authority_end == 0 || rest.empty()) return std::nullopt;  // "http:///a": no host
  return authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
}

void SetTarget(std::string_view target, Request* request) {
  request->target = target;
  std::string_view origin = OriginForm(target).value_or(target);
  size_t q = origin.find('?');
  request->path = origin.substr(0, q);
  if (request->path.empty()) request->path = "/";
  request->query = q == std::string_view::npos ? std::string_view() : origin.substr(q + 1);
}

bool IsJsonMediaType(std::string_view content_type) {
  return EqualsIgnoreCase(TrimOws(content_type.substr(0, content_type.find(';'))),
                          "application/json");
}

std::string_view BearerToken(std::string_view authorization) {
  size_t space = authorization.find(' ');
  if (space == std::string_view::npos ||
      !EqualsIgnoreCase(authorization.substr(0, space), "Bearer")) {
    return {};
  }
  return TrimOws(authorization.substr(space));
}

std::string UrlDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%' && i + 2 < text.size() &&
               HexValue(text[i + 1]) >= 0 && HexValue(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2])));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

bool QueryParam(std::string_view query, std::string_view key, std::string* value) {
  size_t i = 0;
  while (i <= query.size()) {
    size_t end = query.find('&', i);
    if (end == std::string_view::npos) end = query.size();
    std::string_view pair = query.substr(i, end - i);
    size_t eq = pair.find('=');
    std::string_view k = pair.substr(0, eq);
    if (UrlDecode(k) == key) {
      *value = eq == std::string_view::npos ? std::string() : UrlDecode(pair.substr(eq + 1));
      return true;
    }
    i = end + 1;
  }
  return false;
}

}  // namespace vv::serve
