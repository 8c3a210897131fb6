#pragma once
// Predictions of several models for a batch of videos, the batch split across threads. Models
// are const and thread-safe (one loaded model serves every thread), so the workers share them
// and keep only their outputs apart.
#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "models/model.h"

namespace vv {

// out[i][m] = models[m]->Predict(inputs[i]). threads <= 1, or a batch too small to be worth a
// thread start (tens of microseconds), runs on the calling thread.
std::vector<std::vector<Result<nlohmann::json>>> PredictBatch(
    const std::vector<std::shared_ptr<const Model>>& models, const std::vector<VideoInput>& inputs,
    int threads);

}  // namespace vv
