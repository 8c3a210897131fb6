#include "core/time_util.h"

#include <date/date.h>

#include <chrono>

namespace vv {

namespace {

// The n decimal digits at text[at..] as a number, or -1 when one is not a digit.
int Digits(std::string_view text, size_t at, size_t n) {
  int value = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

Result<Timestamp> ParseIso8601(std::string_view text) {
  auto bad = [&](std::string_view why) {
    return MakeError(ErrorCode::kInvalidArgument, "not an ISO 8601 date-time: '" +
                                                      std::string(text.substr(0, 64)) + "': " +
                                                      std::string(why));
  };
  auto out_of_range = [&](std::string_view field, size_t at, size_t n, std::string_view range) {
    return bad(std::string(field) + " " + std::string(text.substr(at, n)) + " is outside " +
               std::string(range));
  };
  constexpr std::string_view kForms =
      "expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS[.fff] followed by Z or an offset like +02:00";
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return bad(kForms);
  const int y = Digits(text, 0, 4), mo = Digits(text, 5, 2), d = Digits(text, 8, 2);
  if (y < 0 || mo < 0 || d < 0) return bad(kForms);
  if (y == 0) return out_of_range("year", 0, 4, "0001..9999");
  if (mo < 1 || mo > 12) return out_of_range("month", 5, 2, "01..12");
  const auto ymd = std::chrono::year(y) / std::chrono::month(static_cast<unsigned>(mo)) /
                   std::chrono::day(static_cast<unsigned>(d));
  if (!ymd.ok()) {
    return bad("day " + std::string(text.substr(8, 2)) + " does not exist in " +
               std::string(text.substr(0, 7)));
  }
  const std::chrono::sys_days day(ymd);
  if (text.size() == 10) return Timestamp(day);

  if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':') return bad(kForms);
  const int h = Digits(text, 11, 2), mi = Digits(text, 14, 2), s = Digits(text, 17, 2);
  if (h < 0 || mi < 0 || s < 0) return bad(kForms);
  if (h > 23) return out_of_range("hour", 11, 2, "00..23");
  if (mi > 59) return out_of_range("minute", 14, 2, "00..59");
  if (s > 59) return out_of_range("second", 17, 2, "00..59");
  size_t i = 19;
  if (text[i] == '.') {  // fractions of a second are dropped
    const size_t first = ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i == first || i == text.size()) return bad(kForms);
  }
  int offset_minutes = 0;
  if (i + 1 == text.size() && (text[i] == 'Z' || text[i] == 'z')) {
    // UTC
  } else if (i + 6 == text.size() && (text[i] == '+' || text[i] == '-') && text[i + 3] == ':') {
    const int oh = Digits(text, i + 1, 2), om = Digits(text, i + 4, 2);
    if (oh < 0 || om < 0) return bad(kForms);
    if (oh > 23 || om > 59) {
      return out_of_range("time-zone offset", i, 6, "-23:59..+23:59 (minutes 00..59)");
    }
    offset_minutes = (text[i] == '+' ? 1 : -1) * (oh * 60 + om);
  } else {
    return bad(kForms);
  }
  return day + std::chrono::hours(h) + std::chrono::minutes(mi) + std::chrono::seconds(s) -
         std::chrono::minutes(offset_minutes);
}

std::string FormatIso8601(Timestamp t) { return date::format("%FT%TZ", t); }

Timestamp FromUnixSeconds(int64_t seconds) { return Timestamp(std::chrono::seconds(seconds)); }

int64_t ToUnixSeconds(Timestamp t) { return t.time_since_epoch().count(); }

double HoursBetween(Timestamp from, Timestamp to) {
  return static_cast<double>((to - from).count()) / 3600.0;
}

Timestamp Now() { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

}  // namespace vv
