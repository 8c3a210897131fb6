#include "collect/retry.h"

#include <algorithm>
#include <thread>

namespace vv {

Status RetryPolicy::Validate() const {
  if (max_attempts < 1) return MakeError(ErrorCode::kInvalidArgument, "retry: max_attempts must be >= 1");
  if (base_delay.count() < 0 || max_delay < base_delay) {
    return MakeError(ErrorCode::kInvalidArgument, "retry: need 0 <= base_delay <= max_delay");
  }
  return {};
}

bool IsRetryableStatus(long status) { return status == 429 || (status >= 500 && status <= 599); }

Retrier::Retrier(RetryPolicy policy, SleepFn sleep, uint64_t seed)
    : policy_(policy), sleep_(std::move(sleep)), rng_(seed) {
  if (!sleep_) sleep_ = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
}

std::chrono::milliseconds Retrier::Backoff(int retry) {
  int64_t cap = policy_.base_delay.count();
  for (int i = 1; i < retry && cap < policy_.max_delay.count(); ++i) cap *= 2;
  cap = std::min<int64_t>(cap, policy_.max_delay.count());
  std::uniform_int_distribution<int64_t> dist(0, std::max<int64_t>(cap, 0));
  return std::chrono::milliseconds(dist(rng_));
}

Result<HttpResponse> Retrier::Get(HttpFetcher& fetcher, const std::string& url,
                                  const BeforeAttemptFn& before_attempt, int* attempts,
                                  const NotSentFn& not_sent) {
  for (int attempt = 1;; ++attempt) {
    if (attempts) *attempts = attempt;
    if (before_attempt) VV_RETURN_IF_ERROR(before_attempt());
    bool reached_server = true;
    Result<HttpResponse> response = fetcher.Get(url, &reached_server);
    if (!response.ok() && !reached_server && not_sent) not_sent();
    bool transient = response.ok() ? IsRetryableStatus(response->status)
                                   : response.error().code == ErrorCode::kUnavailable;
    if (!transient || attempt >= policy_.max_attempts) return response;
    sleep_(Backoff(attempt));
  }
}

}  // namespace vv
