// POST /v1/analyze {"url": ..., "max_age": seconds}: a YouTube video or channel by its URL or
// id, fetched through the collector (serve/analyze_service.h), stored, tracked, and answered:
// a video as GET /v1/videos/{id} answers it (same code, serve/video_detail.h), a channel with
// its recent uploads.
#include <fmt/format.h>

#include "collect/quota.h"
#include "core/time_util.h"
#include "serve/analyze_service.h"
#include "serve/api.h"
#include "serve/errors.h"
#include "serve/request_parser.h"
#include "serve/validate.h"

namespace vv::serve {
namespace {

using nlohmann::json;

constexpr int64_t kMaxAgeLimit = 30LL * 86400;

struct AnalyzeRequest {
  YouTubeRef ref;
  std::optional<std::chrono::seconds> max_age;
};

Result<AnalyzeRequest> ParseRequest(std::string_view body) {
  VV_ASSIGN_OR_RETURN(json doc, ParseJsonBody(body));
  if (!doc.is_object()) return FieldError("$", "must be a JSON object: {\"url\": \"https://youtu.be/...\"}");
  VV_RETURN_IF_ERROR(CheckKeys(doc, "$", {"url", "max_age"}));
  auto url = doc.find("url");
  if (url == doc.end()) return FieldError("$.url", "is required: a YouTube video or channel URL, or a video id");
  VV_ASSIGN_OR_RETURN(std::string text, GetString(*url, "$.url", 2048));
  AnalyzeRequest out;
  VV_ASSIGN_OR_RETURN(out.ref, ParseYouTubeRef(text, "$.url"));
  if (auto age = doc.find("max_age"); age != doc.end()) {
    if (!age->is_number_integer() || age->get<int64_t>() < 0 || age->get<int64_t>() > kMaxAgeLimit) {
      return FieldError("$.max_age", fmt::format("must be an integer number of seconds, 0..{}", kMaxAgeLimit));
    }
    out.max_age = std::chrono::seconds(age->get<int64_t>());
  }
  return out;
}

// The API-side failures get their own code and 503; the rest goes through the one table.
void WriteAnalyzeError(const Error& error, const std::string& detail, bool has_key, Response* response) {
  std::string_view code;
  if (error.code == ErrorCode::kResourceExhausted) code = "quota_exhausted";
  if (error.code == ErrorCode::kFailedPrecondition) code = has_key ? "api_key_rejected" : "api_key_missing";
  if (error.code == ErrorCode::kUnavailable && error.path == "$.url") code = "youtube_unavailable";
  if (code.empty()) {
    WriteError(error, response);
    if (!detail.empty()) response->error_detail = detail;
    return;
  }
  response->status = 503;
  response->error_code = code;
  response->content_type = "application/json";
  response->body = ErrorBody(code, error.message, error.path);
  response->error_detail = detail.empty() ? error.ToString() : detail;
  if (error.code == ErrorCode::kResourceExhausted) {
    Timestamp now = Now();
    auto wait = QuotaDayStart(now) + std::chrono::hours(24) - now;
    response->headers.emplace_back("Retry-After", std::to_string(std::max<int64_t>(60, wait.count())));
  }
}

void Analyze(Api& api, Request& request, Response& response) {
  auto parsed = ParseRequest(request.body);
  if (!parsed.ok()) return WriteError(parsed.error(), &response);
  AnalyzeService* service = api.analyze();
  if (!service) {
    return WriteAnalyzeError(
        MakeError(ErrorCode::kFailedPrecondition, "analysis by URL is not set up on this server", "$.url"),
        "", false, &response);
  }
  std::chrono::seconds max_age = parsed->max_age.value_or(service->config().max_age);
  std::string detail;
  auto result = service->Analyze(parsed->ref, max_age, &detail);
  if (!result.ok()) return WriteAnalyzeError(result.error(), detail, service->has_key(), &response);
  auto models = api.models().Current();
  auto answer = api.store().With([&](Store& s) { return AnalyzeAnswer(s, *models, *result, max_age); });
  if (!answer.ok()) return WriteError(answer.error(), &response);
  response.body = answer->dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

void AddAnalyzeRoutes(Api& api, Router& router) {
  router.Add({"POST", "/v1/analyze", [&api](Request& q, Response& r) { Analyze(api, q, r); },
              {.operation_id = "analyze",
               .summary = "Analyze a YouTube video or channel by its URL or id: fetch, store, track, "
                          "predict (a video: all six predictions)",
               .tag = "analyze",
               .request_schema = "AnalyzeRequest",
               .response_schema = "AnalyzeResponse",
               .error_statuses = {400, 404, 503}},
              /*heavy=*/true});
}

}  // namespace vv::serve
