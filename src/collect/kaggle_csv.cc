#include "collect/kaggle_csv.h"

#include <csv.h>
#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/text_util.h"

namespace vv::collect {

namespace {

// libcsv reports through C callbacks, which must not throw or unwind; they only collect, and
// the records are handed to the caller after each line is fed.
struct ParseState {
  std::vector<std::string> fields;
  std::vector<CsvRecord> done;
  int line = 0;          // line being fed
  int record_line = -1;  // start line of the record being assembled, -1 between records
  bool unterminated = false;
  bool no_line_end = false;
};

void OnField(void* text, size_t len, void* data) {
  auto* state = static_cast<ParseState*>(data);
  if (state->record_line < 0) state->record_line = state->line;
  state->fields.emplace_back(static_cast<const char*>(text), len);
}

void OnRecordEnd(int /*terminator*/, void* data) {
  auto* state = static_cast<ParseState*>(data);
  if (state->record_line < 0) state->record_line = state->line;
  state->done.push_back(
      CsvRecord{std::move(state->fields), state->record_line, state->unterminated,
                state->no_line_end});
  state->fields.clear();
  state->record_line = -1;
}

// Spaces around fields are data: titles keep their exact text.
int NoSpace(unsigned char) { return 0; }

bool IsBlankLine(std::string_view line) {
  return line.find_first_not_of("\r\n") == std::string_view::npos;
}

// True when text[from..] is the start of one multi-byte UTF-8 character and nothing else: what
// a file cut at a byte count leaves of its last character.
bool IsCutCharacter(std::string_view text, size_t from) {
  std::string_view rest = text.substr(from);
  unsigned char lead = static_cast<unsigned char>(rest[0]);
  size_t need = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
  if (need == 0 || lead > 0xF4 || rest.size() >= need) return false;
  for (size_t i = 1; i < rest.size(); ++i) {
    if ((static_cast<unsigned char>(rest[i]) & 0xC0) != 0x80) return false;
  }
  return true;
}

class Parser {
 public:
  explicit Parser(const std::string& name) : name_(name) {
    csv_init(&parser_, CSV_STRICT | CSV_STRICT_FINI);
    csv_set_space_func(&parser_, NoSpace);
  }
  ~Parser() { csv_free(&parser_); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  // last: the file's final piece (no line end follows).
  Status Feed(std::string_view line, bool last, const CsvRecordFn& on_record) {
    ++state_.line;
    size_t bad = 0;
    if (!IsValidUtf8(line, &bad) && last && IsCutCharacter(line, bad)) {
      line = line.substr(0, bad);  // the half character is dropped; the record counts as cut
      cut_character_ = true;
    }
    no_line_end_ = last && !line.ends_with('\n');
    if (!IsValidUtf8(line, &bad)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("invalid UTF-8: byte 0x{:02X} at column {}",
                                   static_cast<unsigned char>(line[bad]), bad + 1),
                       Where(state_.line));
    }
    if (state_.record_line < 0 && !IsBlankLine(line) && state_.fields.empty()) {
      state_.record_line = state_.line;
    }
    size_t used = csv_parse(&parser_, line.data(), line.size(), OnField, OnRecordEnd, &state_);
    if (used != line.size()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("malformed CSV at column {}: {} (a quote inside an unquoted "
                                   "field, or text after a closing quote)",
                                   used + 1, csv_strerror(csv_error(&parser_))),
                       Where(state_.line));
    }
    return Deliver(on_record);
  }

  Status Finish(const CsvRecordFn& on_record) {
    // Only the record still open now can be cut: every earlier one was delivered by Feed.
    state_.unterminated = cut_character_;
    state_.no_line_end = no_line_end_;
    // With CSV_STRICT_FINI, csv_fini refuses an open quoted field and leaves the parser as it
    // was; finishing again without that option delivers the partial record.
    if (csv_fini(&parser_, OnField, OnRecordEnd, &state_) != 0) {
      state_.unterminated = true;
      csv_set_opts(&parser_, CSV_STRICT);
      if (csv_fini(&parser_, OnField, OnRecordEnd, &state_) != 0) {
        return MakeError(ErrorCode::kInvalidArgument, "malformed CSV at the end of the file",
                         Where(state_.line));
      }
    }
    return Deliver(on_record);
  }

 private:
  std::string Where(int line) const { return fmt::format("{}:{}", name_, line); }

  Status Deliver(const CsvRecordFn& on_record) {
    for (auto& record : state_.done) VV_RETURN_IF_ERROR(on_record(record));
    state_.done.clear();
    return {};
  }

  std::string name_;
  csv_parser parser_{};
  ParseState state_;
  bool cut_character_ = false;  // the file ended inside a multi-byte character
  bool no_line_end_ = false;    // the file's last line has no line end
};

}  // namespace

Status ParseCsv(std::string_view data, const std::string& name, const CsvRecordFn& on_record) {
  if (data.starts_with("\xEF\xBB\xBF")) data.remove_prefix(3);
  Parser parser(name);
  // Fed one line at a time so that every error and record knows its line number.
  while (!data.empty()) {
    size_t end = data.find('\n');
    size_t len = end == std::string_view::npos ? data.size() : end + 1;
    VV_RETURN_IF_ERROR(parser.Feed(data.substr(0, len), len == data.size(), on_record));
    data.remove_prefix(len);
  }
  return parser.Finish(on_record);
}

Status ReadCsvFile(const std::string& path, const CsvRecordFn& on_record) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return MakeError(ErrorCode::kInvalidArgument, "is a directory, not a CSV file", path);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return MakeError(ErrorCode::kNotFound, fmt::format("cannot open: {}", std::strerror(errno)),
                     path);
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    return MakeError(ErrorCode::kNotFound, "read failed", path);
  }
  return ParseCsv(buffer.str(), path, on_record);
}

}  // namespace vv::collect
