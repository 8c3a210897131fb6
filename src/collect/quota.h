#pragma once
// YouTube Data API quota accounting. Every request the API sees costs units (failed ones too,
// and any that got an HTTP answer); one that never left this machine (DNS, connect or TLS
// failure) costs nothing and is refunded. The project
// has a daily allowance (10,000 by default) that resets at midnight Pacific time. The tracker
// refuses a call that would go past the configured budget, so a run stops cleanly before the
// API starts answering quotaExceeded.
#include <array>
#include <cstdint>
#include <string>

#include "core/result.h"
#include "core/types.h"

namespace vv {

enum class ApiMethod { kVideosList, kChannelsList, kPlaylistItemsList, kVideoCategoriesList, kSearchList };
inline constexpr int kApiMethodCount = 5;

int UnitCost(ApiMethod method);
const char* ApiMethodName(ApiMethod method);  // "videos.list", ...

// The start of the quota day containing `now`: midnight in America/Los_Angeles, taken as
// UTC-08:00 all year (during daylight time the day starts an hour early, never late).
Timestamp QuotaDayStart(Timestamp now);

class QuotaTracker {
 public:
  // used_before: units already spent today by earlier runs (from the collection_runs table).
  QuotaTracker(int64_t daily_budget, int64_t used_before);

  // Charges one call, or refuses with kResourceExhausted when it would pass the budget.
  Status Charge(ApiMethod method);
  // Takes back a charge whose request never reached the API (nothing was sent).
  void Refund(ApiMethod method);
  bool CanAfford(ApiMethod method) const;
  // The API said quotaExceeded: nothing more can be done today whatever our count says.
  void MarkExhaustedByApi() { exhausted_by_api_ = true; }
  bool exhausted_by_api() const { return exhausted_by_api_; }

  int64_t calls() const { return calls_; }   // this run, requests the API saw
  int64_t unsent() const { return unsent_; } // this run, refunded: never reached the API
  int64_t units() const { return units_; }   // this run
  int64_t calls_of(ApiMethod method) const { return per_method_[static_cast<int>(method)]; }
  int64_t remaining() const;                 // of today's budget
  int64_t daily_budget() const { return daily_budget_; }

 private:
  int64_t daily_budget_;
  int64_t used_before_;
  int64_t calls_ = 0;
  int64_t units_ = 0;
  int64_t unsent_ = 0;
  std::array<int64_t, kApiMethodCount> per_method_{};
  bool exhausted_by_api_ = false;
};

}  // namespace vv
