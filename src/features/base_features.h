#pragma once
// Features known before any view is counted: the channel, the metadata and the title's shape.
// Unknown values are NaN (XGBoost routes them by its learned default direction), never zero.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.h"

namespace vv::features {

inline constexpr size_t kNumBaseFeatures = 22;

// Column names, in the order ComputeBaseFeatures writes them.
const std::vector<std::string>& BaseFeatureNames();

// Writes kNumBaseFeatures values into out. channel may be null (unknown).
void ComputeBaseFeatures(const Video& video, const Channel* channel, float* out);

// Title signals, exposed for tests and for other models that show them.
struct TitleSignals {
  int length = 0;        // code points
  int words = 0;
  float caps_ratio = 0;  // upper-case ASCII letters / ASCII letters (0 when no letters)
  int punctuation = 0;   // ASCII punctuation characters
  int digits = 0;
  int questions = 0;
  int exclamations = 0;
  int second_person = 0;  // you, your, you're, u, ...
  int superlatives = 0;   // best, worst, most, ever, biggest, ...
  int emoji = 0;          // code points in the emoji and pictograph blocks
};
TitleSignals ComputeTitleSignals(std::string_view title);

}  // namespace vv::features
