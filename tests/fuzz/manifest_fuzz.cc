// libFuzzer target for manifest.json: any bytes as the champion's manifest must leave every
// registry reader and the server's reload with a value (a load, or an error naming the file),
// never an exception, a crash or a read outside the version directory.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "artifact_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto& root = vv::fuzz::ScratchRegistry();
  vv::fuzz::WriteFile(root / vv::fuzz::kModel / "v1" / "manifest.json",
                      std::string_view(reinterpret_cast<const char*>(data), size));
  vv::fuzz::ExerciseRegistry(root);
  return 0;
}
