// libFuzzer target for the request parser and validator: any bytes must give either a
// VideoInput or an error value with a JSON path, never a crash, hang or exception.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "serve/request_parser.h"
#include "serve/video_sax.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  vv::serve::Limits limits;
  auto video = vv::serve::ParseVideoBody(body, limits);
  if (!video.ok() && video.error().path.rfind("$", 0) != 0) std::abort();  // every error names where
  if (video.ok()) {
    for (const char* model : {"velocity", "viral", "clickbait", "genre", "tags", "anomaly"}) {
      (void)vv::serve::CheckRequiredFields(model, *video, "$");
    }
    std::string key;
    vv::serve::AppendCanonical(*video, &key);
  }
  // The fast JSON path must answer exactly as nlohmann's parser alone does.
  for (bool batch : {false, true}) {
    auto fast = vv::serve::RunVideoSax(body, batch, 1000, limits, /*fast=*/true);
    auto slow = vv::serve::RunVideoSax(body, batch, 1000, limits, /*fast=*/false);
    if (fast.ok() != slow.ok()) std::abort();
    if (!fast.ok() && (fast.error().message != slow.error().message ||
                       fast.error().path != slow.error().path)) {
      std::abort();
    }
    if (fast.ok()) {
      std::string a, b;
      for (const auto& v : *fast) vv::serve::AppendCanonical(v, &a);
      for (const auto& v : *slow) vv::serve::AppendCanonical(v, &b);
      if (a != b) std::abort();
    }
  }
  auto batch = vv::serve::ParseBatchBody(body, 1000, limits);
  if (!batch.ok() && batch.error().path.rfind("$", 0) != 0) std::abort();
  auto any = vv::serve::ParseJsonBody(body);
  if (!any.ok() && any.error().path != "$") std::abort();
  return 0;
}
