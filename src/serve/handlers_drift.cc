// GET /v1/drift: the live window of predicted inputs against the store's videos at start.
// GET /v1/drift/history: the reports stored by every vv serve (periodically, on shutdown) and
// every `vv drift`, newest first.
#include "core/time_util.h"
#include "monitor/drift_history.h"
#include "serve/api.h"
#include "serve/errors.h"
#include "serve/validate.h"

namespace vv::serve {

namespace {

// ?limit=1..1000 (default 100), ?column=NAME, ?source=serve|cli, ?since=ISO 8601.
Result<DriftHistoryFilter> HistoryFilter(const Request& request) {
  DriftHistoryFilter filter;
  VV_ASSIGN_OR_RETURN(filter.limit, IntQueryParam(request.query, "limit", 100, 1, 1000));
  QueryParam(request.query, "column", &filter.column);
  QueryParam(request.query, "source", &filter.source);
  if (!filter.source.empty() && filter.source != "serve" && filter.source != "cli") {
    return MakeError(ErrorCode::kInvalidArgument, "must be serve or cli", "?source");
  }
  std::string since;
  if (QueryParam(request.query, "since", &since) && !since.empty()) {
    auto parsed = ParseIso8601(since);
    if (!parsed.ok()) {
      return MakeError(ErrorCode::kInvalidArgument, parsed.error().message, "?since");
    }
    filter.since = *parsed;
  }
  return filter;
}

}  // namespace

void AddDriftRoutes(Api& api, Router& router) {
  router.Add({"GET", "/v1/drift",
              [&api](Request& request, Response& response) {
                auto report = api.drift().Report(*api.models().Current());
                if (!report.ok()) return WriteError(report.error(), &response);
                response.body = report->dump();
              },
              {.operation_id = "getDrift",
               .summary = "Drift of the live prediction inputs against the store's videos",
               .tag = "monitor",
               .response_schema = "DriftReport",
               .error_statuses = {503}},
              /*heavy=*/true});
  router.Add({"GET", "/v1/drift/history",
              [&api](Request& request, Response& response) {
                auto filter = HistoryFilter(request);
                if (!filter.ok()) return WriteError(filter.error(), &response);
                auto reports = api.store().With(
                    [&](Store& store) { return store.LoadDriftHistory(*filter); });
                if (!reports.ok()) return WriteError(reports.error(), &response);
                response.body = monitor::DriftHistoryJson(*reports).dump();
              },
              {.operation_id = "getDriftHistory",
               .summary = "Stored drift reports (every vv serve and vv drift), newest first",
               .tag = "monitor",
               .response_schema = "DriftHistory",
               .query = {{"limit", "integer", "reports, newest first (1..1000, default 100)"},
                         {"column", "string", "only this column (a feature or <model>.<field>)"},
                         {"source", "string", "serve | cli"},
                         {"since", "string", "ISO 8601: reports computed at or after"}},
               .error_statuses = {400, 503}},
              /*heavy=*/true});
}

}  // namespace vv::serve
