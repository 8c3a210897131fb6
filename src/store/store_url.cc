#include "store/store_url.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <regex>
#include <set>

#include "store/store.h"

namespace vv {
namespace store_internal {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool IsKeyChar(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

// The keywords of the libpq this program links, not a copy that drifts from it.
const std::set<std::string>& LibpqKeywords() {
  static const std::set<std::string> keywords = [] {
    std::set<std::string> out;
    if (PQconninfoOption* options = PQconndefaults()) {
      for (PQconninfoOption* o = options; o->keyword; ++o) out.insert(o->keyword);
      PQconninfoFree(options);
    }
    return out;
  }();
  return keywords;
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool IsPostgresUrl(std::string_view url) {
  return StartsWith(url, "postgresql://") || StartsWith(url, "postgres://");
}

Error Refused(const std::string& url, const std::string& why) {
  return MakeError(ErrorCode::kInvalidArgument,
                   "ambiguous store URL: " + why +
                       "; write sqlite:PATH for a SQLite file, postgresql://USER@HOST/DB or a "
                       "libpq key=value DSN (host=... dbname=...) for PostgreSQL",
                   RedactUrl(url));
}

// Reads one DSN value starting at text[i]; returns the index after it, or npos when a quote
// is left open.
size_t ReadValue(std::string_view text, size_t i, std::string* value) {
  const bool quoted = i < text.size() && text[i] == '\'';
  if (quoted) ++i;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (quoted ? c == '\'' : IsSpace(c)) return quoted ? i + 1 : i;
    if (c == '\\' && i + 1 < text.size()) c = text[++i];
    value->push_back(c);
  }
  return quoted ? std::string_view::npos : i;
}

// Masks the value of every "password=" (and "sslpassword=") in the text: quoted values whole,
// others up to the next space, '&' or '#' (the URL query form).
std::string MaskPasswordValues(std::string text) {
  static constexpr std::string_view kKey = "password";
  for (size_t at = text.find(kKey); at != std::string::npos; at = text.find(kKey, at + 1)) {
    size_t i = at + kKey.size();
    while (i < text.size() && IsSpace(text[i])) ++i;
    if (i >= text.size() || text[i] != '=') continue;
    ++i;
    while (i < text.size() && IsSpace(text[i])) ++i;
    size_t end = i;
    if (end < text.size() && text[end] == '\'') {
      for (++end; end < text.size() && text[end] != '\''; ++end) {
        if (text[end] == '\\') ++end;
      }
      end = std::min(end + 1, text.size());
    } else {
      while (end < text.size() && !IsSpace(text[end]) && text[end] != '&' && text[end] != '#') {
        if (text[end] == '\\') ++end;
        ++end;
      }
      end = std::min(end, text.size());
    }
    text.replace(i, end - i, "***");
  }
  return text;
}

// postgresql://user:secret@host -> the span of "secret" (npos when there is none). The last
// '@' before the query ends the user info, so a password holding '@' or '/' is covered.
std::pair<size_t, size_t> UserInfoPassword(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {std::string_view::npos, 0};
  size_t start = scheme + 3;
  size_t at = url.substr(0, url.find('?', start)).rfind('@');
  if (at == std::string_view::npos || at < start) return {std::string_view::npos, 0};
  size_t colon = url.find(':', start);
  if (colon == std::string_view::npos || colon > at) return {std::string_view::npos, 0};
  return {colon + 1, at};
}

std::string PercentDecode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::strtol(std::string(text.substr(i + 1, 2)).c_str(), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

bool ParseKeywordDsn(std::string_view text, std::vector<DsnPair>* pairs, std::string* problem) {
  size_t i = 0;
  while (true) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    if (i >= text.size()) break;
    DsnPair pair;
    while (i < text.size() && IsKeyChar(text[i])) pair.key.push_back(text[i++]);
    while (i < text.size() && IsSpace(text[i])) ++i;
    if (pair.key.empty() || i >= text.size() || text[i] != '=') {
      *problem = "expected key=value at character " + std::to_string(i + 1);
      return false;
    }
    ++i;
    while (i < text.size() && IsSpace(text[i])) ++i;
    i = ReadValue(text, i, &pair.value);
    if (i == std::string_view::npos) {
      *problem = "the quoted value of '" + pair.key + "' is not closed";
      return false;
    }
    pairs->push_back(std::move(pair));
  }
  if (pairs->empty()) *problem = "no key=value pairs";
  return !pairs->empty();
}

Result<StoreTarget> ParseStoreUrl(const std::string& url) {
  if (url.empty()) return MakeError(ErrorCode::kInvalidArgument, "empty store URL");
  if (IsPostgresUrl(url)) return StoreTarget{Backend::kPostgres, url};
  if (StartsWith(url, "sqlite:")) {
    std::string path = url.substr(7);
    // "sqlite:///abs/path" and "sqlite://rel/path" are accepted too.
    if (StartsWith(path, "//")) path = path.substr(2);
    if (path.empty()) {
      return MakeError(ErrorCode::kInvalidArgument, "sqlite store URL has no file path", url);
    }
    return StoreTarget{Backend::kSqlite, path};
  }
  static const std::regex kScheme(R"(^([A-Za-z][A-Za-z0-9+.-]*)://)");
  std::smatch match;
  if (std::regex_search(url, match, kScheme)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "unsupported store URL scheme '" + match[1].str() +
                         "' (use sqlite:PATH, a file path, or postgresql://...)",
                     RedactUrl(url));
  }
  if (url.find('=') == std::string::npos) return StoreTarget{Backend::kSqlite, url};
  std::vector<DsnPair> pairs;
  std::string problem;
  if (!ParseKeywordDsn(url, &pairs, &problem)) {
    return Refused(url, "it holds '=' like a PostgreSQL key=value DSN but " + problem);
  }
  for (const DsnPair& pair : pairs) {
    if (!LibpqKeywords().count(pair.key)) {
      return Refused(url, "'" + pair.key + "' is not a libpq connection keyword");
    }
  }
  return StoreTarget{Backend::kPostgres, url};
}

std::vector<std::string> PasswordsOf(const std::string& conninfo) {
  std::vector<std::string> out;
  if (IsPostgresUrl(conninfo)) {
    auto [begin, end] = UserInfoPassword(conninfo);
    if (begin != std::string::npos && end > begin) {
      out.push_back(conninfo.substr(begin, end - begin));
      out.push_back(PercentDecode(out.back()));
    }
    static const std::regex kQuery(R"([?&](?:ssl)?password=([^&#]+))");
    for (std::sregex_iterator it(conninfo.begin(), conninfo.end(), kQuery), last; it != last; ++it) {
      out.push_back((*it)[1].str());
      out.push_back(PercentDecode(out.back()));
    }
    return out;
  }
  std::vector<DsnPair> pairs;
  std::string problem;
  if (ParseKeywordDsn(conninfo, &pairs, &problem)) {
    for (const DsnPair& pair : pairs) {
      if (pair.key == "password" || pair.key == "sslpassword") out.push_back(pair.value);
    }
  }
  return out;
}

}  // namespace store_internal

std::string ResolveStoreUrl(const std::string& flag_value) {
  if (!flag_value.empty()) return flag_value;
  if (const char* env = std::getenv("VV_DB"); env && *env) return env;
  return "sqlite:var/vv.db";
}

std::string RedactUrl(const std::string& url) {
  std::string out = url;
  auto [begin, end] = store_internal::UserInfoPassword(out);
  if (begin != std::string::npos) out.replace(begin, end - begin, "***");
  return store_internal::MaskPasswordValues(std::move(out));
}

}  // namespace vv
