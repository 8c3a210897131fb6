#include "models/batch_predict.h"

#include <algorithm>
#include <exception>
#include <thread>

namespace vv {

namespace {

// Below this many videos per worker a thread costs more than it saves.
constexpr size_t kMinVideosPerThread = 16;

void PredictRange(const std::vector<std::shared_ptr<const Model>>& models,
                  const std::vector<VideoInput>& inputs, size_t begin, size_t end,
                  std::vector<std::vector<Result<nlohmann::json>>>& out) {
  // Model by model: each model's weights stay in cache across the slice.
  for (size_t i = begin; i < end; ++i) out[i].reserve(models.size());
  for (const auto& model : models) {
    for (size_t i = begin; i < end; ++i) out[i].push_back(model->Predict(inputs[i]));
  }
}

}  // namespace

std::vector<std::vector<Result<nlohmann::json>>> PredictBatch(
    const std::vector<std::shared_ptr<const Model>>& models, const std::vector<VideoInput>& inputs,
    int threads) {
  std::vector<std::vector<Result<nlohmann::json>>> out(inputs.size());
  const size_t n = inputs.size();
  const size_t workers =
      std::clamp<size_t>(n / kMinVideosPerThread, 1, static_cast<size_t>(std::max(threads, 1)));
  // Contiguous slices: each worker writes its own rows of out, nothing is shared but reads.
  std::vector<std::thread> pool;
  std::vector<std::exception_ptr> failures(workers);  // a bug in a worker reaches the caller
  const size_t slice = (n + workers - 1) / workers;
  for (size_t w = 1; w < workers; ++w) {
    const size_t begin = std::min(n, w * slice), end = std::min(n, begin + slice);
    pool.emplace_back([&, w, begin, end] {
      try {
        PredictRange(models, inputs, begin, end, out);
      } catch (...) {
        failures[w] = std::current_exception();
      }
    });
  }
  try {
    PredictRange(models, inputs, 0, std::min(n, slice), out);
  } catch (...) {
    failures[0] = std::current_exception();
  }
  for (auto& t : pool) t.join();
  for (const auto& f : failures) {
    if (f) std::rethrow_exception(f);
  }
  return out;
}

}  // namespace vv
