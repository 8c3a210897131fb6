#include "core/json_read.h"

#include <gtest/gtest.h>

#include <string>

namespace vv {
namespace {

using nlohmann::json;

TEST(JsonRead, ParseJsonFileNeverThrows) {
  EXPECT_TRUE(ParseJsonFile(R"({"a": [1, {"b": "]"}]})", "f.json").ok());
  auto overflow = ParseJsonFile(R"({"a": 1e400})", "f.json");  // beyond a double
  ASSERT_FALSE(overflow.ok());
  EXPECT_EQ(overflow.error().code, ErrorCode::kDataLoss);
  EXPECT_EQ(overflow.error().path, "f.json");
  EXPECT_FALSE(ParseJsonFile("{\"a\": \"\xff\"}", "f.json").ok());
  // Copying or dumping a deep tree recurses per level: refused before parsing.
  const int deep = kMaxJsonFileDepth + 1;
  EXPECT_FALSE(ParseJsonFile(std::string(deep, '[') + std::string(deep, ']'), "f.json").ok());
  EXPECT_TRUE(ParseJsonFile("\"" + std::string(deep, '[') + "\"", "f.json").ok());  // in a string
}

TEST(JsonRead, TypedReadsNameTheFileAndPath) {
  const json doc = json::parse(R"({"n": 3, "x": 2.5, "s": "t", "a": [1, "two"], "big": 1e300,
                                   "u": 18446744073709551615, "o": {"k": true}})");
  const JsonField root(doc, "m.json");
  EXPECT_EQ(*root.Integer("n", 0, 10), 3);
  EXPECT_DOUBLE_EQ(*root.Number("x"), 2.5);
  EXPECT_EQ(*root.String("s"), "t");
  EXPECT_TRUE(*root.Get("o")->Bool("k"));
  auto out_of_range = root.Integer("n", 4, 10);
  ASSERT_FALSE(out_of_range.ok());
  EXPECT_EQ(out_of_range.error().path, "m.json:$.n");
  auto mistyped = root.Numbers("a");
  ASSERT_FALSE(mistyped.ok());
  EXPECT_EQ(mistyped.error().path, "m.json:$.a[1]");
  EXPECT_NE(mistyped.error().message.find("number"), std::string::npos);
  EXPECT_EQ(root.Get("missing").error().path, "m.json:$.missing");
  EXPECT_FALSE(root.Integer("big", 0, 100).ok());  // no float turned into an integer
  EXPECT_FALSE(root.Integer("u", 0, INT64_MAX).ok());
  EXPECT_FALSE(AsInt64(doc["u"]).has_value());
  EXPECT_EQ(AsInt64(doc["n"]), 3);
  EXPECT_EQ(root.Get("a")->FailAt(1, "bad").path, "m.json:$.a[1]");
}

}  // namespace
}  // namespace vv
