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

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url);

}  // namespace vv::store_internal
