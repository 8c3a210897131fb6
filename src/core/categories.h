#pragma once
#include <string>
#include <vector>

#include "core/types.h"

namespace vv {

// YouTube's video categories (videoCategories.list, region US), the names used when no
// categories JSON was imported.
const std::vector<Category>& DefaultCategories();
std::string CategoryName(int id);  // "Category 99" for ids YouTube does not define

}  // namespace vv
