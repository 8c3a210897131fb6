#include <gtest/gtest.h>

#include <deque>
#include <set>

#include "collect/http_fetcher.h"
#include "collect/quota.h"
#include "collect/retry.h"
#include "core/time_util.h"

namespace vv {
namespace {

TEST(QuotaTest, ChargesAndStopsBeforeBudget) {
  QuotaTracker quota(205, 100);
  EXPECT_EQ(UnitCost(ApiMethod::kSearchList), 100);
  EXPECT_TRUE(quota.Charge(ApiMethod::kSearchList).ok());
  EXPECT_EQ(quota.remaining(), 5);
  EXPECT_FALSE(quota.CanAfford(ApiMethod::kSearchList));
  Status refused = quota.Charge(ApiMethod::kSearchList);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kResourceExhausted);
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(quota.Charge(ApiMethod::kVideosList).ok());
  EXPECT_FALSE(quota.Charge(ApiMethod::kVideosList).ok());
  EXPECT_EQ(quota.units(), 105);
  EXPECT_EQ(quota.calls(), 6);
  EXPECT_EQ(quota.calls_of(ApiMethod::kVideosList), 5);
}

TEST(QuotaTest, ApiExhaustionWins) {
  QuotaTracker quota(10000, 0);
  quota.MarkExhaustedByApi();
  EXPECT_EQ(quota.remaining(), 0);
  EXPECT_FALSE(quota.Charge(ApiMethod::kVideosList).ok());
}

TEST(QuotaTest, DayStartsAtPacificMidnight) {
  // 2024-03-02T07:59:59Z is still 2024-03-01 in UTC-8; 08:00:00Z starts 2024-03-02.
  EXPECT_EQ(FormatIso8601(QuotaDayStart(*ParseIso8601("2024-03-02T07:59:59Z"))), "2024-03-01T08:00:00Z");
  EXPECT_EQ(FormatIso8601(QuotaDayStart(*ParseIso8601("2024-03-02T08:00:00Z"))), "2024-03-02T08:00:00Z");
}

class ScriptedFetcher : public HttpFetcher {
 public:
  std::deque<Result<HttpResponse>> script;
  std::deque<bool> reached_server_script;  // per call; true when empty
  int calls = 0;
  Result<HttpResponse> Get(const std::string&, bool* reached_server) override {
    if (reached_server) *reached_server = reached_server_script.empty() || reached_server_script.front();
    if (!reached_server_script.empty()) reached_server_script.pop_front();
    ++calls;
    auto r = script.front();
    script.pop_front();
    return r;
  }
};

TEST(RetryTest, RetriesTransientOnly) {
  EXPECT_TRUE(IsRetryableStatus(500));
  EXPECT_TRUE(IsRetryableStatus(503));
  EXPECT_TRUE(IsRetryableStatus(429));
  EXPECT_FALSE(IsRetryableStatus(400));
  EXPECT_FALSE(IsRetryableStatus(403));
  EXPECT_FALSE(IsRetryableStatus(404));

  std::vector<std::chrono::milliseconds> sleeps;
  Retrier retrier({.max_attempts = 4, .base_delay = std::chrono::milliseconds(100),
                   .max_delay = std::chrono::milliseconds(250)},
                  [&](std::chrono::milliseconds d) { sleeps.push_back(d); }, 42);
  ScriptedFetcher fetcher;
  fetcher.script = {MakeError(ErrorCode::kUnavailable, "reset"), HttpResponse{429, ""},
                    HttpResponse{502, ""}, HttpResponse{200, "ok"}};
  int attempts = 0;
  auto r = retrier.Get(fetcher, "u", {}, &attempts);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, "ok");
  EXPECT_EQ(attempts, 4);
  ASSERT_EQ(sleeps.size(), 3u);
  EXPECT_LE(sleeps[0].count(), 100);
  EXPECT_LE(sleeps[1].count(), 200);
  EXPECT_LE(sleeps[2].count(), 250);  // capped

  fetcher.script = {HttpResponse{403, "{}"}, HttpResponse{200, "never"}};
  fetcher.calls = 0;
  r = retrier.Get(fetcher, "u");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(fetcher.calls, 1);
}

TEST(RetryTest, JitterSpreadsDelays) {
  Retrier retrier({.max_attempts = 5, .base_delay = std::chrono::milliseconds(1000),
                   .max_delay = std::chrono::milliseconds(8000)}, [](auto) {}, 7);
  std::set<int64_t> distinct;
  for (int i = 0; i < 50; ++i) {
    auto d = retrier.Backoff(3);
    EXPECT_LE(d.count(), 4000);
    EXPECT_GE(d.count(), 0);
    distinct.insert(d.count());
  }
  EXPECT_GT(distinct.size(), 10u);
}

TEST(RetryTest, BeforeAttemptCanStop) {
  Retrier retrier({.max_attempts = 3, .base_delay = std::chrono::milliseconds(0),
                   .max_delay = std::chrono::milliseconds(0)}, [](auto) {});
  ScriptedFetcher fetcher;
  fetcher.script = {HttpResponse{500, ""}, HttpResponse{500, ""}};
  int allowed = 1;
  auto r = retrier.Get(fetcher, "u", [&]() -> Status {
    if (allowed-- <= 0) return MakeError(ErrorCode::kResourceExhausted, "budget");
    return {};
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kResourceExhausted);
  EXPECT_EQ(fetcher.calls, 1);
}

TEST(RetryTest, AttemptsThatSentNothingAreRefunded) {
  Retrier retrier({.max_attempts = 3, .base_delay = std::chrono::milliseconds(0),
                   .max_delay = std::chrono::milliseconds(0)}, [](auto) {});
  ScriptedFetcher fetcher;
  // Refused before sending, then sent and cut off, then answered.
  fetcher.script = {MakeError(ErrorCode::kUnavailable, "refused"),
                    MakeError(ErrorCode::kUnavailable, "reset"), HttpResponse{200, "ok"}};
  fetcher.reached_server_script = {false, true, true};
  QuotaTracker quota(100, 0);
  auto r = retrier.Get(
      fetcher, "u", [&] { return quota.Charge(ApiMethod::kVideosList); }, nullptr,
      [&] { quota.Refund(ApiMethod::kVideosList); });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(fetcher.calls, 3);
  EXPECT_EQ(quota.units(), 2);
  EXPECT_EQ(quota.calls(), 2);
  EXPECT_EQ(quota.unsent(), 1);
  EXPECT_EQ(quota.remaining(), 98);
}

TEST(RedactTest, HidesKeyOnly) {
  EXPECT_EQ(RedactApiKey("https://h/v3/videos?part=x&key=AIzaSECRET&id=a"),
            "https://h/v3/videos?part=x&key=***&id=a");
  EXPECT_EQ(RedactApiKey("https://h/v3/videos?key=S"), "https://h/v3/videos?key=***");
  EXPECT_EQ(RedactApiKey("https://h/v3/videos?monkey=1"), "https://h/v3/videos?monkey=1");
}

}  // namespace
}  // namespace vv
