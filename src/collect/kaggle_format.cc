#include "collect/kaggle_format.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <chrono>

#include "collect/cleaner.h"
#include "core/text_util.h"
#include "core/time_util.h"

namespace vv::collect {

namespace {

using F = KaggleField;

struct ColumnSpec {
  const char* name;
  KaggleField field;
  bool required;
};

struct FormatSpec {
  KaggleFormat format;
  std::vector<ColumnSpec> columns;
};

// Checked in this order: kaggle-2020 is told apart by view_count, v1 by date.
const std::vector<FormatSpec>& Formats() {
  static const std::vector<FormatSpec> kFormats = {
      {KaggleFormat::kTrending2020,
       {{"video_id", F::kVideoId, true},
        {"trending_date", F::kTrendingDate, true},
        {"view_count", F::kViews, true},
        {"title", F::kTitle, false},
        {"publishedAt", F::kPublishedAt, false},
        {"channelId", F::kChannelId, false},
        {"channelTitle", F::kChannelTitle, false},
        {"categoryId", F::kCategoryId, false},
        {"tags", F::kTags, false},
        {"likes", F::kLikes, false},
        {"dislikes", F::kDislikes, false},
        {"comment_count", F::kComments, false},
        {"thumbnail_link", F::kThumbnail, false},
        {"comments_disabled", F::kCommentsDisabled, false},
        {"ratings_disabled", F::kRatingsDisabled, false},
        {"description", F::kDescription, false}}},
      {KaggleFormat::kTrending2017,
       {{"video_id", F::kVideoId, true},
        {"trending_date", F::kTrendingDate, true},
        {"views", F::kViews, true},
        {"title", F::kTitle, false},
        {"channel_title", F::kChannelTitle, false},
        {"category_id", F::kCategoryId, false},
        {"publish_time", F::kPublishedAt, false},
        {"tags", F::kTags, false},
        {"likes", F::kLikes, false},
        {"dislikes", F::kDislikes, false},
        {"comment_count", F::kComments, false},
        {"thumbnail_link", F::kThumbnail, false},
        {"comments_disabled", F::kCommentsDisabled, false},
        {"ratings_disabled", F::kRatingsDisabled, false},
        {"description", F::kDescription, false}}},
      {KaggleFormat::kTrendingV1,
       {{"video_id", F::kVideoId, true},
        {"date", F::kTrendingDate, true},
        {"views", F::kViews, true},
        {"title", F::kTitle, false},
        {"channel_title", F::kChannelTitle, false},
        {"category_id", F::kCategoryId, false},
        {"tags", F::kTags, false},
        {"likes", F::kLikes, false},
        {"dislikes", F::kDislikes, false},
        {"comment_total", F::kComments, false},
        {"thumbnail_link", F::kThumbnail, false}}},
  };
  return kFormats;
}

int ColumnOf(const std::vector<std::string>& header, std::string_view name) {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return static_cast<int>(i);
  }
  return -1;
}

std::optional<int> ParseTwoDigits(std::string_view text) {
  if (text.size() != 2 || !std::isdigit(static_cast<unsigned char>(text[0])) ||
      !std::isdigit(static_cast<unsigned char>(text[1]))) {
    return std::nullopt;
  }
  return (text[0] - '0') * 10 + (text[1] - '0');
}

Result<Timestamp> DayOf(int year, std::optional<int> month, std::optional<int> day,
                        std::string_view text, const char* pattern) {
  auto bad = MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("bad date '{}' (expected {})", text, pattern));
  if (!month || !day) return bad;
  std::chrono::year_month_day ymd{std::chrono::year(year),
                                  std::chrono::month(static_cast<unsigned>(*month)),
                                  std::chrono::day(static_cast<unsigned>(*day))};
  if (!ymd.ok()) return bad;
  return Timestamp(std::chrono::sys_days(ymd));
}

}  // namespace

const char* KaggleFormatName(KaggleFormat format) {
  switch (format) {
    case KaggleFormat::kTrending2017:
      return "kaggle-2017";
    case KaggleFormat::kTrendingV1:
      return "kaggle-2017-v1";
    case KaggleFormat::kTrending2020:
      return "kaggle-2020";
  }
  return "kaggle";
}

Result<KaggleColumns> DetectKaggleFormat(const std::vector<std::string>& header,
                                         const std::string& where) {
  for (size_t i = 0; i < header.size(); ++i) {
    if (ColumnOf(header, header[i]) != static_cast<int>(i)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("column '{}' appears twice in the header", header[i]), where);
    }
  }
  std::vector<std::string> misses;
  for (const auto& spec : Formats()) {
    KaggleColumns columns;
    columns.format = spec.format;
    columns.width = header.size();
    columns.names = header;
    columns.index.fill(-1);
    std::vector<std::string> missing;
    for (const auto& column : spec.columns) {
      int at = ColumnOf(header, column.name);
      if (at < 0 && column.required) missing.emplace_back(column.name);
      columns.index[static_cast<size_t>(column.field)] = at;
    }
    if (missing.empty()) return columns;
    misses.push_back(
        fmt::format("{} needs {}", KaggleFormatName(spec.format), Join(missing, ", ")));
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   fmt::format("unknown column set, not a Kaggle trending header (missing "
                               "columns: {})",
                               Join(misses, "; ")),
                   where);
}

Result<Timestamp> ParseTrendingDate(KaggleFormat format, std::string_view text) {
  switch (format) {
    case KaggleFormat::kTrending2017: {
      if (text.size() != 8 || text[2] != '.' || text[5] != '.') {
        return DayOf(0, std::nullopt, std::nullopt, text, "YY.DD.MM");
      }
      auto year = ParseTwoDigits(text.substr(0, 2));
      if (!year) return DayOf(0, std::nullopt, std::nullopt, text, "YY.DD.MM");
      return DayOf(2000 + *year, ParseTwoDigits(text.substr(6, 2)),
                   ParseTwoDigits(text.substr(3, 2)), text, "YY.DD.MM");
    }
    case KaggleFormat::kTrendingV1: {
      if (text.size() != 5 || text[2] != '.') {
        return DayOf(0, std::nullopt, std::nullopt, text, "DD.MM");
      }
      return DayOf(2017, ParseTwoDigits(text.substr(3, 2)), ParseTwoDigits(text.substr(0, 2)), text,
                   "DD.MM");
    }
    case KaggleFormat::kTrending2020:
      return ParseIso8601(text);
  }
  return MakeError(ErrorCode::kInternal, "unknown format");
}

std::vector<std::string> ParseTags(std::string_view text) {
  std::vector<std::string> tags;
  std::string whole = Trim(text);
  if (whole.empty() || (whole.size() == 6 && ToLowerAscii(whole) == "[none]")) return tags;
  auto emit = [&tags](std::string_view raw) {
    std::string tag = CleanTag(raw);
    if (!tag.empty()) tags.push_back(std::move(tag));
  };
  // In a list of quoted tags ('"a"|"b"') a tag may hold '|' ('"Driver's License | Lele Pons"'):
  // a piece that opens a quote waits for the piece that closes it. Pieces with quotes of their
  // own in between mean the quotes are stray, not a wrapper, and every piece stands alone; so
  // does every piece of a list that is not of quoted tags ('"a|b|c"' is three tags).
  const bool quoted_list = whole.find("\"|\"") != std::string::npos;
  std::vector<std::string> open;
  for (const auto& piece : SplitString(whole, '|')) {
    std::string trimmed = Trim(piece);
    bool opens = quoted_list && trimmed.starts_with('"') && !trimmed.starts_with("\"\"") &&
                 (trimmed.size() == 1 || !trimmed.ends_with('"'));
    bool closes = trimmed.ends_with('"') && !trimmed.starts_with('"');
    bool plain = trimmed.find('"') == std::string::npos;
    if (!open.empty() && closes) {
      open.push_back(piece);
      emit(Join(open, "|"));
      open.clear();
      continue;
    }
    if (!open.empty() && !plain) {
      for (const auto& p : open) emit(p);
      open.clear();
    }
    if (!open.empty() || opens) {
      open.push_back(piece);
    } else {
      emit(piece);
    }
  }
  for (const auto& p : open) emit(p);
  return tags;
}

std::string UnescapeNewlines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t from = 0;
  for (size_t at = text.find("\\n"); at != std::string_view::npos; at = text.find("\\n", from)) {
    out.append(text.substr(from, at - from));
    out.push_back('\n');
    from = at + 2;
  }
  out.append(text.substr(from));
  return out;
}

bool IsYouTubeVideoId(std::string_view text) {
  if (text.size() != 11) return false;
  for (char c : text) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string SyntheticChannelId(std::string_view channel_title) {
  return "title:" + std::string(channel_title);
}

Result<std::optional<int64_t>> ParseCount(std::string_view text) {
  if (text.empty()) return std::optional<int64_t>();
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("'{}' is not a whole number", text.substr(0, 40)));
  }
  return std::optional<int64_t>(value);
}

Result<std::optional<bool>> ParseFlag(std::string_view text) {
  if (text.empty()) return std::optional<bool>();
  std::string lower = ToLowerAscii(text);
  if (lower == "true") return std::optional<bool>(true);
  if (lower == "false") return std::optional<bool>(false);
  return MakeError(ErrorCode::kInvalidArgument,
                   fmt::format("'{}' is not True or False", text.substr(0, 40)));
}

}  // namespace vv::collect
