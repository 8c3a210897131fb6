#include "core/text_util.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

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
  EXPECT_EQ(ToValidUtf8("caf\xc3\xa9"), "caf\xc3\xa9");
  EXPECT_EQ(ToValidUtf8("ab\xff" "cd"), "ab\xef\xbf\xbd" "cd");
}

// An error quoting a corrupt file's bytes must still dump as JSON (issue 14: `vv serve` died of
// nlohmann's type_error 316 on such a message).
TEST(TextUtil, ErrorsAreValidUtf8) {
  Error e = MakeError(ErrorCode::kDataLoss, "last read: '\xa6\xc0'", "models/\xff/v1")
                .WithContext("loading \xfe");
  EXPECT_TRUE(IsValidUtf8(e.message));
  EXPECT_TRUE(IsValidUtf8(e.path));
  EXPECT_NO_THROW(nlohmann::json({{"error", e.ToString()}}).dump());
  EXPECT_NE(e.message.find("last read"), std::string::npos);
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
