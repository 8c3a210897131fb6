#pragma once
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/types.h"

namespace vv {

// ISO 8601 / RFC 3339: "2017-11-12T02:39:01.000Z", "2020-08-11T19:20:14Z",
// "2020-08-11T19:20:14+02:00", "2020-08-11" (midnight UTC). Fractions are dropped.
Result<Timestamp> ParseIso8601(std::string_view text);
// Always "YYYY-MM-DDTHH:MM:SSZ".
std::string FormatIso8601(Timestamp t);
Timestamp FromUnixSeconds(int64_t seconds);
int64_t ToUnixSeconds(Timestamp t);
double HoursBetween(Timestamp from, Timestamp to);
Timestamp Now();

}  // namespace vv
