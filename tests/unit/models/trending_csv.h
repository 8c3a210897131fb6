#pragma once
// Reads the Kaggle "Trending YouTube Video Statistics" first-snapshot CSV of ../shared/data for
// the real-data genre and tags tests (which skip when the folder is absent). One record per
// line: the file has no multi-line fields.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/types.h"
#include "models/model.h"

namespace vv::testing {

inline std::vector<std::string> ParseCsvLine(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

inline std::filesystem::path TrendingDir() {
  for (std::filesystem::path p : {std::filesystem::path(VV_SOURCE_DIR) / "../../shared/data/youtube-trending-2017",
                                  std::filesystem::path("/work/shared/data/youtube-trending-2017")}) {
    if (std::filesystem::exists(p / "US_first_snapshot.csv")) return p;
  }
  return {};
}

inline uint64_t Fnv1a(const std::string& s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

// Videos of US_first_snapshot.csv; split by channel (hash of the channel title): 20 % test,
// 10 % validation, 70 % train.
inline Dataset LoadTrending(const std::filesystem::path& dir, Split* split) {
  Dataset data;
  std::ifstream in(dir / "US_first_snapshot.csv");
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    auto f = ParseCsvLine(line);
    if (f.size() < 16) continue;
    Video v;
    v.id = f[0];
    v.title = f[2];
    v.channel_id = f[3];
    v.category_id = std::stoi(f[4]);
    std::vector<std::string> tags(1);
    for (char c : f[6]) {
      if (c == '|') {
        tags.emplace_back();
      } else {
        tags.back().push_back(c);
      }
    }
    for (auto& tag : tags) {
      if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"') tag = tag.substr(1, tag.size() - 2);
      if (!tag.empty() && tag != "[none]") v.tags.push_back(tag);
    }
    v.description = f[15];
    uint64_t bucket = Fnv1a(v.channel_id) % 10;
    size_t i = data.videos.size();
    (bucket < 2 ? split->test : bucket < 3 ? split->validation : split->train).push_back(i);
    data.videos.push_back(std::move(v));
  }
  return data;
}

}  // namespace vv::testing
