// POST /v1/predict/{model}, POST /v1/predict (all six), POST /v1/predict/batch.
#include <algorithm>

#include "serve/api.h"
#include "serve/errors.h"
#include "serve/request_parser.h"

namespace vv::serve {

namespace {

using nlohmann::json;

bool IsModelName(std::string_view name) {
  const auto& names = ModelNames();
  return std::find(names.begin(), names.end(), name) != names.end();
}

// One model's answer for one video, or its error, as a JSON object.
json PredictOne(const LoadedModel& loaded, const VideoInput& input) {
  auto prediction = loaded.model->Predict(input);
  if (!prediction.ok()) {
    const Error& e = prediction.error();
    return {{"error",
             {{"code", ErrorCodeSlug(e.code)}, {"message", e.message}, {"path", e.path}}}};
  }
  return {{"version", loaded.version}, {"prediction", std::move(prediction).value()}};
}

// Every requested model for one video: {"velocity": {...}, "viral": {...}, ...}. Models that
// are not loaded or lack a required field answer with an error entry; the others still answer.
json PredictMany(const ModelSnapshot& snapshot, const std::vector<std::string>& names,
                 const std::string& path, const VideoInput& input) {
  json out = json::object();
  for (const auto& name : names) {
    const LoadedModel* loaded = snapshot.Find(name);
    if (!loaded) {
      out[name] = {{"error",
                    {{"code", "unavailable"},
                     {"message", "model '" + name + "' is not loaded (no champion)"},
                     {"path", ""}}}};
      continue;
    }
    Status required = CheckRequiredFields(name, input, path);
    if (!required.ok()) {
      out[name] = {{"error",
                    {{"code", "invalid_argument"},
                     {"message", required.error().message},
                     {"path", required.error().path}}}};
      continue;
    }
    out[name] = PredictOne(*loaded, input);
  }
  return out;
}

void PredictSingle(Api& api, Request& request, Response& response) {
  std::string_view name = request.Param("model");
  if (!IsModelName(name)) {
    WriteError(MakeError(ErrorCode::kNotFound,
                         "unknown model '" + std::string(name) +
                             "' (velocity, viral, clickbait, genre, tags, anomaly)",
                         std::string(request.path)),
               &response);
    return;
  }
  auto input = ParseVideoBody(request.body, api.config().limits);
  if (!input.ok()) return WriteError(input.error(), &response);
  Status required = CheckRequiredFields(name, *input, "$");
  if (!required.ok()) return WriteError(required.error(), &response);
  auto snapshot = api.models().Current();  // held until the answer is built: hot reload safe
  const LoadedModel* loaded = snapshot->Find(name);
  if (!loaded) {
    return WriteError(MakeError(ErrorCode::kUnavailable,
                                "model '" + std::string(name) + "' is not loaded (no champion)",
                                std::string(request.path)),
                      &response);
  }
  std::string key;
  if (api.cache().enabled()) {
    key.reserve(request.body.size() + 32);
    key.append(name).append("@").append(loaded->version).push_back('\n');
    AppendCanonical(*input, &key);
    if (auto hit = api.cache().Get(key)) {
      response.body = *hit;
      api.drift().Record(*input, json{{std::string(name), json::parse(*hit, nullptr, false)}});
      return;
    }
  }
  auto prediction = loaded->model->Predict(*input);
  if (!prediction.ok()) return WriteError(prediction.error(), &response);
  json answer = {{"model", loaded->name},
                 {"version", loaded->version},
                 {"prediction", std::move(prediction).value()}};
  api.drift().Record(*input, json{{std::string(name), answer}});
  response.body = answer.dump();
  if (!key.empty()) api.cache().Put(key, std::make_shared<const std::string>(response.body));
}

void PredictAll(Api& api, Request& request, Response& response) {
  auto input = ParseVideoBody(request.body, api.config().limits);
  if (!input.ok()) return WriteError(input.error(), &response);
  auto snapshot = api.models().Current();
  std::string key;
  if (api.cache().enabled()) {
    key = "all";
    for (const auto& name : ModelNames()) {
      const LoadedModel* loaded = snapshot->Find(name);
      key.append(" ").append(name).append("@").append(loaded ? loaded->version : "-");
    }
    key.push_back('\n');
    AppendCanonical(*input, &key);
    if (auto hit = api.cache().Get(key)) {
      response.body = *hit;
      api.drift().Record(*input, json::parse(*hit, nullptr, false).value("predictions", json()));
      return;
    }
  }
  json answer = {{"predictions", PredictMany(*snapshot, ModelNames(), "$", *input)}};
  api.drift().Record(*input, answer["predictions"]);
  response.body = answer.dump();
  if (!key.empty()) api.cache().Put(key, std::make_shared<const std::string>(response.body));
}

// ?models=viral,velocity restricts a batch to some models; default all six.
Result<std::vector<std::string>> BatchModels(const Request& request) {
  std::string list;
  if (!QueryParam(request.query, "models", &list) || list.empty()) return ModelNames();
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= list.size()) {
    size_t end = list.find(',', i);
    if (end == std::string::npos) end = list.size();
    std::string name = list.substr(i, end - i);
    if (!IsModelName(name)) {
      return MakeError(ErrorCode::kInvalidArgument, "unknown model '" + name + "'",
                       "?models");
    }
    out.push_back(std::move(name));
    i = end + 1;
  }
  return out;
}

void PredictBatch(Api& api, Request& request, Response& response) {
  auto names = BatchModels(request);
  if (!names.ok()) return WriteError(names.error(), &response);
  auto videos = ParseBatchBody(request.body, api.config().max_batch, api.config().limits);
  if (!videos.ok()) return WriteError(videos.error(), &response);
  auto snapshot = api.models().Current();
  json results = json::array();
  for (size_t i = 0; i < videos->size(); ++i) {
    results.push_back(
        PredictMany(*snapshot, *names, IndexPath("$.videos", i), (*videos)[i]));
    api.drift().Record((*videos)[i], results.back());
  }
  json answer = {{"count", videos->size()}, {"results", std::move(results)}};
  response.body = answer.dump();
}

}  // namespace

void AddPredictRoutes(Api& api, Router& router) {
  std::vector<int> errors = {400, 404, 413, 415, 503};
  router.Add({"POST", "/v1/predict/batch",
              [&api](Request& q, Response& r) { PredictBatch(api, q, r); },
              {.operation_id = "predictBatch",
               .summary = "All six (or ?models=a,b) predictions for up to max_batch videos",
               .tag = "predictions",
               .request_schema = "BatchRequest",
               .response_schema = "BatchResponse",
               .query = {{"models", "string", "comma-separated model names; default all six"}},
               .error_statuses = errors}});
  router.Add({"POST", "/v1/predict", [&api](Request& q, Response& r) { PredictAll(api, q, r); },
              {.operation_id = "predictAll",
               .summary = "All six predictions for one video",
               .tag = "predictions",
               .request_schema = "VideoInput",
               .response_schema = "AllPredictions",
               .error_statuses = errors}});
  router.Add({"POST", "/v1/predict/{model}",
              [&api](Request& q, Response& r) { PredictSingle(api, q, r); },
              {.operation_id = "predictOne",
               .summary = "One model's prediction for one video",
               .tag = "predictions",
               .request_schema = "VideoInput",
               .response_schema = "Prediction",
               .path_enums = {{"model", ModelNames()}},
               .error_statuses = errors}});
}

}  // namespace vv::serve
