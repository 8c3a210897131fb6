// libFuzzer target for the fastText .bin loader (models/fasttext_check.h): any bytes must give a
// model that predicts or an error value naming the file, never a crash, hang or huge allocation.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "models/fasttext_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto model = vv::FastTextClassifier::FromBytes(bytes, "fuzz.bin", "fuzz");
  if (!model.ok()) {
    if (model.error().path != "fuzz.bin") std::abort();  // every error names the file
    return 0;
  }
  // Known words, unknown ones (character n-grams), labels as tokens, the end-of-line token.
  const auto& m = **model;
  for (const char* line : {"goal match league", "zq café 🔥 __label__music", "</s> a", ""}) {
    (void)m.Predict(line, -1);
    (void)m.Predict(line, 2, 0.1);
    (void)m.PredictReference(line, 1);
    for (const auto& label : m.Labels()) (void)m.LabelProbability(line, label);
  }
  (void)m.PredictIds({"goal", "zz"}, 3);
  return 0;
}
