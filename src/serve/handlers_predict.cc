// POST /v1/predict/{model}, POST /v1/predict (all six), POST /v1/predict/batch.
#include <algorithm>
#include <array>
#include <limits>
#include <optional>
#include <span>

#include "core/json_text.h"
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

json ErrorEntry(std::string_view code, const std::string& message, const std::string& path) {
  return {{"error", {{"code", code}, {"message", message}, {"path", path}}}};
}

// Why a model gives no prediction for this video (not loaded, a required field missing), as its
// entry of a /v1/predict answer; nullopt when it can predict.
std::optional<json> Unanswerable(const LoadedModel* loaded, const std::string& name,
                                 const std::string& path, const VideoInput& input) {
  if (!loaded) {
    return ErrorEntry("unavailable", "model '" + name + "' is not loaded (no champion)", "");
  }
  Status required = CheckRequiredFields(name, input, path);
  if (!required.ok()) {
    return ErrorEntry("invalid_argument", required.error().message, required.error().path);
  }
  return std::nullopt;
}

// The object {"<model>": {"prediction", "version"} or {"error"}, ...} for the given models as
// dump() writes it (names sorted, as dump() orders keys) without building the tree, and each
// model's headline number in its drift column. path is where the video sits in the request.
void AppendPredictions(const ModelSnapshot& snapshot, std::vector<std::string> names,
                       const std::string& path, const VideoInput& input, std::string* out,
                       std::span<double> drift) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  out->push_back('{');
  for (const auto& name : names) {
    if (out->back() != '{') out->push_back(',');
    AppendJsonString(name, out);
    out->push_back(':');
    const LoadedModel* loaded = snapshot.Find(name);
    if (auto entry = Unanswerable(loaded, name, path, input)) {
      out->append(entry->dump());
      continue;
    }
    const size_t start = out->size();
    double headline = std::numeric_limits<double>::quiet_NaN();
    out->append("{\"prediction\":");
    Status predicted = loaded->model->AppendPrediction(input, out, &headline);
    if (!predicted.ok()) {
      out->resize(start);
      const Error e = PublicError(predicted.error());
      out->append(ErrorEntry(ErrorCodeSlug(e.code), e.message, e.path).dump());
      continue;
    }
    out->append(",\"version\":");
    AppendJsonString(loaded->version, out);
    out->push_back('}');
    int column = DriftMonitor::PredictionColumn(name);
    if (column >= 0) drift[column] = headline;
  }
  out->push_back('}');
}

using DriftRow = std::array<double, DriftMonitor::kPredictionColumns>;

DriftRow EmptyDriftRow() {
  DriftRow row;
  row.fill(std::numeric_limits<double>::quiet_NaN());
  return row;
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
      api.drift().Record(*input, [&] {
        return json{{std::string(name), json::parse(*hit, nullptr, false)}};
      });
      return;
    }
  }
  // {"model", "prediction", "version"} as dump() writes it, the prediction's text from the model.
  std::string& body = response.body;
  body.reserve(1024);
  body.append("{\"model\":");
  AppendJsonString(loaded->name, &body);
  body.append(",\"prediction\":");
  double headline = std::numeric_limits<double>::quiet_NaN();
  Status predicted = loaded->model->AppendPrediction(*input, &body, &headline);
  if (!predicted.ok()) {
    body.clear();
    return WriteError(predicted.error(), &response);
  }
  body.append(",\"version\":");
  AppendJsonString(loaded->version, &body);
  body.push_back('}');
  DriftRow drift = EmptyDriftRow();
  if (int column = DriftMonitor::PredictionColumn(name); column >= 0) drift[column] = headline;
  api.drift().RecordPredictions(*input, drift);
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
      api.drift().Record(*input, [&] {
        return json::parse(*hit, nullptr, false).value("predictions", json());
      });
      return;
    }
  }
  DriftRow drift = EmptyDriftRow();
  response.body.reserve(4096);
  response.body.append("{\"predictions\":");
  AppendPredictions(*snapshot, ModelNames(), "$", *input, &response.body, drift);
  response.body.push_back('}');
  api.drift().RecordPredictions(*input, drift);
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
  // {"count", "results"} as dump() writes it.
  std::string& body = response.body;
  body.reserve(videos->size() * 2048 + 64);
  body.append("{\"count\":").append(std::to_string(videos->size())).append(",\"results\":[");
  for (size_t i = 0; i < videos->size(); ++i) {
    if (i > 0) body.push_back(',');
    DriftRow drift = EmptyDriftRow();
    AppendPredictions(*snapshot, *names, IndexPath("$.videos", i), (*videos)[i], &body, drift);
    api.drift().RecordPredictions((*videos)[i], drift);
  }
  body.append("]}");
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
