#include "train/clickbait_import.h"

#include <fstream>
#include <map>

#include "core/text_util.h"

namespace vv::train {

Result<std::vector<LabelledTitle>> ReadTitleFile(const std::filesystem::path& path, bool clickbait,
                                                 const std::string& source) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, "cannot open file", path.string());
  std::vector<LabelledTitle> titles;
  std::string line;
  for (size_t line_no = 1; std::getline(in, line); ++line_no) {
    size_t bad = 0;
    if (!IsValidUtf8(line, &bad)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "invalid UTF-8 at byte " + std::to_string(bad + 1) + " of the line",
                       path.string() + ":" + std::to_string(line_no));
    }
    std::string title = Trim(line);  // also drops a CR of CRLF files
    if (title.empty()) continue;
    titles.push_back(LabelledTitle{std::move(title), clickbait, source});
  }
  if (in.bad()) return MakeError(ErrorCode::kUnavailable, "read error", path.string());
  return titles;
}

Result<ClickbaitImportStats> ImportClickbaitTitles(Store& store,
                                                   const std::filesystem::path& positive,
                                                   const std::filesystem::path& negative,
                                                   const std::string& source) {
  VV_ASSIGN_OR_RETURN(std::vector<LabelledTitle> pos, ReadTitleFile(positive, true, source));
  VV_ASSIGN_OR_RETURN(std::vector<LabelledTitle> neg, ReadTitleFile(negative, false, source));
  ClickbaitImportStats stats;
  // title -> label seen; -1 marks a title found in both files.
  std::map<std::string, int> labels;
  for (const auto* list : {&pos, &neg}) {
    for (const auto& t : *list) {
      auto [it, inserted] = labels.emplace(t.title, t.clickbait ? 1 : 0);
      if (inserted) continue;
      if (it->second == (t.clickbait ? 1 : 0)) {
        ++stats.duplicates;
      } else if (it->second != -1) {
        it->second = -1;
      }
    }
  }
  std::vector<LabelledTitle> keep;
  for (const auto& [title, label] : labels) {
    if (label == -1) {
      ++stats.conflicting;
      continue;
    }
    keep.push_back(LabelledTitle{title, label == 1, source});
    ++(label == 1 ? stats.positive : stats.negative);
  }
  VV_RETURN_IF_ERROR(InTransaction(store, [&]() -> Status {
    constexpr size_t kBatch = 5000;
    for (size_t i = 0; i < keep.size(); i += kBatch) {
      const size_t n = std::min(kBatch, keep.size() - i);
      VV_RETURN_IF_ERROR(store.UpsertLabelledTitles(std::span(keep).subspan(i, n)));
    }
    return {};
  }));
  return stats;
}

}  // namespace vv::train
