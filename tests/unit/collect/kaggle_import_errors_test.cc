// Bad input is an error naming file:line, and the store is left exactly as it was.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "collect/kaggle_import.h"
#include "unit/collect/kaggle_store_fixture.h"

namespace vv::collect::testing {
namespace {

const char kHeader2017[] =
    "video_id,trending_date,title,channel_title,category_id,views,likes,dislikes,"
    "comment_count\n";
const char kGoodRow[] = "zzzzzzzzzz9,17.14.11,Fine,Good Channel,22,10,1,0,0\n";

struct BadCase {
  const char* name;
  std::string content;
  const char* where;    // expected error path
  const char* message;  // expected part of the message
};

std::vector<BadCase> BadCases() {
  std::string h = kHeader2017;
  return {
      {"field_count", h + kGoodRow + "yyyyyyyyyy8,17.14.11,Short,Chan,22,10\n", ":3",
       "6 fields, the header has 9"},
      {"unterminated_quote",
       h + "yyyyyyyyyy8,17.14.11,\"Never closed,Chan,22,10,1,0,0\n" + kGoodRow, ":2",
       "not terminated"},
      {"stray_quote", h + kGoodRow + "yyyyyyyyyy8,17.14.11,Say \"hi\",Chan,22,10,1,0,0\n", ":3",
       "malformed CSV"},
      {"bad_date", h + kGoodRow + "yyyyyyyyyy8,17.31.02,T,Chan,22,10,1,0,0\n", ":3",
       "column 'trending_date': bad date '17.31.02'"},
      {"bad_number", h + kGoodRow + "yyyyyyyyyy8,17.14.11,T,Chan,22,1e5,1,0,0\n", ":3",
       "column 'views': '1e5' is not a whole number"},
      {"unknown_columns", "video_id,day,title,views\nzzzzzzzzzz9,17.14.11,T,5\n", ":1",
       "kaggle-2017 needs trending_date"},
      {"not_utf8", h + kGoodRow + kGoodRow + "yyyyyyyyyy8,17.14.11,Caf\xE9,Chan,22,10,1,0,0\n",
       ":4", "invalid UTF-8: byte 0xE9 at column 25"},
      {"empty_file", "", ":1", "empty file"},
  };
}

class ImportErrorsTest : public ImportStoreTest {
 protected:
  void SetUp() override {
    ImportStoreTest::SetUp();
    if (IsSkipped()) return;
    dir_ = std::filesystem::temp_directory_path() /
           ("vv_import_bad_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
    ImportStoreTest::TearDown();
  }
  std::string Write(const std::string& name, const std::string& content) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  int64_t Videos() { return store_->Stats().value().videos; }

  std::filesystem::path dir_;
};

TEST_P(ImportErrorsTest, EachBadInputNamesFileAndLineAndWritesNothing) {
  ASSERT_TRUE(ImportTrending(*store_, {{KaggleFixture("US_daily_2017.csv")}, {}, ""}).ok());
  const int64_t before = Videos();
  const std::string good = Write("good.csv", std::string(kHeader2017) + kGoodRow);
  for (const auto& bad : BadCases()) {
    SCOPED_TRACE(bad.name);
    std::string path = Write(std::string(bad.name) + ".csv", bad.content);
    // The good file comes first: its rows must not be written either.
    auto result = ImportTrending(*store_, {{good, path}, {}, ""});
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().path, path + bad.where) << result.error().ToString();
    EXPECT_NE(result.error().message.find(bad.message), std::string::npos)
        << result.error().ToString();
    EXPECT_EQ(Videos(), before);
    EXPECT_FALSE(store_->GetVideo("zzzzzzzzzz9").value().has_value());
  }
}

TEST_P(ImportErrorsTest, MissingFilesAreErrors) {
  auto csv = ImportTrending(*store_, {{(dir_ / "nope.csv").string()}, {}, ""});
  ASSERT_FALSE(csv.ok());
  EXPECT_EQ(csv.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(csv.error().path, (dir_ / "nope.csv").string());
  auto json = ImportTrending(
      *store_, {{KaggleFixture("US_daily_2017.csv")}, {(dir_ / "nope.json").string()}, ""});
  ASSERT_FALSE(json.ok());
  EXPECT_EQ(Videos(), 0);
}

TEST_P(ImportErrorsTest, BadCategoriesJsonNamesTheJsonPath) {
  std::string json = Write("US_cats.json", R"({"items": [{"id": "10", "snippet": {"title":
    "Music"}}, {"id": "ten", "snippet": {"title": "X"}}]})");
  auto result = ImportTrending(*store_, {{KaggleFixture("US_daily_2017.csv")}, {json}, ""});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().path, json + ": $.items[1].id");
  std::string broken = Write("broken.json", "{\"items\": [");
  auto parse = ImportTrending(*store_, {{KaggleFixture("US_daily_2017.csv")}, {broken}, ""});
  ASSERT_FALSE(parse.ok());
  EXPECT_NE(parse.error().message.find("not valid JSON"), std::string::npos);
  EXPECT_EQ(Videos(), 0);
  EXPECT_TRUE(store_->LoadCategories().value().empty());
}

// A store that fails the snapshot write, after channels and videos went through.
class FailingSnapshots : public Store {
 public:
  explicit FailingSnapshots(Store& inner) : inner_(inner) {}
  std::string Describe() const override { return inner_.Describe(); }
  int SchemaVersion() const override { return inner_.SchemaVersion(); }
  Status Begin() override { return inner_.Begin(); }
  Status Commit() override { return inner_.Commit(); }
  Status Rollback() override { return inner_.Rollback(); }
  Status UpsertChannels(std::span<const Channel> c) override { return inner_.UpsertChannels(c); }
  Status UpsertVideos(std::span<const Video> v) override { return inner_.UpsertVideos(v); }
  Status UpsertSnapshots(std::span<const Snapshot>) override {
    return MakeError(ErrorCode::kUnavailable, "connection lost");
  }
  Status UpsertLabelledTitles(std::span<const LabelledTitle> t) override {
    return inner_.UpsertLabelledTitles(t);
  }
  Status UpsertCategories(std::span<const Category> c) override {
    return inner_.UpsertCategories(c);
  }
  Result<std::vector<Channel>> LoadChannels() override { return inner_.LoadChannels(); }
  Result<std::optional<Channel>> GetChannel(const std::string& id) override {
    return inner_.GetChannel(id);
  }
  Result<std::vector<Video>> LoadVideos(const VideoFilter& f) override {
    return inner_.LoadVideos(f);
  }
  Result<std::optional<Video>> GetVideo(const std::string& id) override {
    return inner_.GetVideo(id);
  }
  Result<std::vector<Snapshot>> LoadSnapshots(const std::string& id) override {
    return inner_.LoadSnapshots(id);
  }
  Result<std::vector<LabelledTitle>> LoadLabelledTitles() override {
    return inner_.LoadLabelledTitles();
  }
  Result<std::vector<Category>> LoadCategories() override { return inner_.LoadCategories(); }
  Result<StoreStats> Stats() override { return inner_.Stats(); }

 private:
  Store& inner_;
};

TEST_P(ImportErrorsTest, AFailedWriteRollsBackTheWholeImport) {
  FailingSnapshots failing(*store_);
  auto result = ImportTrending(
      failing, {{KaggleFixture("US_videos_2017.csv")}, {KaggleFixture("US_category_id.json")}, ""});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message, "connection lost");
  auto stats = store_->Stats().value();
  EXPECT_EQ(stats.videos, 0);
  EXPECT_EQ(stats.channels, 0);
  EXPECT_TRUE(store_->LoadCategories().value().empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportErrorsTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace vv::collect::testing
