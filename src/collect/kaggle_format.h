#pragma once
// The Kaggle "Trending YouTube Video Statistics" file formats, recognised by their column
// names (not their order), and the parsers for their values. The formats:
//   kaggle-2017     datasnaek v2 (2017-11 .. 2018-06): trending_date YY.DD.MM, publish_time,
//                   tags "a"|"b", descriptions with literal \n; any column subset holding
//                   video_id, trending_date and views (e.g. the 8-column daily series).
//   kaggle-2017-v1  datasnaek v1 (2017-09 .. 2017-10): date DD.MM in 2017, comment_total,
//                   no publish_time or description.
//   kaggle-2020     rsrishav (2020-08 onwards): publishedAt, channelId, categoryId,
//                   view_count, ISO trending_date.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/types.h"

namespace vv::collect {

enum class KaggleFormat { kTrending2017, kTrendingV1, kTrending2020 };
const char* KaggleFormatName(KaggleFormat format);

// What a column means, whatever a format calls it.
enum class KaggleField {
  kVideoId,
  kTrendingDate,
  kTitle,
  kChannelId,
  kChannelTitle,
  kCategoryId,
  kPublishedAt,
  kTags,
  kViews,
  kLikes,
  kDislikes,
  kComments,
  kThumbnail,
  kCommentsDisabled,
  kRatingsDisabled,
  kDescription,
};
inline constexpr size_t kKaggleFieldCount = 16;

struct KaggleColumns {
  KaggleFormat format = KaggleFormat::kTrending2017;
  size_t width = 0;                            // number of columns in the header
  std::vector<std::string> names;              // the header as read
  std::array<int, kKaggleFieldCount> index{};  // column of each field, -1 when absent

  int Of(KaggleField field) const { return index[static_cast<size_t>(field)]; }
  bool Has(KaggleField field) const { return Of(field) >= 0; }
  const std::string& NameOf(KaggleField field) const { return names[Of(field)]; }
};

// Recognises the format from the header; columns no format knows are ignored. An unknown
// column set is kInvalidArgument at `where`, naming the columns each format misses.
Result<KaggleColumns> DetectKaggleFormat(const std::vector<std::string>& header,
                                         const std::string& where);

// The trending day at 00:00 UTC: "17.14.11" (YY.DD.MM) for kaggle-2017, "13.09" (DD.MM, the
// v1 files all lie in 2017) for kaggle-2017-v1, ISO 8601 for kaggle-2020.
Result<Timestamp> ParseTrendingDate(KaggleFormat format, std::string_view text);

// "a|b", "\"a\"|\"b\"" -> {a, b}; "[none]" (any case) and "" -> {}. Each tag goes through the
// cleaner's CleanTag, so stray, doubled or unbalanced quotes ('"a|""b""|""c"""') are dropped; a
// '|' inside a quoted tag ('"x | y"') does not split it.
std::vector<std::string> ParseTags(std::string_view text);

// The kaggle-2017 files store line breaks in descriptions as the two characters \n.
std::string UnescapeNewlines(std::string_view text);

// 11 characters of [A-Za-z0-9_-]; Excel's "#NAME?" and other damage fail.
bool IsYouTubeVideoId(std::string_view text);

// Files without channelId name the channel only by title; this stable id stands in for it.
std::string SyntheticChannelId(std::string_view channel_title);

// "" -> nullopt; digits -> value; anything else is an error.
Result<std::optional<int64_t>> ParseCount(std::string_view text);
// "" -> nullopt; True/False in any case.
Result<std::optional<bool>> ParseFlag(std::string_view text);

}  // namespace vv::collect
