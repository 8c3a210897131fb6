#include "unit/collect/kaggle_store_fixture.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <pqxx/pqxx>

namespace vv::collect::testing {

std::string KaggleFixture(const std::string& name) {
  return std::string(VV_SOURCE_DIR) + "/tests/unit/collect/kaggle_fixtures/" + name;
}

void ImportStoreTest::SetUp() {
  static std::atomic<int> counter{0};
  std::string unique = std::to_string(getpid()) + "_" + std::to_string(counter++);
  if (GetParam() == "postgres") {
    const char* url = std::getenv("VV_TEST_PG_URL");
    const char* required = std::getenv("VV_REQUIRE_PG");
    if (!url || !*url) {
      if (required && std::string(required) == "1") {
        FAIL() << "VV_REQUIRE_PG=1 but VV_TEST_PG_URL is not set";
      }
      GTEST_SKIP() << "VV_TEST_PG_URL not set";
    }
    pg_base_ = url;
    pg_schema_ = "vv_import_test_" + unique;
    pqxx::connection conn(pg_base_);
    pqxx::nontransaction(conn).exec("CREATE SCHEMA " + pg_schema_);
    url_ = pg_base_ + (pg_base_.find('?') == std::string::npos ? "?" : "&") +
           "options=-csearch_path%3D" + pg_schema_;
  } else {
    temp_dir_ = (std::filesystem::temp_directory_path() / ("vv_import_test_" + unique)).string();
    std::filesystem::remove_all(temp_dir_);
    std::filesystem::create_directories(temp_dir_);
    url_ = "sqlite:" + temp_dir_ + "/vv.db";
  }
  Reopen();
}

void ImportStoreTest::Reopen() {
  store_.reset();
  auto opened = OpenStore(url_);
  ASSERT_TRUE(opened.ok()) << opened.error().ToString();
  store_ = std::move(opened).value();
}

void ImportStoreTest::TearDown() {
  store_.reset();
  if (!pg_schema_.empty()) {
    pqxx::connection conn(pg_base_);
    pqxx::nontransaction(conn).exec("DROP SCHEMA IF EXISTS " + pg_schema_ + " CASCADE");
  }
  if (!temp_dir_.empty()) std::filesystem::remove_all(temp_dir_);
}

}  // namespace vv::collect::testing
