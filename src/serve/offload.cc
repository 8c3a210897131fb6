#include "serve/offload.h"

#include "serve/errors.h"

namespace vv::serve {

std::shared_ptr<PendingAnswer> Offloader::Submit(int route, Handler work, const Request& request,
                                                 std::string body, Response& response,
                                                 std::chrono::steady_clock::time_point began,
                                                 Reply reply) {
  auto answer = std::make_shared<PendingAnswer>(request, std::move(body), std::move(response),
                                                began);
  bool queued = pool_.TrySubmit(
      [this, route, answer, work = std::move(work), reply = std::move(reply)] {
        api_->Finish(route, work, answer->owned.get(), answer->response, answer->began);
        if (!abandoned_) reply(answer);
      });
  if (queued) return nullptr;
  Response& busy = answer->response;
  busy = Response();
  WriteHttpError(HttpError::kOverloaded,
                 "the server is busy: " + std::to_string(pool_.max_queued()) +
                     " requests already wait for a worker; retry later",
                 "", &busy);
  busy.headers.emplace_back("Retry-After", "1");
  api_->Complete(route, answer->owned.get(), busy, began);
  return answer;
}

}  // namespace vv::serve
