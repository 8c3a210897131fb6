#pragma once
// `vv import clickbait --positive FILE --negative FILE`: labelled titles, one per line (the
// format of the Chakraborty et al. 2016 set). Blank lines are skipped; invalid UTF-8 is refused
// naming file:line; everything is stored in one transaction or not at all.
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/types.h"
#include "store/store.h"

namespace vv::train {

// Reads one file of titles, all with the given label.
Result<std::vector<LabelledTitle>> ReadTitleFile(const std::filesystem::path& path, bool clickbait,
                                                 const std::string& source);

struct ClickbaitImportStats {
  size_t positive = 0;
  size_t negative = 0;
  size_t conflicting = 0;  // titles present in both files: left out (no label to trust)
  size_t duplicates = 0;   // repeats within one file
};

// Reads both files, then upserts the titles in one transaction.
Result<ClickbaitImportStats> ImportClickbaitTitles(Store& store,
                                                   const std::filesystem::path& positive,
                                                   const std::filesystem::path& negative,
                                                   const std::string& source);

}  // namespace vv::train
