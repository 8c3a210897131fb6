#include "store/store_internal.h"

#include <nlohmann/json.hpp>

namespace vv::store_internal {
namespace {

char32_t LowerCodePoint(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if ((c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 32;                 // Latin-1
  if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x138 && c != 0x149) {  // Latin Ext-A
    bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    if (odd_upper) return (c % 2 == 1) ? c + 1 : c;
    if (c == 0x178) return 0xFF;
    return (c % 2 == 0) ? c + 1 : c;
  }
  if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;  // Greek
  if (c >= 0x410 && c <= 0x42F) return c + 32;                // Cyrillic
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  return c;
}

void AppendUtf8(char32_t c, std::string& out) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

}  // namespace

std::string FoldForSearch(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    unsigned char b = static_cast<unsigned char>(text[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > text.size()) {  // invalid UTF-8: copy the byte as is
      out += text[i++];
      continue;
    }
    char32_t c = len == 1 ? b : (b & (0x7F >> len));
    for (int k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    AppendUtf8(LowerCodePoint(c), out);
    i += len;
  }
  return out;
}

std::string TagsToJson(const std::vector<std::string>& tags) {
  // Replace, not throw, on invalid UTF-8: importers validate text before it gets here.
  return nlohmann::json(tags).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<std::vector<std::string>> TagsFromJson(std::string_view json, const std::string& where) {
  nlohmann::json parsed = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) {
    return MakeError(ErrorCode::kDataLoss, "stored tags are not a JSON array", where);
  }
  std::vector<std::string> tags;
  tags.reserve(parsed.size());
  for (const auto& tag : parsed) {
    if (!tag.is_string()) {
      return MakeError(ErrorCode::kDataLoss, "stored tag is not a string", where);
    }
    tags.push_back(tag.get<std::string>());
  }
  return tags;
}

Status CheckSort(const std::string& sort) {
  if (sort == "published_at" || sort == "views" || sort == "title") return {};
  return MakeError(ErrorCode::kInvalidArgument,
                   "unknown sort '" + sort + "' (expected published_at, views or title)");
}

VideoListClauses BuildVideoListClauses(const VideoFilter& f, Dialect dialect) {
  const bool pg = dialect == Dialect::kPostgres;
  int n = 0;
  auto param = [&] {
    std::string placeholder(pg ? "$" : "?");
    placeholder += std::to_string(++n);
    return placeholder;
  };
  std::string where;
  std::string shape = f.sort + (f.descending ? "_desc" : "_asc");
  auto add = [&](const std::string& condition) {
    where += where.empty() ? " WHERE " : " AND ";
    where += condition;
  };
  if (!f.query.empty()) {
    add(pg ? "v.title_search LIKE " + param() : "instr(v.title_search, " + param() + ") > 0");
    shape += "_q";
  }
  if (f.category_id) {
    add("v.category_id = " + param() + (pg ? "::integer" : ""));
    shape += "_cat";
  }
  if (!f.channel_id.empty()) {
    add("v.channel_id = " + param());
    shape += "_ch";
  }
  const std::string collate = pg ? " COLLATE \"C\"" : "";
  std::string key =
      f.sort == "views"
          ? "(SELECT s.views FROM snapshots s WHERE s.video_id = v.id AND s.views IS NOT NULL "
            "ORDER BY s.captured_at DESC LIMIT 1)"
      : f.sort == "title" ? "v.title" + collate
                          : std::string("v.published_at");
  std::string dir = f.descending ? " DESC" : " ASC";
  std::string limit = param() + (pg ? "::bigint" : "");
  std::string offset = param() + (pg ? "::bigint" : "");
  return {where + " ORDER BY " + key + dir + " NULLS LAST, v.id" + collate + dir + " LIMIT " +
              limit + " OFFSET " + offset,
          shape};
}

}  // namespace vv::store_internal
