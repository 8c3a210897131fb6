#include "core/time_util.h"

#include <date/date.h>

#include <sstream>

namespace vv {

Result<Timestamp> ParseIso8601(std::string_view text) {
  std::string s(text);
  auto bad = [&] {
    return MakeError(ErrorCode::kInvalidArgument,
                     "not an ISO 8601 date-time: '" + s.substr(0, 64) + "'");
  };
  if (s.size() < 10) return bad();
  std::istringstream in(s);
  date::sys_time<std::chrono::milliseconds> tp;
  if (s.size() == 10) {
    date::sys_days day;
    in >> date::parse("%F", day);
    if (in.fail() || in.peek() != EOF) return bad();
    return Timestamp(day);
  }
  // %FT%T accepts fractional seconds; %Ez accepts "+02:00"; a trailing Z means UTC.
  if (s.back() == 'Z' || s.back() == 'z') {
    in.str(s.substr(0, s.size() - 1));
    in >> date::parse("%FT%T", tp);
  } else {
    in >> date::parse("%FT%T%Ez", tp);
  }
  if (in.fail()) return bad();
  in.peek();
  if (!in.eof()) return bad();
  return std::chrono::floor<std::chrono::seconds>(tp);
}

std::string FormatIso8601(Timestamp t) { return date::format("%FT%TZ", t); }

Timestamp FromUnixSeconds(int64_t seconds) { return Timestamp(std::chrono::seconds(seconds)); }

int64_t ToUnixSeconds(Timestamp t) { return t.time_since_epoch().count(); }

double HoursBetween(Timestamp from, Timestamp to) {
  return static_cast<double>((to - from).count()) / 3600.0;
}

Timestamp Now() { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

}  // namespace vv
