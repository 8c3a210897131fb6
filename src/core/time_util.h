#pragma once
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/types.h"

namespace vv {

// ISO 8601 / RFC 3339: "2017-11-12T02:39:01.000Z", "2020-08-11T19:20:14Z",
// "2020-08-11T19:20:14+02:00", "2020-08-11" (midnight UTC). Fractions are dropped. Every field is
// checked against its range: year 0001..9999, a day that exists in its month, hour 00..23,
// minute and second 00..59, a time-zone offset in -23:59..+23:59; the error names the field
// ("time-zone offset +25:00 is outside -23:59..+23:59 (minutes 00..59)"). Written by hand: a
// request carries one date per snapshot, and a stream-based parse cost microseconds each.
Result<Timestamp> ParseIso8601(std::string_view text);
// Always "YYYY-MM-DDTHH:MM:SSZ".
std::string FormatIso8601(Timestamp t);
Timestamp FromUnixSeconds(int64_t seconds);
int64_t ToUnixSeconds(Timestamp t);
double HoursBetween(Timestamp from, Timestamp to);
Timestamp Now();

}  // namespace vv
