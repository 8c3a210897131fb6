#pragma once
// CSV records with the line they start on, read with libcsv (RFC 4180: quoted fields may hold
// commas, doubled quotes and line breaks; LF or CRLF line ends). Strict: a quote inside an
// unquoted field, text after a closing quote, or a byte that is not UTF-8 stops reading with
// an error naming name:line. A file that ends inside a quoted field, or inside a multi-byte
// character (whose bytes are dropped), delivers its last record marked `unterminated`, and a last
// record without a line end is marked `no_line_end`: whether that is a cut-off file or an error
// is the caller's call.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace vv::collect {

struct CsvRecord {
  std::vector<std::string> fields;
  int line = 0;               // 1-based line where the record starts
  bool unterminated = false;  // the file ended inside this record (a quoted field, a character)
  bool no_line_end = false;   // the file's last record, with no line end after it
};

// Called once per record, header included; a returned error stops reading and is returned.
using CsvRecordFn = std::function<Status(CsvRecord& record)>;

// name is used in messages ("US.csv"); a leading UTF-8 byte order mark is skipped.
Status ParseCsv(std::string_view data, const std::string& name, const CsvRecordFn& on_record);

// Reads the whole file, then ParseCsv with the path as name. A missing or unreadable file is
// kNotFound naming the path.
Status ReadCsvFile(const std::string& path, const CsvRecordFn& on_record);

}  // namespace vv::collect
