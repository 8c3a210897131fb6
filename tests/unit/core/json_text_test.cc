// core/json_text writes what nlohmann::json::dump() writes for the same value.
#include "core/json_text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include <nlohmann/json.hpp>

namespace vv {
namespace {

std::string Number(double v) {
  std::string out;
  AppendJsonNumber(v, &out);
  return out;
}

std::string String(std::string_view s) {
  std::string out;
  AppendJsonString(s, &out);
  return out;
}

TEST(JsonText, NumbersMatchDump) {
  const double fixed[] = {0.0, -0.0, 1.0, 2.0, -3.5, 0.1, 1e-05, 1e-7, 123456789.0, 1e15, 1e16,
                          1e21, 5e-324, std::numeric_limits<double>::max(), 0.30000000000000004};
  for (double v : fixed) EXPECT_EQ(Number(v), nlohmann::json(v).dump()) << v;
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> mantissa(-1.0, 1.0);
  std::uniform_int_distribution<int> exponent(-30, 30);
  for (int i = 0; i < 20000; ++i) {
    double v = mantissa(rng) * std::pow(10.0, exponent(rng));
    ASSERT_EQ(Number(v), nlohmann::json(v).dump()) << v;
    float f = static_cast<float>(v);  // contributions and margins come from floats
    ASSERT_EQ(Number(f), nlohmann::json(static_cast<double>(f)).dump()) << f;
  }
}

TEST(JsonText, NonFiniteIsNull) {
  EXPECT_EQ(Number(std::nan("")), "null");
  EXPECT_EQ(Number(std::numeric_limits<double>::infinity()), "null");
  EXPECT_EQ(Number(std::nan("")), nlohmann::json(std::nan("")).dump());
}

TEST(JsonText, StringsMatchDump) {
  const std::string samples[] = {"", "viral", "v1", "a \"quote\"", "back\\slash", "tab\there",
                                 "line\nbreak", std::string("nul\0byte", 8), "\x1f\x7f",
                                 "caf\xc3\xa9 \xf0\x9f\x94\xa5"};
  for (const auto& s : samples) EXPECT_EQ(String(s), nlohmann::json(s).dump()) << s;
}

TEST(JsonText, InvalidUtf8ThrowsLikeDump) {
  EXPECT_THROW(String("bad \xff"), nlohmann::json::type_error);
}

TEST(JsonText, Bools) {
  std::string out;
  AppendJsonBool(true, &out);
  AppendJsonBool(false, &out);
  EXPECT_EQ(out, "truefalse");
}

}  // namespace
}  // namespace vv
