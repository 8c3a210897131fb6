// Store URLs: which backend a --db value names, the refusals, and the password never shown.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <filesystem>

#include "store/store.h"
#include "store/store_url.h"
#include "unit/store/store_fixture.h"

namespace vv::testing {
namespace {

using store_internal::Backend;
using store_internal::ParseStoreUrl;

void ExpectBackend(const std::string& url, Backend backend, const std::string& location) {
  auto parsed = ParseStoreUrl(url);
  ASSERT_TRUE(parsed.ok()) << url << ": " << parsed.error().ToString();
  EXPECT_EQ(parsed->backend, backend) << url;
  EXPECT_EQ(parsed->location, location) << url;
}

void ExpectRefused(const std::string& url, const std::string& must_mention) {
  auto parsed = ParseStoreUrl(url);
  ASSERT_FALSE(parsed.ok()) << url;
  std::string text = parsed.error().ToString();
  EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument) << text;
  EXPECT_EQ(text.find("s3cret"), std::string::npos) << "password leaked: " << text;
  EXPECT_NE(text.find(must_mention), std::string::npos) << text;
}

TEST(StoreUrlTest, PostgresUrlsAndKeywordDsnsArePostgres) {
  ExpectBackend("postgresql://vv@db/vv", Backend::kPostgres, "postgresql://vv@db/vv");
  ExpectBackend("postgres://db/vv", Backend::kPostgres, "postgres://db/vv");
  ExpectBackend("host=db.example password=s3cret dbname=vv", Backend::kPostgres,
                "host=db.example password=s3cret dbname=vv");
  ExpectBackend("dbname=vv", Backend::kPostgres, "dbname=vv");
  // libpq allows spaces around '=' and quoted values with spaces and escapes.
  ExpectBackend("host = db  password = 'a b\\'c' user=vv", Backend::kPostgres,
                "host = db  password = 'a b\\'c' user=vv");
}

TEST(StoreUrlTest, SqliteOnlyForItsPrefixOrAPlainPath) {
  ExpectBackend("sqlite:var/vv.db", Backend::kSqlite, "var/vv.db");
  ExpectBackend("sqlite:///tmp/vv.db", Backend::kSqlite, "/tmp/vv.db");
  ExpectBackend("sqlite://rel/vv.db", Backend::kSqlite, "rel/vv.db");
  ExpectBackend("/data/vv store.db", Backend::kSqlite, "/data/vv store.db");
  ExpectBackend(":memory:", Backend::kSqlite, ":memory:");
  // The explicit prefix is the way to name a file whose name holds '='.
  ExpectBackend("sqlite:runs/seed=3.db", Backend::kSqlite, "runs/seed=3.db");
}

TEST(StoreUrlTest, AmbiguousInputIsRefusedWithoutThePassword) {
  ExpectRefused("runs/seed=3.db", "sqlite:PATH");
  ExpectRefused("host=db vv.db", "key=value");
  ExpectRefused("hostname=db password=s3cret", "'hostname' is not a libpq connection keyword");
  ExpectRefused("host=db password='s3cret", "not closed");
  ExpectRefused("host=db password='s3cret", "password=***");
  ExpectRefused("mysql://vv:s3cret@db/vv", "unsupported store URL scheme 'mysql'");
  ExpectRefused("sqlite:", "no file path");
  ExpectRefused("", "empty store URL");
}

TEST(StoreUrlTest, RedactMasksEveryPasswordForm) {
  EXPECT_EQ(RedactUrl("postgresql://vv:s3cret@db:5432/vv"), "postgresql://vv:***@db:5432/vv");
  // '@' and '/' inside the password (unencoded) stay hidden too.
  EXPECT_EQ(RedactUrl("postgres://vv:s3/c@ret@db/vv"), "postgres://vv:***@db/vv");
  EXPECT_EQ(RedactUrl("postgresql://db/vv?user=vv&password=s3cret&sslmode=disable"),
            "postgresql://db/vv?user=vv&password=***&sslmode=disable");
  EXPECT_EQ(RedactUrl("host=db password='s3 cr\\'et' dbname=vv"),
            "host=db password=*** dbname=vv");
  EXPECT_EQ(RedactUrl("host=db password = s3cret sslpassword=k3y"),
            "host=db password = *** sslpassword=***");
  EXPECT_EQ(RedactUrl("postgresql://vv@db:5432/vv"), "postgresql://vv@db:5432/vv");
  EXPECT_EQ(RedactUrl("sqlite:var/vv.db"), "sqlite:var/vv.db");
}

TEST(StoreUrlTest, PasswordsOfFindsWrittenAndDecodedForms) {
  using store_internal::PasswordsOf;
  EXPECT_EQ(PasswordsOf("host=db password='a b'"), std::vector<std::string>{"a b"});
  auto url = PasswordsOf("postgresql://vv:s%40cret@db/vv");
  EXPECT_NE(std::find(url.begin(), url.end(), "s@cret"), url.end());
  EXPECT_TRUE(PasswordsOf("postgresql://vv@db/vv").empty());
}

class StoreUrlDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("vv_store_url_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    old_cwd_ = std::filesystem::current_path();
    std::filesystem::current_path(dir_);
  }
  void TearDown() override {
    std::filesystem::current_path(old_cwd_);
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_, old_cwd_;
};

// The reported bug: a DSN was opened as a SQLite file named after it, password included.
TEST_F(StoreUrlDirTest, KeywordDsnNeverBecomesAFile) {
  auto opened = OpenStore("host=127.0.0.1 port=1 user=vv password=s3cret dbname=vv");
  ASSERT_FALSE(opened.ok());
  std::string text = opened.error().ToString();
  EXPECT_EQ(opened.error().code, ErrorCode::kUnavailable) << text;
  EXPECT_NE(text.find("PostgreSQL"), std::string::npos) << text;
  EXPECT_NE(text.find("password=***"), std::string::npos) << text;
  EXPECT_EQ(text.find("s3cret"), std::string::npos) << "password leaked: " << text;
  EXPECT_TRUE(std::filesystem::is_empty(dir_)) << "a file was created for a DSN";
}

TEST_F(StoreUrlDirTest, AmbiguousPathCreatesNothing) {
  EXPECT_FALSE(OpenStore("seed=3.db").ok());
  EXPECT_TRUE(std::filesystem::is_empty(dir_));
  ASSERT_TRUE(OpenStore("sqlite:seed=3.db").ok());
  EXPECT_TRUE(std::filesystem::exists(dir_ / "seed=3.db"));
}

// The test server's URL rewritten as a key=value DSN opens the same database.
TEST(StoreUrlPgTest, KeywordDsnOpensPostgres) {
  std::string base = PgTestUrl();
  if (base.empty()) {
    if (PgRequired()) FAIL() << "VV_REQUIRE_PG=1 but VV_TEST_PG_URL is not set";
    GTEST_SKIP() << "VV_TEST_PG_URL not set";
  }
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(base.c_str(), &error);
  ASSERT_NE(options, nullptr) << (error ? error : "?");
  std::string dsn;
  for (PQconninfoOption* o = options; o->keyword; ++o) {
    if (!o->val || !*o->val) continue;
    std::string value;
    for (const char* c = o->val; *c; ++c) value += (*c == '\'' || *c == '\\') ? std::string("\\") + *c : std::string(1, *c);
    dsn += std::string(dsn.empty() ? "" : " ") + o->keyword + "='" + value + "'";
  }
  PQconninfoFree(options);
  auto opened = OpenStore(dsn);
  ASSERT_TRUE(opened.ok()) << opened.error().ToString();
  EXPECT_GT((*opened)->SchemaVersion(), 0);
  EXPECT_EQ((*opened)->Describe().find("password='"), std::string::npos) << (*opened)->Describe();
}

}  // namespace
}  // namespace vv::testing
