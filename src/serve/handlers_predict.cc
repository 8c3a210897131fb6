// POST /v1/predict/{model}, POST /v1/predict (all six), POST /v1/predict/batch.
#include <algorithm>
#include <array>
#include <chrono>
#include <initializer_list>
#include <limits>
#include <optional>
#include <span>

#include "core/json_text.h"
#include "core/time_util.h"
#include "serve/api.h"
#include "serve/errors.h"
#include "serve/input_sanity.h"
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

// The model's prediction, counted with its latency in the version's /metrics series.
Status TimedPrediction(const LoadedModel& loaded, const VideoInput& input, std::string* out,
                       double* headline) {
  const auto start = std::chrono::steady_clock::now();
  Status predicted = loaded.model->AppendPrediction(input, out, headline);
  if (loaded.stats) {
    loaded.stats->RecordPrediction(std::chrono::steady_clock::now() - start, predicted.ok());
  }
  return predicted;
}

// A cache lookup of these models' answers, counted per model version (an all-six answer from
// the cache is each model's answer from the cache).
void CountCache(const ModelSnapshot& snapshot, bool hit) {
  for (const auto& [name, loaded] : snapshot.models) {
    if (loaded.stats) loaded.stats->RecordCache(hit);
  }
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
    Status predicted = TimedPrediction(*loaded, input, out, &headline);
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

// The cache key of an answer: what was asked, of which model versions, for which input.
std::string CacheKey(std::initializer_list<std::string_view> models, const VideoInput& input,
                     size_t body_bytes) {
  std::string key;
  key.reserve(body_bytes + 64);
  for (std::string_view part : models) key.append(part);
  key.push_back('\n');
  AppendCanonical(input, &key);
  return key;
}

// A single video's predictions measured cheaper than this run on the network thread: handing
// them to a worker costs more CPU than they do (two thread wake-ups: ~20 us a request on the
// 2-core benchmark machine, where viral takes 3 us), and 50 us does not hold up the cheap
// routes. The slower ones (there tags ~150 us, all six ~350 us) go to the pool, as every batch.
constexpr std::chrono::microseconds kInlineBudget{50};
// The WorkCosts key of the all-six prediction; a single model's is its index in ModelNames().
constexpr size_t kAllSixKey = 6;

size_t ModelKey(std::string_view name) {
  const auto& names = ModelNames();
  return static_cast<size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

// Runs a prepared prediction now when its key has been cheap lately (returning an empty
// Handler), else returns it for the pool; either way its time is measured.
template <typename Predict>
Handler NowOrLater(Api& api, size_t key, Predict predict, Response& response) {
  auto timed = [&api, key, predict = std::move(predict)](Response& r) {
    auto start = std::chrono::steady_clock::now();
    predict(r);
    api.work_costs().Record(key, std::chrono::steady_clock::now() - start);
  };
  if (!api.work_costs().Cheap(key, kInlineBudget)) {
    return [timed = std::move(timed)](Request&, Response& r) { timed(r); };
  }
  timed(response);
  return nullptr;
}

// {"model", "prediction", "version", "warnings"} as dump() writes it, the prediction's text from
// the model. The cache holds the answer without its warnings (they depend on the clock).
void PredictOne(Api& api, const LoadedModel& loaded, const VideoInput& input,
                const std::string& key, const std::vector<InputNote>& warnings,
                Response& response) {
  std::string& body = response.body;
  body.reserve(1024);
  body.append("{\"model\":");
  AppendJsonString(loaded.name, &body);
  body.append(",\"prediction\":");
  double headline = std::numeric_limits<double>::quiet_NaN();
  Status predicted = TimedPrediction(loaded, input, &body, &headline);
  if (!predicted.ok()) {
    body.clear();
    return WriteError(predicted.error(), &response);
  }
  body.append(",\"version\":");
  AppendJsonString(loaded.version, &body);
  body.push_back('}');
  DriftRow drift = EmptyDriftRow();
  if (int column = DriftMonitor::PredictionColumn(loaded.name); column >= 0) {
    drift[column] = headline;
  }
  api.drift().RecordPredictions(input, drift);
  if (!key.empty()) api.cache().Put(key, std::make_shared<const std::string>(response.body));
  AppendWarnings(warnings, &response.body);
}

// On the network thread: the body's parse and checks, and the cache. A miss predicts, holding
// the parsed input and the snapshot it was checked against.
Handler PrepareSingle(Api& api, Request& request, Response& response) {
  std::string_view name = request.Param("model");
  if (!IsModelName(name)) {
    WriteError(MakeError(ErrorCode::kNotFound,
                         "unknown model '" + std::string(name) +
                             "' (velocity, viral, clickbait, genre, tags, anomaly)",
                         std::string(request.path)),
               &response);
    return nullptr;
  }
  auto input = ParseVideoBody(request.body, api.config().limits);
  if (!input.ok()) {
    WriteError(input.error(), &response);
    return nullptr;
  }
  if (auto impossible = ImpossibleInputs(*input, "$"); !impossible.empty()) {
    WriteFieldErrors(impossible, &response);
    return nullptr;
  }
  Status required = CheckRequiredFields(name, *input, "$");
  if (!required.ok()) {
    WriteError(required.error(), &response);
    return nullptr;
  }
  const std::string model_name(name);
  auto warnings = UnusualInputs(*input, "$", Now(), std::span(&model_name, 1));
  auto snapshot = api.models().Current();  // held until the answer is built: hot reload safe
  const LoadedModel* loaded = snapshot->Find(name);
  if (!loaded) {
    WriteError(MakeError(ErrorCode::kUnavailable,
                         "model '" + std::string(name) + "' is not loaded (no champion)",
                         std::string(request.path)),
               &response);
    return nullptr;
  }
  std::string key;
  if (api.cache().enabled()) {
    key = CacheKey({name, "@", loaded->version}, *input, request.body.size());
    auto hit = api.cache().Get(key);
    if (loaded->stats) loaded->stats->RecordCache(hit != nullptr);
    if (hit) {
      response.body = *hit;
      api.drift().Record(*input, [&] {
        return json{{std::string(name), json::parse(*hit, nullptr, false)}};
      });
      AppendWarnings(warnings, &response.body);
      return nullptr;
    }
  }
  return NowOrLater(
      api, ModelKey(name),
      [&api, snapshot, loaded, input = std::move(input).value(), key = std::move(key),
       warnings = std::move(warnings)](Response& r) {
        PredictOne(api, *loaded, input, key, warnings, r);
      },
      response);
}

// All six for one video: like PrepareSingle, the cache on the network thread.
Handler PrepareAll(Api& api, Request& request, Response& response) {
  auto input = ParseVideoBody(request.body, api.config().limits);
  if (!input.ok()) {
    WriteError(input.error(), &response);
    return nullptr;
  }
  if (auto impossible = ImpossibleInputs(*input, "$"); !impossible.empty()) {
    WriteFieldErrors(impossible, &response);
    return nullptr;
  }
  auto warnings = UnusualInputs(*input, "$", Now(), ModelNames());
  auto snapshot = api.models().Current();
  std::string key;
  if (api.cache().enabled()) {
    std::string models = "all";
    for (const auto& name : ModelNames()) {
      const LoadedModel* loaded = snapshot->Find(name);
      models.append(" ").append(name).append("@").append(loaded ? loaded->version : "-");
    }
    key = CacheKey({models}, *input, request.body.size());
    auto hit = api.cache().Get(key);
    CountCache(*snapshot, hit != nullptr);
    if (hit) {
      response.body = *hit;
      api.drift().Record(*input, [&] {
        return json::parse(*hit, nullptr, false).value("predictions", json());
      });
      AppendWarnings(warnings, &response.body);
      return nullptr;
    }
  }
  auto predict = [&api, snapshot, input = std::move(input).value(), key = std::move(key),
                  warnings = std::move(warnings)](Response& r) {
    DriftRow drift = EmptyDriftRow();
    r.body.reserve(4096);
    r.body.append("{\"predictions\":");
    AppendPredictions(*snapshot, ModelNames(), "$", input, &r.body, drift);
    r.body.push_back('}');
    api.drift().RecordPredictions(input, drift);
    if (!key.empty()) api.cache().Put(key, std::make_shared<const std::string>(r.body));
    AppendWarnings(warnings, &r.body);
  };
  return NowOrLater(api, kAllSixKey, std::move(predict), response);
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
  std::vector<Error> impossible;
  std::vector<InputNote> warnings;
  const Timestamp now = Now();
  for (size_t i = 0; i < videos->size(); ++i) {
    const std::string path = IndexPath("$.videos", i);
    for (auto& e : ImpossibleInputs((*videos)[i], path)) impossible.push_back(std::move(e));
    for (auto& w : UnusualInputs((*videos)[i], path, now, *names)) warnings.push_back(std::move(w));
  }
  if (!impossible.empty()) return WriteFieldErrors(impossible, &response);
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
  AppendWarnings(warnings, &body);
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
               .error_statuses = errors},
              /*heavy=*/true});
  router.Add({"POST", "/v1/predict", nullptr,
              {.operation_id = "predictAll",
               .summary = "All six predictions for one video",
               .tag = "predictions",
               .request_schema = "VideoInput",
               .response_schema = "AllPredictions",
               .error_statuses = errors},
              /*heavy=*/true,
              [&api](Request& q, Response& r) { return PrepareAll(api, q, r); }});
  router.Add({"POST", "/v1/predict/{model}", nullptr,
              {.operation_id = "predictOne",
               .summary = "One model's prediction for one video",
               .tag = "predictions",
               .request_schema = "VideoInput",
               .response_schema = "Prediction",
               .path_enums = {{"model", ModelNames()}},
               .error_statuses = errors},
              /*heavy=*/true,
              [&api](Request& q, Response& r) { return PrepareSingle(api, q, r); }});
}

}  // namespace vv::serve
