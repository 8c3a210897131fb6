#pragma once
// Helpers shared by the two backends (not part of the Store interface).
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace vv::store_internal {

// Case-folds a title for substring search. ASCII, Latin-1, Latin Extended-A, Greek and
// Cyrillic capitals are lowered; other code points pass unchanged. Both backends store and
// query this form, so search behaves the same whatever the database's locale.
std::string FoldForSearch(std::string_view text);

std::string TagsToJson(const std::vector<std::string>& tags);
// where: names the row in the error ("videos.tags of X").
Result<std::vector<std::string>> TagsFromJson(std::string_view json, const std::string& where);

// Validates VideoFilter.sort; kInvalidArgument for anything else.
Status CheckSort(const std::string& sort);

enum class Dialect { kSqlite, kPostgres };

// The WHERE / ORDER BY / LIMIT part of a video listing over `videos v`. Only the active
// filters appear, so each shape is its own prepared statement and can use its index. The
// placeholders, numbered from 1, are in this order: the folded query (SQLite) or its LIKE
// pattern (PostgreSQL) when query is set; category_id when set; channel_id when set; limit
// (-1 or INT64_MAX for none); offset. `shape` names the variant (for statement names).
struct VideoListClauses {
  std::string sql;
  std::string shape;
};
VideoListClauses BuildVideoListClauses(const VideoFilter& filter, Dialect dialect);

// "DO UPDATE SET ... WHERE ..." for `INSERT ... ON CONFLICT (key)` into the table, generated
// from the merge rule (store/merge_rule.h). The WHERE part skips rows the rule leaves unchanged,
// so a re-import writes nothing. PostgreSQL statements must alias the target table as `t`.
enum class MergeTable { kChannels, kVideos, kSnapshots, kLabelledTitles, kCategories };
std::string ConflictUpdateSql(MergeTable table, Dialect dialect);

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url);

}  // namespace vv::store_internal
