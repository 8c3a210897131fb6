// GET /v1/drift: the live window of predicted inputs against the store's videos at start.
#include "serve/api.h"
#include "serve/errors.h"

namespace vv::serve {

void AddDriftRoutes(Api& api, Router& router) {
  router.Add({"GET", "/v1/drift",
              [&api](Request& request, Response& response) {
                auto report = api.drift().Report();
                if (!report.ok()) return WriteError(report.error(), &response);
                response.body = report->dump();
              },
              {.operation_id = "getDrift",
               .summary = "Drift of the live prediction inputs against the store's videos",
               .tag = "monitor",
               .response_schema = "DriftReport",
               .error_statuses = {503}},
              /*heavy=*/true});
}

}  // namespace vv::serve
