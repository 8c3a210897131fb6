#include "collect/quota.h"

#include <algorithm>

#include <fmt/format.h>

namespace vv {

int UnitCost(ApiMethod method) {
  switch (method) {
    case ApiMethod::kVideosList:
    case ApiMethod::kChannelsList:
    case ApiMethod::kPlaylistItemsList:
    case ApiMethod::kVideoCategoriesList:
      return 1;
    case ApiMethod::kSearchList:
      return 100;
  }
  return 1;
}

const char* ApiMethodName(ApiMethod method) {
  switch (method) {
    case ApiMethod::kVideosList: return "videos.list";
    case ApiMethod::kChannelsList: return "channels.list";
    case ApiMethod::kPlaylistItemsList: return "playlistItems.list";
    case ApiMethod::kVideoCategoriesList: return "videoCategories.list";
    case ApiMethod::kSearchList: return "search.list";
  }
  return "?";
}

Timestamp QuotaDayStart(Timestamp now) {
  using namespace std::chrono;
  constexpr hours kPacificOffset{8};
  auto local = now - kPacificOffset;
  return time_point_cast<seconds>(floor<days>(local)) + kPacificOffset;
}

QuotaTracker::QuotaTracker(int64_t daily_budget, int64_t used_before)
    : daily_budget_(daily_budget), used_before_(used_before) {}

bool QuotaTracker::CanAfford(ApiMethod method) const {
  return !exhausted_by_api_ && used_before_ + units_ + UnitCost(method) <= daily_budget_;
}

Status QuotaTracker::Charge(ApiMethod method) {
  if (exhausted_by_api_) {
    return MakeError(ErrorCode::kResourceExhausted, "YouTube API quota exhausted for today");
  }
  if (!CanAfford(method)) {
    return MakeError(ErrorCode::kResourceExhausted,
                     fmt::format("daily quota budget reached: {} of {} units used, {} needs {}",
                                 used_before_ + units_, daily_budget_, ApiMethodName(method),
                                 UnitCost(method)));
  }
  ++calls_;
  units_ += UnitCost(method);
  ++per_method_[static_cast<int>(method)];
  return {};
}

void QuotaTracker::Refund(ApiMethod method) {
  --calls_;
  units_ -= UnitCost(method);
  --per_method_[static_cast<int>(method)];
  ++unsent_;
}

int64_t QuotaTracker::remaining() const {
  if (exhausted_by_api_) return 0;
  return std::max<int64_t>(0, daily_budget_ - used_before_ - units_);
}

}  // namespace vv
