#include "serve/api.h"

#include <cstdio>
#include <exception>

#include "monitor/store_sample.h"
#include "serve/drift_recorder.h"
#include "serve/access_log.h"
#include "serve/errors.h"
#include "serve/http_types.h"

namespace vv::serve {

const std::vector<std::string>& ModelNames() {
  static const std::vector<std::string> kNames = {"velocity", "viral", "clickbait",
                                                  "genre",    "tags",  "anomaly"};
  return kNames;
}

Api::Api(ServeConfig config, std::shared_ptr<ModelSet> models, std::unique_ptr<Store> store)
    : config_(std::move(config)),
      models_(std::move(models)),
      store_(std::move(store)),
      cache_(config_.cache_entries, config_.cache_ttl),
      web_(config_.web_dir),
      started_(std::chrono::steady_clock::now()) {
  AddRoutes();
  drift_.SetThresholds(config_.drift_thresholds);
  BuildDriftReference();
  recorder_ = std::make_unique<DriftRecorder>(*this);
  if (drift_.available()) recorder_->Start(config_.drift_record_interval);
  std::vector<std::string> labels;
  for (const auto& route : router_.routes()) labels.push_back(route.method + " " + route.pattern);
  metrics_ = std::make_unique<ServerMetrics>(std::move(labels));
}

// The recorder's last report (rows that arrived since its last one) is stored here, after the
// server stopped answering: a restart keeps the drift history.
Api::~Api() { recorder_->Stop(); }

void Api::AddRoutes() {
  // Order matters where patterns overlap: /v1/predict/batch before /v1/predict/{model}.
  AddPredictRoutes(*this, router_);
  AddStoreRoutes(*this, router_);
  AddAnalyzeRoutes(*this, router_);
  AddModelRoutes(*this, router_);
  AddMetricsRoutes(*this, router_);
  AddDriftRoutes(*this, router_);
  AddHealthRoutes(*this, router_);
  AddOpenApiRoutes(*this, router_);
}

namespace {

// Up to `max` videos with a publication time, spread evenly over the sample, each as of its first
// snapshot with views (what a live request about a new video carries): the inputs whose
// predictions are the reference of the prediction columns.
std::vector<VideoInput> ReferenceInputs(const monitor::StoreSample& sample, size_t max) {
  std::vector<const Video*> published;
  for (const Video& v : sample.videos) {
    if (v.published_at) published.push_back(&v);
  }
  std::vector<VideoInput> inputs;
  const size_t n = std::min(max, published.size());
  for (size_t k = 0; k < n; ++k) {
    const Video& v = *published[k * published.size() / n];
    VideoInput input;
    input.video = v;
    if (auto c = sample.channels.find(v.channel_id); c != sample.channels.end()) {
      input.channel = c->second;
    }
    if (auto s = sample.snapshots.find(v.id); s != sample.snapshots.end()) {
      for (const Snapshot& snap : s->second) {
        if (!snap.views) continue;
        input.snapshots.push_back(snap);
        input.as_of = snap.captured_at;
        break;
      }
    }
    inputs.push_back(std::move(input));
  }
  return inputs;
}

}  // namespace

// The reference for GET /v1/drift: every video of the store at start (the data the models were
// trained on, or its successor), through the same feature code as `vv drift`.
void Api::BuildDriftReference() {
  if (!store_.open()) return;  // DriftMonitor already says "no store is open"
  struct Reference {
    monitor::Columns features;
    std::vector<VideoInput> inputs;
  };
  auto built = store_.With([](Store& store) -> Result<Reference> {
    VV_ASSIGN_OR_RETURN(auto sample, monitor::LoadStoreSample(store));
    return Reference{monitor::SampleFeatureColumns(sample),
                     ReferenceInputs(sample, DriftMonitor::kReferenceInputs)};
  });
  if (!built.ok()) {
    // The store's error names database hosts and users: the log gets it, clients do not.
    std::fprintf(stderr, "%s\n",
                 nlohmann::json({{"level", "error"},
                                 {"msg", "reading the drift reference from the store failed"},
                                 {"error", built.error().ToString()}})
                     .dump()
                     .c_str());
    drift_.SetUnavailable(
        "reading the reference sample from the store failed (the server log has the details)");
    return;
  }
  drift_.SetReference(std::move(built->features), std::move(built->inputs),
                      {{"source", "store videos at server start"}});
}

bool Api::Authorize(const Request& request, Response& response) const {
  if (config_.admin_token.empty()) {
    WriteHttpError(HttpError::kForbidden,
                   "admin routes are off: start vv serve with VV_ADMIN_TOKEN set to enable them",
                   std::string(request.path), &response);
    return false;
  }
  std::string_view given = BearerToken(request.authorization);
  bool ok = !given.empty();
  if (ok) {
    // Constant-time comparison: the token is a secret.
    const std::string& want = config_.admin_token;
    unsigned char diff = given.size() == want.size() ? 0 : 1;
    for (size_t i = 0; i < given.size(); ++i) {
      diff |= static_cast<unsigned char>(given[i] ^ want[i % want.size()]);
    }
    ok = diff == 0;
  }
  if (!ok) {
    WriteHttpError(HttpError::kUnauthorized,
                   "this route needs the header 'Authorization: Bearer <VV_ADMIN_TOKEN>'",
                   "Authorization", &response);
    response.headers.emplace_back("WWW-Authenticate", "Bearer");
  }
  return ok;
}

void Api::AddCors(const Request& request, Response& response) const {
  if (config_.cors_origins.empty() || request.origin.empty()) return;
  bool allowed = config_.cors_origins == "*";
  if (!allowed) {
    std::string_view list = config_.cors_origins;
    size_t i = 0;
    while (i <= list.size() && !allowed) {
      size_t end = list.find(',', i);
      if (end == std::string_view::npos) end = list.size();
      std::string_view item = list.substr(i, end - i);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
      allowed = item == request.origin;
      i = end + 1;
    }
  }
  if (!allowed) return;
  response.headers.emplace_back("Access-Control-Allow-Origin",
                                config_.cors_origins == "*" ? "*" : std::string(request.origin));
  response.headers.emplace_back("Access-Control-Expose-Headers", "X-Request-Id");
  if (config_.cors_origins != "*") response.headers.emplace_back("Vary", "Origin");
}

namespace {

// A bug, not bad input (DESIGN.md "Errors"): answer 500 and keep serving.
// A bug, not bad input (DESIGN.md "Errors"): answer 500 and keep serving. No path: what() may
// name server files, so the client gets the generic message.
void WriteInternal(const std::exception& e, Response* response) {
  *response = Response();
  WriteError(MakeError(ErrorCode::kInternal, std::string("internal error: ") + e.what()), response);
}

// A matched route's first step: all of a cheap route; a heavy route's prepare, or nothing.
Handler FirstStep(const Route& route, Request& request, Response& response) {
  if (!route.heavy) {
    route.handler(request, response);
    return nullptr;
  }
  return route.prepare ? route.prepare(request, response) : route.handler;
}

}  // namespace

void Api::Handle(Request& request, Response& response) {
  auto start = std::chrono::steady_clock::now();
  int route = -1;
  if (Handler rest = Begin(request, response, &route)) {
    Finish(route, rest, request, response, start);
  }
}

Handler Api::Begin(Request& request, Response& response, int* route) {
  auto start = std::chrono::steady_clock::now();
  *route = -1;
  Handler rest;
  try {
    std::string_view type = request.content_type;
    if (request.method == "OPTIONS" && !config_.cors_origins.empty()) {
      std::string allow = router_.AllowedMethods(request.path);
      if (allow.empty()) {
        *route = router_.Find(request, response);  // the 404
      } else {
        response.status = 204;
        response.headers.emplace_back("Access-Control-Allow-Methods", allow);
        response.headers.emplace_back("Access-Control-Allow-Headers",
                                      "Content-Type, Authorization, X-Request-Id");
        response.headers.emplace_back("Access-Control-Max-Age", "600");
      }
    } else if (!request.body.empty() && !type.empty() && !IsJsonMediaType(type)) {
      WriteHttpError(HttpError::kUnsupportedMedia,
                     "the body must be JSON (Content-Type: application/json), not " +
                         std::string(type),
                     "Content-Type", &response);
    } else if ((request.method == "GET" || request.method == "HEAD") &&
               !IsApiPath(request.path)) {
      web_.Serve(request, response);
    } else if ((*route = router_.Find(request, response)) >= 0) {
      rest = FirstStep(router_.routes()[*route], request, response);
    }
  } catch (const std::exception& e) {
    WriteInternal(e, &response);
    rest = nullptr;
  }
  if (!rest) Complete(*route, request, response, start);
  return rest;
}

void Api::Finish(int route, const Handler& work, Request& request, Response& response,
                 std::chrono::steady_clock::time_point began) {
  try {
    work(request, response);
  } catch (const std::exception& e) {
    WriteInternal(e, &response);
  }
  Complete(route, request, response, began);
}

void Api::Complete(int route, const Request& request, Response& response,
                   std::chrono::steady_clock::time_point began) {
  if (!response.error_detail.empty()) WriteErrorLog(request, response.status, response.error_detail);
  AddCors(request, response);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  metrics_->Record(route, response.status, response.error_code, seconds);
}

}  // namespace vv::serve
