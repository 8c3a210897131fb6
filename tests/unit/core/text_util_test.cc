#include "core/text_util.h"

#include <gtest/gtest.h>

#include "core/result.h"
#include "store/store.h"

namespace vv {
namespace {

TEST(TextUtil, Utf8Validation) {
  size_t offset = 0;
  EXPECT_TRUE(IsValidUtf8("caf\xc3\xa9"));
  EXPECT_FALSE(IsValidUtf8("ab\xff" "cd", &offset));
  EXPECT_EQ(offset, 2u);
  EXPECT_EQ(Utf8Length("caf\xc3\xa9"), 4u);
}

TEST(TextUtil, SplitTrimJoin) {
  EXPECT_EQ(SplitString("a|b||c", '|'), (std::vector<std::string>{"a", "b", "", "c"}));
  EXPECT_EQ(Trim("  x y \n"), "x y");
  EXPECT_EQ(Join({"a", "b"}, ", "), "a, b");
}

TEST(StoreUrl, RedactsPasswords) {
  EXPECT_EQ(RedactUrl("postgresql://vv:s3cret@db.example:5432/vv"),
            "postgresql://vv:***@db.example:5432/vv");
  EXPECT_EQ(RedactUrl("sqlite:var/vv.db"), "sqlite:var/vv.db");
  EXPECT_EQ(RedactUrl("host=x password=abc dbname=y"), "host=x password=*** dbname=y");
}

TEST(Result, CarriesErrorsAndValues) {
  Result<int> ok = 3;
  EXPECT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 3);
  Result<int> bad = MakeError(ErrorCode::kNotFound, "no such video", "v1");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().ToString(), "v1: no such video");
}

}  // namespace
}  // namespace vv

#include "core/sha256.h"

namespace vv {
namespace {
TEST(Sha256, KnownVector) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
}  // namespace
}  // namespace vv
