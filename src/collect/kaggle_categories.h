#pragma once
// The category_id.json files shipped with the Kaggle trending data: YouTube's
// videoCategories.list response, items[].id -> items[].snippet.title.
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/types.h"

namespace vv::collect {

// name is used in messages; errors name the JSON path ("US.json: $.items[3].id").
Result<std::vector<Category>> ParseCategoriesJson(std::string_view text, const std::string& name,
                                                  const std::string& region);
Result<std::vector<Category>> ReadCategoriesJson(const std::string& path,
                                                 const std::string& region);

}  // namespace vv::collect
