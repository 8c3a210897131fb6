#include "collect/kaggle_import.h"

#include <fmt/format.h>

#include <cctype>
#include <chrono>
#include <filesystem>

#include "collect/kaggle_categories.h"
#include "collect/kaggle_csv.h"
#include "collect/kaggle_rows.h"

namespace vv::collect {

namespace {

Status ReadOneFile(const std::string& path, const std::string& region, TrendingBatch& batch,
                   TrendingImportSummary& summary) {
  TrendingFileSummary file{path, "", region, 0};
  const std::string source = region.empty() ? "kaggle" : "kaggle:" + region;
  std::optional<KaggleColumns> columns;
  VV_RETURN_IF_ERROR(ReadCsvFile(path, [&](CsvRecord& record) -> Status {
    if (!columns) {
      std::string where = fmt::format("{}:{}", path, record.line);
      VV_ASSIGN_OR_RETURN(columns, DetectKaggleFormat(record.fields, where));
      file.format = KaggleFormatName(columns->format);
      return {};
    }
    VV_ASSIGN_OR_RETURN(auto outcome, MapKaggleRecord(*columns, record, path, source));
    file.rows += static_cast<int64_t>(outcome.rows.size() + outcome.skipped.size());
    summary.repaired_records += outcome.repaired ? 1 : 0;
    for (const auto& reason : outcome.skipped) {
      ++summary.skipped[reason];
      if (reason == std::string_view(kSkipCutOff)) {
        summary.warnings.push_back(fmt::format(
            "{}:{}: the file ends inside this record (no closing quote or half a character); "
            "the record is skipped",
            path, record.line));
      }
    }
    for (auto& row : outcome.rows) batch.merged.Add(std::move(row));
    return {};
  }));
  if (!columns) {
    return MakeError(ErrorCode::kInvalidArgument, "empty file: no header row", path + ":1");
  }
  summary.rows_read += file.rows;
  summary.files.push_back(std::move(file));
  return {};
}

}  // namespace

int64_t TrendingImportSummary::SkippedTotal() const {
  int64_t total = 0;
  for (const auto& [reason, rows] : skipped) total += rows;
  return total;
}

std::string TrendingImportSummary::ToText() const {
  std::string out = fmt::format("files: {}\n", files.size());
  for (const auto& file : files) {
    out += fmt::format("  {}: {}, region '{}', {} rows\n", file.path, file.format, file.region,
                       file.rows);
  }
  out += fmt::format("rows read: {}\nrows skipped: {}\n", rows_read, SkippedTotal());
  for (const auto& [reason, rows] : skipped) out += fmt::format("  {:>8}  {}\n", rows, reason);
  if (repaired_records > 0) {
    out += fmt::format("glued records split back into two rows: {}\n", repaired_records);
  }
  if (duplicate_snapshots > 0) {
    out += fmt::format("rows repeating a (video, day) already read, later one kept: {}\n",
                       duplicate_snapshots);
  }
  double rate = elapsed_s > 0 ? static_cast<double>(rows_read) / elapsed_s : 0.0;
  out += fmt::format(
      "videos: {}\nsnapshots: {}\nchannels: {}\ncategories: {}\nelapsed: {:.2f} s ({:.0f} "
      "rows/s)\n",
      videos, snapshots, channels, categories, elapsed_s, rate);
  return out;
}

std::string GuessRegion(const std::string& path) {
  std::string name = std::filesystem::path(path).filename().string();
  if (name.size() >= 3 && std::isupper(static_cast<unsigned char>(name[0])) &&
      std::isupper(static_cast<unsigned char>(name[1])) && name[2] == '_') {
    return name.substr(0, 2);
  }
  return "";
}

Result<TrendingBatch> ReadTrendingFiles(const TrendingImportOptions& options,
                                        TrendingImportSummary* summary) {
  if (options.files.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "no CSV files given");
  }
  TrendingBatch batch;
  for (const auto& path : options.files) {
    std::string region = options.region.empty() ? GuessRegion(path) : options.region;
    VV_RETURN_IF_ERROR(ReadOneFile(path, region, batch, *summary));
  }
  for (const auto& path : options.category_files) {
    std::string region = options.region.empty() ? GuessRegion(path) : options.region;
    VV_ASSIGN_OR_RETURN(auto categories, ReadCategoriesJson(path, region));
    batch.categories.insert(batch.categories.end(), categories.begin(), categories.end());
  }
  summary->duplicate_snapshots = batch.merged.duplicate_snapshots();
  return batch;
}

Status WriteTrendingBatch(Store& store, const TrendingBatch& batch) {
  const TrendingMerger& merged = batch.merged;
  return InTransaction(store, [&]() -> Status {
    if (!batch.categories.empty()) VV_RETURN_IF_ERROR(store.UpsertCategories(batch.categories));
    std::vector<Channel> channels;
    channels.reserve(merged.channels().size());
    for (const auto& [id, channel] : merged.channels()) channels.push_back(channel);
    VV_RETURN_IF_ERROR(store.UpsertChannels(channels));

    std::vector<Video> videos;
    videos.reserve(merged.videos().size());
    for (const auto& [id, entry] : merged.videos()) videos.push_back(entry.video);
    VV_RETURN_IF_ERROR(store.UpsertVideos(videos));
    return store.UpsertSnapshots(merged.Snapshots());
  });
}

void FillWrittenCounts(const TrendingBatch& batch, TrendingImportSummary* summary) {
  summary->videos = static_cast<int64_t>(batch.merged.videos().size());
  summary->snapshots = static_cast<int64_t>(batch.merged.snapshot_count());
  summary->channels = static_cast<int64_t>(batch.merged.channels().size());
  summary->categories = static_cast<int64_t>(batch.categories.size());
}

Result<TrendingImportSummary> ImportTrending(Store& store, const TrendingImportOptions& options) {
  auto start = std::chrono::steady_clock::now();
  TrendingImportSummary summary;
  VV_ASSIGN_OR_RETURN(auto batch, ReadTrendingFiles(options, &summary));
  VV_RETURN_IF_ERROR(WriteTrendingBatch(store, batch));
  FillWrittenCounts(batch, &summary);
  summary.elapsed_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace vv::collect
