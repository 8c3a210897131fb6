// libFuzzer target for a model's aliases.json: any bytes must leave alias resolution, promote,
// rollback, listing and the server's reload with a value, never an exception or a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "artifact_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto& root = vv::fuzz::ScratchRegistry();
  const auto aliases = root / vv::fuzz::kModel / "aliases.json";
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  vv::fuzz::WriteFile(aliases, bytes);
  vv::fuzz::ExerciseRegistry(root);
  // The writers read the file first: they must refuse it, or rewrite it whole.
  vv::registry::Registry reg(root);
  (void)reg.Promote(vv::fuzz::kModel, "v2");
  vv::fuzz::WriteFile(aliases, bytes);
  (void)reg.Rollback(vv::fuzz::kModel);
  vv::fuzz::WriteFile(aliases, bytes);
  (void)reg.SetChallenger(vv::fuzz::kModel, "v1");
  return 0;
}
