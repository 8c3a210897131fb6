#pragma once
// The fixture of the storage contract suite: the same cases run on SQLite (a temporary file)
// and on PostgreSQL (VV_TEST_PG_URL, one fresh schema per test).
#include <gtest/gtest.h>

// Designated initializers leave the other fields at their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <memory>
#include <string>

#include "core/time_util.h"
#include "core/types.h"
#include "store/store.h"

namespace vv::testing {

// The server URL for PostgreSQL tests, or "" (then the caller skips, or fails when
// VV_REQUIRE_PG=1 says a server must be there).
std::string PgTestUrl();
bool PgRequired();
// Appends a libpq query parameter to a postgresql:// URL.
std::string WithUrlParam(const std::string& url, const std::string& param);

class StoreContractTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override;

  bool IsPostgres() const { return GetParam() == "postgres"; }
  // Closes and reopens the store (same database).
  void Reopen();
  // Runs raw SQL on the test database through a second connection, under the interface.
  void ExecRaw(const std::string& sql);

  std::string url_;
  std::unique_ptr<Store> store_;

 private:
  std::string temp_dir_;
  std::string pg_schema_;
};

Timestamp T(const char* iso8601);
// A video with every field set (unicode title and tags).
Video FullVideo(const std::string& id);
Channel FullChannel(const std::string& id);
void ExpectSameVideo(const Video& expected, const Video& actual);
void ExpectSameChannel(const Channel& expected, const Channel& actual);
void ExpectSameSnapshot(const Snapshot& expected, const Snapshot& actual);

}  // namespace vv::testing
