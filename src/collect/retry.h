#pragma once
// Exponential backoff with full jitter for transient failures: 5xx, 429 and network errors.
// Everything else (400, 401, 403, 404, a 200 with a bad body) is returned at once, because asking
// again gets the same answer and spends quota.
#include <chrono>
#include <cstdint>
#include <functional>
#include <random>
#include <string>

#include "collect/http_fetcher.h"
#include "core/result.h"

namespace vv {

struct RetryPolicy {
  int max_attempts = 5;                      // first try included; 1 = no retry
  std::chrono::milliseconds base_delay{500}; // the cap before jitter doubles per attempt
  std::chrono::milliseconds max_delay{30000};
  Status Validate() const;
};

bool IsRetryableStatus(long status);

using SleepFn = std::function<void(std::chrono::milliseconds)>;
// Called before every attempt (quota is charged per request that reaches the API, failed ones
// included); an error stops the sequence and is returned as is.
using BeforeAttemptFn = std::function<Status()>;
// Called after an attempt whose request never left this machine (DNS, connect or TLS
// failure): it takes back what BeforeAttemptFn charged.
using NotSentFn = std::function<void()>;

class Retrier {
 public:
  explicit Retrier(RetryPolicy policy, SleepFn sleep = {}, uint64_t seed = std::random_device{}());

  // The last response or error. A retryable status that persists comes back as the response
  // (the caller turns it into an error that names the status); *attempts gets the count.
  Result<HttpResponse> Get(HttpFetcher& fetcher, const std::string& url,
                           const BeforeAttemptFn& before_attempt = {}, int* attempts = nullptr,
                           const NotSentFn& not_sent = {});

  // The pause before retry number `retry` (1-based): uniform in [0, min(max, base * 2^(retry-1))].
  std::chrono::milliseconds Backoff(int retry);

 private:
  RetryPolicy policy_;
  SleepFn sleep_;
  std::mt19937_64 rng_;
};

}  // namespace vv
