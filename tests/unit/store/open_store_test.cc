// OpenStore: URL dispatch and the errors for wrong URLs (never showing the password).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "store/store.h"
#include "unit/store/store_fixture.h"

namespace vv::testing {
namespace {

void ExpectError(const std::string& url, ErrorCode code, const std::string& must_mention) {
  auto opened = OpenStore(url);
  ASSERT_FALSE(opened.ok()) << url;
  const Error& error = opened.error();
  std::string text = error.ToString();
  EXPECT_EQ(error.code, code) << text;
  EXPECT_EQ(text.find("s3cret"), std::string::npos) << "password leaked: " << text;
  EXPECT_NE(text.find(must_mention), std::string::npos) << text;
}

class TempDir : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("vv_open_store_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

using OpenStoreTest = TempDir;

TEST_F(OpenStoreTest, BarePathAndSqliteUrlOpenSqliteCreatingDirectories) {
  std::string bare = (dir_ / "a" / "b" / "vv.db").string();
  auto opened = OpenStore(bare);
  ASSERT_TRUE(opened.ok()) << opened.error().ToString();
  EXPECT_EQ((*opened)->Describe(), "sqlite:" + bare);
  EXPECT_TRUE(std::filesystem::exists(bare));
  auto by_url = OpenStore("sqlite:" + (dir_ / "c" / "vv.db").string());
  ASSERT_TRUE(by_url.ok()) << by_url.error().ToString();
  EXPECT_TRUE(std::filesystem::exists(dir_ / "c" / "vv.db"));
}

TEST_F(OpenStoreTest, UnknownSchemeIsRefused) {
  ExpectError("mysql://vv:s3cret@db.example.com/vv", ErrorCode::kInvalidArgument, "mysql");
  ExpectError("mysql://vv:s3cret@db.example.com/vv", ErrorCode::kInvalidArgument,
              "mysql://vv:***@db.example.com/vv");
}

TEST_F(OpenStoreTest, FileThatIsNotADatabaseIsUnavailable) {
  std::filesystem::path junk = dir_ / "junk.db";
  std::ofstream(junk) << "this is not an SQLite database, just some text long enough to matter "
                         "because SQLite reads a 100-byte header before it decides what it is.";
  ExpectError("sqlite:" + junk.string(), ErrorCode::kUnavailable, junk.string());
}

TEST_F(OpenStoreTest, UncreatableDirectoryIsUnavailable) {
  std::filesystem::path file = dir_ / "plain_file";
  std::ofstream(file) << "x";
  ExpectError((file / "sub" / "vv.db").string(), ErrorCode::kUnavailable, "plain_file");
}

TEST_F(OpenStoreTest, PostgresWrongPortIsUnavailableWithPasswordRedacted) {
  // Port 1 on loopback: nothing listens, the connection is refused at once.
  ExpectError("postgresql://vv:s3cret@127.0.0.1:1/vv", ErrorCode::kUnavailable,
              "postgresql://vv:***@127.0.0.1:1/vv");
  ExpectError("postgres://vv:s3cret@127.0.0.1:1/vv?sslmode=disable", ErrorCode::kUnavailable,
              "127.0.0.1");
}

TEST_F(OpenStoreTest, PostgresUnknownHostIsUnavailable) {
  ExpectError("postgresql://vv:s3cret@no-such-host.invalid:5432/vv", ErrorCode::kUnavailable,
              "no-such-host.invalid");
}

TEST_F(OpenStoreTest, PostgresWrongDatabaseIsUnavailable) {
  std::string base = PgTestUrl();
  if (base.empty()) {
    if (PgRequired()) FAIL() << "VV_REQUIRE_PG=1 but VV_TEST_PG_URL is not set";
    GTEST_SKIP() << "VV_TEST_PG_URL not set";
  }
  // Same server, a database that does not exist.
  std::string url = base.substr(0, base.rfind('/')) + "/vv_no_such_database";
  ExpectError(url, ErrorCode::kUnavailable, "vv_no_such_database");
}

}  // namespace
}  // namespace vv::testing
