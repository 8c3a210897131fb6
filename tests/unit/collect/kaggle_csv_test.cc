#include "collect/kaggle_csv.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace vv::collect {
namespace {

struct Parsed {
  std::vector<CsvRecord> records;
  Status status;
};

Parsed Parse(const std::string& data) {
  Parsed out;
  out.status = ParseCsv(data, "t.csv", [&](CsvRecord& r) {
    out.records.push_back(r);
    return Status();
  });
  return out;
}

TEST(KaggleCsvTest, PlainRecordsWithLineNumbers) {
  auto p = Parse("a,b,c\n1,2,3\n4,5,6\n");
  ASSERT_TRUE(p.status.ok()) << p.status.error().ToString();
  ASSERT_EQ(p.records.size(), 3u);
  EXPECT_EQ(p.records[1].fields, (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(p.records[0].line, 1);
  EXPECT_EQ(p.records[2].line, 3);
}

TEST(KaggleCsvTest, QuotedMultiLineFieldsAndCrlf) {
  auto p =
      Parse("\"id\",\"text\"\r\n\"x\",\"line one\r\nline \"\"two\"\", end\"\r\n\"y\",\"z\"\r\n");
  ASSERT_TRUE(p.status.ok()) << p.status.error().ToString();
  ASSERT_EQ(p.records.size(), 3u);
  EXPECT_EQ(p.records[1].fields[1], "line one\r\nline \"two\", end");
  EXPECT_EQ(p.records[1].line, 2);
  EXPECT_EQ(p.records[2].line, 4);  // the record after a two-line field starts on line 4
  EXPECT_EQ(p.records[2].fields[0], "y");
}

TEST(KaggleCsvTest, KeepsSpacesEmptyFieldsAndLastLineWithoutNewline) {
  auto p = Parse("a,b,c\n a ,,\"\"\n\n1,2,3");
  ASSERT_TRUE(p.status.ok()) << p.status.error().ToString();
  ASSERT_EQ(p.records.size(), 3u);
  EXPECT_EQ(p.records[1].fields, (std::vector<std::string>{" a ", "", ""}));
  EXPECT_EQ(p.records[2].fields[2], "3");
  EXPECT_EQ(p.records[2].line, 4);  // the blank line 3 is skipped, not counted as a record
}

TEST(KaggleCsvTest, SkipsByteOrderMark) {
  auto p = Parse("\xEF\xBB\xBFvideo_id,x\n1,2\n");
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.records[0].fields[0], "video_id");
}

TEST(KaggleCsvTest, UnterminatedQuoteMarksTheLastRecordFromTheLineWhereItOpened) {
  auto p = Parse("a,b\n1,2\n3,\"never closed\n4,5\n");
  ASSERT_TRUE(p.status.ok()) << p.status.error().ToString();
  ASSERT_EQ(p.records.size(), 3u);
  EXPECT_FALSE(p.records[1].unterminated);
  EXPECT_TRUE(p.records[2].unterminated);
  EXPECT_EQ(p.records[2].line, 3);
  EXPECT_EQ(p.records[2].fields, (std::vector<std::string>{"3", "never closed\n4,5\n"}));
}

TEST(KaggleCsvTest, FileCutInsideACharacterMarksTheLastRecordCut) {
  // "\xEC\x84\xA4" is one Hangul syllable; the file keeps only its first two bytes.
  auto quoted = Parse("a,b\r\n\"1\",\"x\"\r\n\"2\",\"half \xEC\x84");
  ASSERT_TRUE(quoted.status.ok()) << quoted.status.error().ToString();
  ASSERT_EQ(quoted.records.size(), 3u);
  EXPECT_TRUE(quoted.records[2].unterminated);
  EXPECT_EQ(quoted.records[2].fields[1], "half ");
  auto unquoted = Parse("a,b\n1,x\n2,half \xEC\x84");
  ASSERT_TRUE(unquoted.status.ok());
  ASSERT_EQ(unquoted.records.size(), 3u);
  EXPECT_FALSE(unquoted.records[1].unterminated);
  EXPECT_TRUE(unquoted.records[2].unterminated);
  EXPECT_TRUE(unquoted.records[2].no_line_end);
  EXPECT_FALSE(unquoted.records[1].no_line_end);
  // Only a cut at the very end is forgiven: the same bytes before a line end are an error.
  EXPECT_FALSE(Parse("a,b\n2,half \xEC\x84\n3,y\n").status.ok());
}

TEST(KaggleCsvTest, TextAfterClosingQuoteIsAnError) {
  auto p = Parse("a,b\n1,2\n\"x\"y,2\n");
  ASSERT_FALSE(p.status.ok());
  EXPECT_EQ(p.status.error().path, "t.csv:3");
  EXPECT_NE(p.status.error().message.find("malformed CSV"), std::string::npos);
}

TEST(KaggleCsvTest, InvalidUtf8NamesLineAndByte) {
  auto p = Parse("a,b\n1,caf\xE9\n");
  ASSERT_FALSE(p.status.ok());
  EXPECT_EQ(p.status.error().path, "t.csv:2");
  EXPECT_NE(p.status.error().message.find("0xE9"), std::string::npos);
  EXPECT_NE(p.status.error().message.find("column 6"), std::string::npos);
}

TEST(KaggleCsvTest, CallbackErrorStopsReading) {
  int seen = 0;
  Status s = ParseCsv("a\n1\n2\n3\n", "t.csv", [&](CsvRecord& r) -> Status {
    ++seen;
    if (r.line == 2) return MakeError(ErrorCode::kInvalidArgument, "stop", "t.csv:2");
    return {};
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message, "stop");
  EXPECT_EQ(seen, 2);
}

TEST(KaggleCsvTest, MissingFileIsNotFoundNamingThePath) {
  Status s = ReadCsvFile("/nonexistent/dir/x.csv", [](CsvRecord&) { return Status(); });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(s.error().path, "/nonexistent/dir/x.csv");
  Status dir = ReadCsvFile(VV_SOURCE_DIR, [](CsvRecord&) { return Status(); });
  ASSERT_FALSE(dir.ok());
  EXPECT_NE(dir.error().message.find("directory"), std::string::npos);
}

}  // namespace
}  // namespace vv::collect
