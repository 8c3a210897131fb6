#pragma once
// Checks a fastText .bin before libfasttext 0.9.2 reads it. Its loader trusts every number in the
// file: a truncated model made it read past the end, loop on EOF or allocate whatever a header
// said, and crash `vv serve` (issue 14). So every size, count and offset is checked here against
// the bytes actually present, and the numbers prediction indexes with (rows, dimensions, buckets,
// label names) against one another, before a single allocation depends on them.
#include <string>
#include <string_view>

#include "core/result.h"

namespace vv {

// Ok when `bytes` are a supervised, non-quantized fastText model (file format 12) that
// libfasttext can load and FastTextInference can index without going out of bounds; otherwise a
// kDataLoss error saying what is wrong and at which byte, with `file` as its path.
Status CheckFastTextBin(std::string_view bytes, const std::string& file);

}  // namespace vv
