#include "unit/store/store_fixture.h"

#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <pqxx/pqxx>

namespace vv::testing {

std::string PgTestUrl() {
  const char* url = std::getenv("VV_TEST_PG_URL");
  return url ? url : "";
}

bool PgRequired() {
  const char* required = std::getenv("VV_REQUIRE_PG");
  return required && std::string(required) == "1";
}

std::string WithUrlParam(const std::string& url, const std::string& param) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + param;
}

void StoreContractTest::SetUp() {
  static std::atomic<int> counter{0};
  std::string unique = std::to_string(getpid()) + "_" + std::to_string(counter++);
  if (IsPostgres()) {
    std::string base = PgTestUrl();
    if (base.empty()) {
      if (PgRequired()) FAIL() << "VV_REQUIRE_PG=1 but VV_TEST_PG_URL is not set";
      GTEST_SKIP() << "VV_TEST_PG_URL not set";
    }
    pg_schema_ = "vv_test_" + unique;
    pqxx::connection conn(base);
    pqxx::nontransaction(conn).exec("CREATE SCHEMA " + pg_schema_);
    url_ = WithUrlParam(base, "options=-csearch_path%3D" + pg_schema_);
  } else {
    temp_dir_ = (std::filesystem::temp_directory_path() / ("vv_store_test_" + unique)).string();
    std::filesystem::remove_all(temp_dir_);
    // A missing parent directory: OpenStore must create it.
    url_ = "sqlite:" + temp_dir_ + "/nested/vv.db";
  }
  auto opened = OpenStore(url_);
  ASSERT_TRUE(opened.ok()) << opened.error().ToString();
  store_ = std::move(opened).value();
}

void StoreContractTest::TearDown() {
  store_.reset();
  if (!pg_schema_.empty()) {
    pqxx::connection conn(PgTestUrl());
    pqxx::nontransaction(conn).exec("DROP SCHEMA IF EXISTS " + pg_schema_ + " CASCADE");
  }
  if (!temp_dir_.empty()) std::filesystem::remove_all(temp_dir_);
}

void StoreContractTest::Reopen() {
  store_.reset();
  auto opened = OpenStore(url_);
  ASSERT_TRUE(opened.ok()) << opened.error().ToString();
  store_ = std::move(opened).value();
}

void StoreContractTest::ExecRaw(const std::string& sql) {
  if (IsPostgres()) {
    pqxx::connection conn(url_);
    pqxx::work work(conn);
    work.exec(sql);
    work.commit();
    return;
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((temp_dir_ + "/nested/vv.db").c_str(), &db), SQLITE_OK);
  char* message = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  std::string error = message ? message : "";
  sqlite3_free(message);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << error;
}

Timestamp T(const char* iso8601) { return ParseIso8601(iso8601).value(); }

Channel FullChannel(const std::string& id) {
  Channel c;
  c.id = id;
  c.title = "Kanal \"Größe\" — 日本語 🎬";
  c.country = "DE";
  c.subscribers = 1234567890123;
  c.video_count = 0;  // known zero is not unknown
  c.view_count = 98765;
  c.created_at = T("2011-03-04T05:06:07Z");
  return c;
}

Video FullVideo(const std::string& id) {
  Video v;
  v.id = id;
  v.channel_id = "UC_" + id;
  v.title = "Ünïcödé 'quotes' \"double\" \\back\\slash — 音楽 " + id;
  v.description = "line one\nline two\twith tab, emoji 😀";
  v.tags = {"tag one", "quote\"inside", "back\\slash", "comma,{brace}", "日本", "NULL", ""};
  v.category_id = 24;
  v.published_at = T("2018-01-02T03:04:05Z");
  v.duration_s = 754;
  v.default_language = "en-GB";
  v.thumbnail_url = "https://i.ytimg.com/vi/" + id + "/default.jpg";
  v.comments_disabled = true;
  v.ratings_disabled = true;
  v.clickbait_label = false;  // known false must not read back as unknown
  v.anomaly_label = true;
  v.source = "kaggle:US";
  return v;
}

void ExpectSameVideo(const Video& e, const Video& a) {
  EXPECT_EQ(e.id, a.id);
  EXPECT_EQ(e.channel_id, a.channel_id) << e.id;
  EXPECT_EQ(e.title, a.title) << e.id;
  EXPECT_EQ(e.description, a.description) << e.id;
  EXPECT_EQ(e.tags, a.tags) << e.id;
  EXPECT_EQ(e.category_id, a.category_id) << e.id;
  EXPECT_EQ(e.published_at, a.published_at) << e.id;
  EXPECT_EQ(e.duration_s, a.duration_s) << e.id;
  EXPECT_EQ(e.default_language, a.default_language) << e.id;
  EXPECT_EQ(e.thumbnail_url, a.thumbnail_url) << e.id;
  EXPECT_EQ(e.comments_disabled, a.comments_disabled) << e.id;
  EXPECT_EQ(e.ratings_disabled, a.ratings_disabled) << e.id;
  EXPECT_EQ(e.clickbait_label, a.clickbait_label) << e.id;
  EXPECT_EQ(e.anomaly_label, a.anomaly_label) << e.id;
  EXPECT_EQ(e.source, a.source) << e.id;
}

void ExpectSameChannel(const Channel& e, const Channel& a) {
  EXPECT_EQ(e.id, a.id);
  EXPECT_EQ(e.title, a.title) << e.id;
  EXPECT_EQ(e.country, a.country) << e.id;
  EXPECT_EQ(e.subscribers, a.subscribers) << e.id;
  EXPECT_EQ(e.video_count, a.video_count) << e.id;
  EXPECT_EQ(e.view_count, a.view_count) << e.id;
  EXPECT_EQ(e.created_at, a.created_at) << e.id;
}

void ExpectSameSnapshot(const Snapshot& e, const Snapshot& a) {
  EXPECT_EQ(e.video_id, a.video_id);
  EXPECT_EQ(e.captured_at, a.captured_at) << e.video_id;
  EXPECT_EQ(e.views, a.views) << e.video_id;
  EXPECT_EQ(e.likes, a.likes) << e.video_id;
  EXPECT_EQ(e.dislikes, a.dislikes) << e.video_id;
  EXPECT_EQ(e.comments, a.comments) << e.video_id;
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContractTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace vv::testing
