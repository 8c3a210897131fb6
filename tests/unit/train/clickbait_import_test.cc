#include "train/clickbait_import.h"

#include <gtest/gtest.h>

#include <fstream>

namespace vv::train {
namespace {

namespace fs = std::filesystem;

class ClickbaitImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("vv_cb_import_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto store = OpenStore("sqlite:" + (dir_ / "vv.db").string());
    ASSERT_TRUE(store.ok()) << store.error().ToString();
    store_ = std::move(*store);
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  fs::path Write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / name, std::ios::binary) << content;
    return dir_ / name;
  }

  fs::path dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(ClickbaitImportTest, ImportsBothFilesSkippingBlankLines) {
  const auto pos = Write("pos.txt", "You Won't Believe This\n\n  \n10 Things That Will Shock You\r\n");
  const auto neg = Write("neg.txt", "Parliament passes budget\nMarkets close higher\n");
  auto stats = ImportClickbaitTitles(*store_, pos, neg, "chakraborty2016");
  ASSERT_TRUE(stats.ok()) << stats.error().ToString();
  EXPECT_EQ(stats->positive, 2u);
  EXPECT_EQ(stats->negative, 2u);
  auto titles = store_->LoadLabelledTitles();
  ASSERT_TRUE(titles.ok());
  ASSERT_EQ(titles->size(), 4u);
  int positives = 0;
  for (const auto& t : *titles) {
    EXPECT_EQ(t.source, "chakraborty2016");
    EXPECT_EQ(t.title.find('\r'), std::string::npos);
    positives += t.clickbait ? 1 : 0;
  }
  EXPECT_EQ(positives, 2);
  // Idempotent.
  ASSERT_TRUE(ImportClickbaitTitles(*store_, pos, neg, "chakraborty2016").ok());
  EXPECT_EQ(store_->LoadLabelledTitles()->size(), 4u);
}

TEST_F(ClickbaitImportTest, InvalidUtf8NamesFileAndLineAndWritesNothing) {
  const auto pos = Write("pos.txt", "fine title\n");
  const auto neg = Write("neg.txt", "ok\n\nbad \xff title\n");
  auto stats = ImportClickbaitTitles(*store_, pos, neg, "x");
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.error().path, (dir_ / "neg.txt").string() + ":3");
  EXPECT_NE(stats.error().message.find("UTF-8"), std::string::npos);
  EXPECT_TRUE(store_->LoadLabelledTitles()->empty());
}

TEST_F(ClickbaitImportTest, ConflictingTitlesLeftOutMissingFileRefused) {
  const auto pos = Write("pos.txt", "same title\nbait\nbait\n");
  const auto neg = Write("neg.txt", "same title\n");
  auto stats = ImportClickbaitTitles(*store_, pos, neg, "x");
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->conflicting, 1u);
  EXPECT_EQ(stats->duplicates, 1u);
  EXPECT_EQ(stats->positive, 1u);
  EXPECT_EQ(stats->negative, 0u);
  auto missing = ImportClickbaitTitles(*store_, dir_ / "nope.txt", neg, "x");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().path.find("nope.txt"), std::string::npos);
}

}  // namespace
}  // namespace vv::train
