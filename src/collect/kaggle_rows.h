#pragma once
// Maps one CSV record of a Kaggle trending file to the domain: a Snapshot of the video on its
// trending day, the Video as that row describes it, and its Channel when the file names one.
#include <optional>
#include <string>
#include <vector>

#include "collect/kaggle_csv.h"
#include "collect/kaggle_format.h"
#include "core/result.h"
#include "core/types.h"

namespace vv::collect {

struct KaggleRow {
  Video video;                     // fields the file lacks are left unknown (empty / nullopt)
  Snapshot snapshot;               // captured_at = the trending day at 00:00 UTC
  std::optional<Channel> channel;  // absent when the file names no channel (the daily series)
  bool has_flags = false;          // the row carries comments_disabled / ratings_disabled
  int line = 0;
};

// Why a row the dataset itself broke was left out (counted, not fatal).
inline constexpr const char* kSkipBadVideoId = "video_id is not a YouTube id";
inline constexpr const char* kSkipBadDate100 = "date is '100' (kaggle-2017-v1 defect)";
inline constexpr const char* kSkipCutOff = "last row cut off (the file ends inside it)";

struct RecordOutcome {
  std::vector<KaggleRow> rows;       // one, or two for a repaired glued record
  std::vector<std::string> skipped;  // one reason per row left out
  bool repaired = false;             // a lost line break had glued two rows into one record
};

// `file` names the file in messages, `source` goes into Video::source ("kaggle:US").
// Known defects of the published files are handled, each only in its exact shape:
//  - a video_id that is not 11 characters of [A-Za-z0-9_-] (Excel's "#NAME?"): skipped;
//  - kaggle-2017-v1 rows whose date column holds "100" (followed by one extra field): skipped;
//  - a record of 2*width-1 fields whose middle field is a valid last column (the date)
//    immediately followed by a valid video_id: a lost line break, split into its two rows;
//  - a file cut off inside its last row (the 2020 files: no closing quote, perhaps half a
//    character): inside the last column, or short of fields with no line end after them; that
//    row is skipped. A quote left open anywhere else is an error at the line where it opened.
// Anything else that does not fit (field count, a bad date, number or flag) is an error at
// file:line naming the column.
Result<RecordOutcome> MapKaggleRecord(const KaggleColumns& columns, const CsvRecord& record,
                                      const std::string& file, const std::string& source);

}  // namespace vv::collect
