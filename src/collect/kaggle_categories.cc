#include "collect/kaggle_categories.h"

#include <fmt/format.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace vv::collect {

namespace {

Error BadJson(const std::string& name, const std::string& path, const std::string& what) {
  return MakeError(ErrorCode::kInvalidArgument, what, fmt::format("{}: {}", name, path));
}

}  // namespace

Result<std::vector<Category>> ParseCategoriesJson(std::string_view text, const std::string& name,
                                                  const std::string& region) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return BadJson(name, "$", "not valid JSON");
  if (!doc.is_object() || !doc.contains("items") || !doc["items"].is_array()) {
    return BadJson(name, "$.items", "missing array of categories");
  }
  std::vector<Category> categories;
  const auto& items = doc["items"];
  for (size_t i = 0; i < items.size(); ++i) {
    const auto& item = items[i];
    std::string at = fmt::format("$.items[{}]", i);
    // The API sends ids as strings ("10"); plain numbers are accepted too.
    int id = 0;
    if (item.contains("id") && item["id"].is_number_integer()) {
      id = item["id"].get<int>();
    } else if (item.contains("id") && item["id"].is_string()) {
      const auto& s = item["id"].get_ref<const std::string&>();
      auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
      if (ec != std::errc() || end != s.data() + s.size() || s.empty()) {
        return BadJson(name, at + ".id", fmt::format("'{}' is not a category number", s));
      }
    } else {
      return BadJson(name, at + ".id", "missing category id");
    }
    if (!item.contains("snippet") || !item["snippet"].is_object() ||
        !item["snippet"].contains("title") || !item["snippet"]["title"].is_string()) {
      return BadJson(name, at + ".snippet.title", "missing category name");
    }
    categories.push_back(Category{id, region, item["snippet"]["title"].get<std::string>()});
  }
  return categories;
}

Result<std::vector<Category>> ReadCategoriesJson(const std::string& path,
                                                 const std::string& region) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return MakeError(ErrorCode::kNotFound, fmt::format("cannot open: {}", std::strerror(errno)),
                     path);
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return ParseCategoriesJson(buffer.str(), path, region);
}

}  // namespace vv::collect
