#include "core/categories.h"

namespace vv {

const std::vector<Category>& DefaultCategories() {
  static const std::vector<Category> kCategories = {
      {1, "", "Film & Animation"},    {2, "", "Autos & Vehicles"},
      {10, "", "Music"},              {15, "", "Pets & Animals"},
      {17, "", "Sports"},             {19, "", "Travel & Events"},
      {20, "", "Gaming"},             {22, "", "People & Blogs"},
      {23, "", "Comedy"},             {24, "", "Entertainment"},
      {25, "", "News & Politics"},    {26, "", "Howto & Style"},
      {27, "", "Education"},          {28, "", "Science & Technology"},
      {29, "", "Nonprofits & Activism"}, {43, "", "Shows"},
  };
  return kCategories;
}

std::string CategoryName(int id) {
  for (const auto& c : DefaultCategories()) {
    if (c.id == id) return c.name;
  }
  return "Category " + std::to_string(id);
}

}  // namespace vv
