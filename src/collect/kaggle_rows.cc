#include "collect/kaggle_rows.h"

#include <fmt/format.h>

#include "collect/cleaner.h"
#include "core/text_util.h"
#include "core/time_util.h"

namespace vv::collect {

namespace {

using F = KaggleField;

// Reads the fields of one well-sized record, with errors naming file:line and the column.
class RowReader {
 public:
  RowReader(const KaggleColumns& columns, const std::vector<std::string>& fields,
            const std::string& file, int line)
      : columns_(columns), fields_(fields), where_(fmt::format("{}:{}", file, line)) {}

  const std::string& Text(F field) const {
    static const std::string kEmpty;
    return columns_.Has(field) ? fields_[columns_.Of(field)] : kEmpty;
  }

  template <typename T>
  Result<T> Check(F field, Result<T> parsed) const {
    if (parsed.ok()) return parsed;
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("column '{}': {}", columns_.NameOf(field), parsed.error().message),
                     where_);
  }

  Result<std::optional<int64_t>> Count(F field) const {
    return Check(field, ParseCount(Text(field)));
  }
  Result<std::optional<bool>> Flag(F field) const { return Check(field, ParseFlag(Text(field))); }

 private:
  const KaggleColumns& columns_;
  const std::vector<std::string>& fields_;
  std::string where_;
};

Status FillVideo(const RowReader& in, KaggleFormat format, KaggleRow& row) {
  Video& video = row.video;
  video.title = in.Text(F::kTitle);
  video.thumbnail_url = in.Text(F::kThumbnail);
  video.tags = ParseTags(in.Text(F::kTags));
  video.description = format == KaggleFormat::kTrending2017
                          ? UnescapeNewlines(in.Text(F::kDescription))
                          : in.Text(F::kDescription);
  VV_ASSIGN_OR_RETURN(auto category, in.Count(F::kCategoryId));
  if (category) video.category_id = static_cast<int>(*category);
  if (const auto& published = in.Text(F::kPublishedAt); !published.empty()) {
    VV_ASSIGN_OR_RETURN(video.published_at, in.Check(F::kPublishedAt, ParseIso8601(published)));
  }
  VV_ASSIGN_OR_RETURN(auto comments_off, in.Flag(F::kCommentsDisabled));
  VV_ASSIGN_OR_RETURN(auto ratings_off, in.Flag(F::kRatingsDisabled));
  row.has_flags = comments_off.has_value() || ratings_off.has_value();
  video.comments_disabled = comments_off.value_or(false);
  video.ratings_disabled = ratings_off.value_or(false);

  // Cleaned before it names a synthetic channel id, so "A  B" and "A B" are one channel.
  const std::string channel_id = Trim(in.Text(F::kChannelId));
  const std::string channel_title = CleanLine(in.Text(F::kChannelTitle));
  if (!channel_id.empty() || !channel_title.empty()) {
    Channel channel;
    channel.id = channel_id.empty() ? SyntheticChannelId(channel_title) : channel_id;
    channel.title = channel_title;
    video.channel_id = channel.id;
    row.channel = std::move(channel);
  }
  return {};
}

// One record with exactly the header's width. Returns nullopt with *skip set for rows the
// dataset broke.
Result<std::optional<KaggleRow>> MapFields(const KaggleColumns& columns,
                                           const std::vector<std::string>& fields,
                                           const std::string& file, int line,
                                           const std::string& source, std::string* skip) {
  RowReader in(columns, fields, file, line);
  const std::string& id = in.Text(F::kVideoId);
  if (!IsYouTubeVideoId(id)) {
    *skip = kSkipBadVideoId;
    return std::optional<KaggleRow>();
  }
  const std::string& date = in.Text(F::kTrendingDate);
  if (columns.format == KaggleFormat::kTrendingV1 && date == "100") {
    *skip = kSkipBadDate100;
    return std::optional<KaggleRow>();
  }
  KaggleRow row;
  row.line = line;
  row.video.id = id;
  row.video.source = source;
  row.snapshot.video_id = id;
  VV_ASSIGN_OR_RETURN(row.snapshot.captured_at,
                      in.Check(F::kTrendingDate, ParseTrendingDate(columns.format, date)));
  VV_ASSIGN_OR_RETURN(row.snapshot.views, in.Count(F::kViews));
  VV_ASSIGN_OR_RETURN(row.snapshot.likes, in.Count(F::kLikes));
  VV_ASSIGN_OR_RETURN(row.snapshot.dislikes, in.Count(F::kDislikes));
  VV_ASSIGN_OR_RETURN(row.snapshot.comments, in.Count(F::kComments));
  VV_RETURN_IF_ERROR(FillVideo(in, columns.format, row));
  // The one cleaner every ingest path shares (collect/cleaner.h).
  CleanVideo(row.video);
  CleanSnapshot(row.snapshot);
  if (row.channel) CleanChannel(*row.channel);
  return std::optional<KaggleRow>(std::move(row));
}

// A lost line break glues row A's last field to row B's first: 2*width-1 fields, the middle
// one "<A's date><B's video_id>". Only recognised when the header ends with the date column
// and starts with video_id (kaggle-2017-v1), so the split point is unambiguous.
std::optional<std::vector<std::vector<std::string>>> SplitGlued(const KaggleColumns& columns,
                                                                const CsvRecord& record) {
  const size_t width = columns.width;
  if (width < 2 || record.fields.size() != 2 * width - 1) return std::nullopt;
  if (columns.Of(F::kVideoId) != 0 || columns.Of(F::kTrendingDate) != static_cast<int>(width - 1)) {
    return std::nullopt;
  }
  const std::string& joint = record.fields[width - 1];
  if (joint.size() <= 11) return std::nullopt;
  std::string date = joint.substr(0, joint.size() - 11);
  std::string id = joint.substr(joint.size() - 11);
  if (!IsYouTubeVideoId(id) || !ParseTrendingDate(columns.format, date).ok()) {
    return std::nullopt;
  }
  std::vector<std::string> first(record.fields.begin(), record.fields.begin() + width - 1);
  first.push_back(std::move(date));
  std::vector<std::string> second{std::move(id)};
  second.insert(second.end(), record.fields.begin() + width, record.fields.end());
  return std::vector<std::vector<std::string>>{std::move(first), std::move(second)};
}

}  // namespace

Result<RecordOutcome> MapKaggleRecord(const KaggleColumns& columns, const CsvRecord& record,
                                      const std::string& file, const std::string& source) {
  RecordOutcome outcome;
  std::vector<std::vector<std::string>> split_parts;
  std::vector<const std::vector<std::string>*> parts;  // the record's own fields, or its halves
  const size_t count = record.fields.size();
  const int date_col = columns.Of(F::kTrendingDate);
  // A file cut at a byte count ends inside its last record: inside the last column (whatever
  // quotes are open), or short of fields with no line end after them. A quote left open
  // anywhere else swallowed the rest of a complete file: an error where it opened.
  const bool cut = (record.unterminated && count == columns.width) ||
                   (record.no_line_end && count < columns.width);
  if (cut) {
    outcome.skipped.emplace_back(kSkipCutOff);
    return outcome;
  }
  if (record.unterminated) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "malformed CSV: the quoted field opened here is not terminated before "
                     "the end of the file",
                     fmt::format("{}:{}", file, record.line));
  }
  if (count == columns.width) {
    parts.push_back(&record.fields);
  } else if (columns.format == KaggleFormat::kTrendingV1 && count == columns.width + 1 &&
             record.fields[date_col] == "100") {
    outcome.skipped.emplace_back(kSkipBadDate100);
    return outcome;
  } else if (auto split = SplitGlued(columns, record)) {
    split_parts = std::move(*split);
    for (const auto& half : split_parts) parts.push_back(&half);
    outcome.repaired = true;
  } else {
    return MakeError(
        ErrorCode::kInvalidArgument,
        fmt::format("malformed row: {} fields, the header has {}", count, columns.width),
        fmt::format("{}:{}", file, record.line));
  }
  for (const auto* fields : parts) {
    std::string skip;
    VV_ASSIGN_OR_RETURN(auto row, MapFields(columns, *fields, file, record.line, source, &skip));
    if (row) {
      outcome.rows.push_back(std::move(*row));
    } else {
      outcome.skipped.push_back(std::move(skip));
    }
  }
  return outcome;
}

}  // namespace vv::collect
