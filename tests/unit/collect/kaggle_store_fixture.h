#pragma once
// Import tests run on SQLite (a temporary file) and on PostgreSQL (VV_TEST_PG_URL, one fresh
// schema per test; skipped without a server unless VV_REQUIRE_PG=1).
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "store/store.h"

namespace vv::collect::testing {

// The path of tests/unit/collect/kaggle_fixtures/<name>.
std::string KaggleFixture(const std::string& name);

class ImportStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override;
  void Reopen();

  std::string url_;
  std::unique_ptr<Store> store_;

 private:
  std::string temp_dir_;
  std::string pg_schema_;
  std::string pg_base_;
};

}  // namespace vv::collect::testing
