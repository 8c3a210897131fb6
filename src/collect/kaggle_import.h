#pragma once
// `vv import trending`: Kaggle trending CSV files into a Store. Everything is read, checked
// and merged in memory first; then one transaction writes it, so a bad file leaves the store
// untouched and re-running an import writes the same rows again (idempotent upserts).
//
// Channels: files with channelId use it; older files name a channel only by title, so the
// channel id is "title:" + channel_title (stable across files and runs; see
// SyntheticChannelId). The same title under two channelIds stays two channels.
//
// Within one import the newest trending day's known values win; across imports the store's
// upserts let the later import's known values win. The comments/ratings flags only turn on.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "collect/kaggle_merge.h"
#include "core/result.h"
#include "core/types.h"
#include "store/store.h"

namespace vv::collect {

struct TrendingImportOptions {
  std::vector<std::string> files;           // CSV files, any mix of the Kaggle formats
  std::vector<std::string> category_files;  // category_id.json files
  // Region for Video::source ("kaggle:US"; "kaggle" without a region) and category names.
  // Empty: guessed per file from its name ("US_videos.csv" -> US), else none.
  std::string region;
};

struct TrendingFileSummary {
  std::string path;
  std::string format;  // "kaggle-2017", ...
  std::string region;
  int64_t rows = 0;  // data rows read (skipped ones included)
};

struct TrendingImportSummary {
  std::vector<TrendingFileSummary> files;
  int64_t rows_read = 0;
  std::map<std::string, int64_t> skipped;  // reason -> rows
  // "file:line: what" for each cut-off record (the CLI prints them on stderr; ToText leaves
  // them out, the reason's count is there).
  std::vector<std::string> warnings;
  int64_t repaired_records = 0;            // records split back into their two rows
  int64_t duplicate_snapshots = 0;         // rows repeating a (video, day) already read
  int64_t videos = 0;
  int64_t snapshots = 0;
  int64_t channels = 0;
  int64_t categories = 0;
  double elapsed_s = 0;

  int64_t SkippedTotal() const;
  std::string ToText() const;
};

// "US_videos.csv" -> "US"; "" when the name does not start with two capitals and '_'.
std::string GuessRegion(const std::string& path);

struct TrendingBatch {
  TrendingMerger merged;
  std::vector<Category> categories;
};

// Reads and merges every file; touches no store. Fills the file and row counts of *summary.
Result<TrendingBatch> ReadTrendingFiles(const TrendingImportOptions& options,
                                        TrendingImportSummary* summary);

// Writes a batch in one transaction. What a file lacks (the daily series has no channel,
// tags or flags) is unknown to the upserts, which keep the stored values.
Status WriteTrendingBatch(Store& store, const TrendingBatch& batch);

// Sets the videos, snapshots, channels and categories counts of *summary from a batch.
void FillWrittenCounts(const TrendingBatch& batch, TrendingImportSummary* summary);

// ReadTrendingFiles, then WriteTrendingBatch; the summary counts what was written.
Result<TrendingImportSummary> ImportTrending(Store& store, const TrendingImportOptions& options);

}  // namespace vv::collect
