#include "store/merge_rule.h"

#include <fmt/format.h>

#include <string_view>
#include <type_traits>
#include <vector>

#include "store/store_internal.h"

namespace vv {
namespace {

enum class Rule {
  kKnownWins,   // a known new value replaces, an unknown one keeps the stored value
  kTurnsOn,     // a flag whose false also means "not said": true wins
  kAlwaysWins,  // the new value replaces (it cannot be unknown)
  kFollows,     // a derived column: replaced when the column it derives from is
};
enum class Unknown { kNever, kEmptyText, kNull, kNoTags };

template <typename Row>
struct Field {
  const char* column;
  Rule rule;
  Unknown unknown;
  const char* follows;                              // kFollows: the column it derives from
  void (*merge)(Row& stored, const Row& incoming);  // nullptr for derived columns
};

template <typename T>
bool IsKnown(const T& value) {
  if constexpr (requires { value.has_value(); }) {
    return value.has_value();
  } else {
    return !value.empty();
  }
}

template <typename T>
constexpr Unknown UnknownOf() {
  if constexpr (std::is_same_v<T, std::string>) {
    return Unknown::kEmptyText;
  } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
    return Unknown::kNoTags;
  } else {
    return Unknown::kNull;
  }
}

template <typename>
struct MemberOf;
template <typename R, typename T>
struct MemberOf<T R::*> {
  using Row = R;
  using Type = T;
};
template <auto M>
using RowOf = typename MemberOf<decltype(M)>::Row;

template <auto M>
Field<RowOf<M>> Known(const char* column) {
  using T = typename MemberOf<decltype(M)>::Type;
  return {column, Rule::kKnownWins, UnknownOf<T>(), nullptr, [](RowOf<M>& s, const RowOf<M>& n) {
            if (IsKnown(n.*M)) s.*M = n.*M;
          }};
}

template <auto M>
Field<RowOf<M>> TurnsOn(const char* column) {
  return {column, Rule::kTurnsOn, Unknown::kNever, nullptr,
          [](RowOf<M>& s, const RowOf<M>& n) { s.*M = s.*M || n.*M; }};
}

template <auto M>
Field<RowOf<M>> AlwaysWins(const char* column) {
  return {column, Rule::kAlwaysWins, Unknown::kNever, nullptr,
          [](RowOf<M>& s, const RowOf<M>& n) { s.*M = n.*M; }};
}

template <typename Row>
Field<Row> Follows(const char* column, const char* source) {
  return {column, Rule::kFollows, Unknown::kNever, source, nullptr};
}

// The key columns (id; video_id + captured_at; title + source; id + region) are not listed:
// they are what makes two rows the same row.
const std::vector<Field<Channel>>& ChannelFields() {
  static const std::vector<Field<Channel>> kFields = {
      Known<&Channel::title>("title"),
      Known<&Channel::country>("country"),
      Known<&Channel::subscribers>("subscribers"),
      Known<&Channel::video_count>("video_count"),
      Known<&Channel::view_count>("view_count"),
      Known<&Channel::created_at>("created_at"),
  };
  return kFields;
}

const std::vector<Field<Video>>& VideoFields() {
  static const std::vector<Field<Video>> kFields = {
      Known<&Video::channel_id>("channel_id"),
      Known<&Video::title>("title"),
      Follows<Video>("title_search", "title"),
      Known<&Video::description>("description"),
      Known<&Video::tags>("tags"),
      Known<&Video::category_id>("category_id"),
      Known<&Video::published_at>("published_at"),
      Known<&Video::duration_s>("duration_s"),
      Known<&Video::default_language>("default_language"),
      Known<&Video::thumbnail_url>("thumbnail_url"),
      TurnsOn<&Video::comments_disabled>("comments_disabled"),
      TurnsOn<&Video::ratings_disabled>("ratings_disabled"),
      Known<&Video::clickbait_label>("clickbait_label"),
      Known<&Video::anomaly_label>("anomaly_label"),
      Known<&Video::source>("source"),
  };
  return kFields;
}

const std::vector<Field<Snapshot>>& SnapshotFields() {
  static const std::vector<Field<Snapshot>> kFields = {
      Known<&Snapshot::views>("views"),
      Known<&Snapshot::likes>("likes"),
      Known<&Snapshot::dislikes>("dislikes"),
      Known<&Snapshot::comments>("comments"),
  };
  return kFields;
}

const std::vector<Field<LabelledTitle>>& LabelledTitleFields() {
  static const std::vector<Field<LabelledTitle>> kFields = {
      AlwaysWins<&LabelledTitle::clickbait>("clickbait"),
  };
  return kFields;
}

const std::vector<Field<Category>>& CategoryFields() {
  static const std::vector<Field<Category>> kFields = {Known<&Category::name>("name")};
  return kFields;
}

template <typename Row>
void MergeFields(const std::vector<Field<Row>>& fields, Row& stored, const Row& incoming) {
  for (const auto& field : fields) {
    if (field.merge) field.merge(stored, incoming);
  }
}

}  // namespace

void MergeInto(Channel& stored, const Channel& incoming) {
  MergeFields(ChannelFields(), stored, incoming);
}
void MergeInto(Video& stored, const Video& incoming) {
  MergeFields(VideoFields(), stored, incoming);
}
void MergeInto(Snapshot& stored, const Snapshot& incoming) {
  MergeFields(SnapshotFields(), stored, incoming);
}
void MergeInto(LabelledTitle& stored, const LabelledTitle& incoming) {
  MergeFields(LabelledTitleFields(), stored, incoming);
}
void MergeInto(Category& stored, const Category& incoming) {
  MergeFields(CategoryFields(), stored, incoming);
}

}  // namespace vv

namespace vv::store_internal {
namespace {

// The SQL for one field; `in` is the incoming row's column, `old` the stored one.
struct FieldSql {
  std::string set;      // the new value
  std::string changed;  // true when the row would change ("" = never decides alone)
};

std::string KnownTest(Unknown unknown, const std::string& value, Dialect dialect) {
  switch (unknown) {
    case Unknown::kEmptyText:
      return value + " <> ''";
    case Unknown::kNoTags:
      return value + (dialect == Dialect::kPostgres ? " <> '[]'::jsonb" : " <> '[]'");
    case Unknown::kNull:
      return value + " IS NOT NULL";
    case Unknown::kNever:
      return "TRUE";
  }
  return "TRUE";
}

template <typename Row>
FieldSql SqlOf(const Field<Row>& field, const std::vector<Field<Row>>& all, Dialect dialect) {
  const bool pg = dialect == Dialect::kPostgres;
  const std::string in = std::string(pg ? "EXCLUDED." : "excluded.") + field.column;
  const std::string old = std::string(pg ? "t." : "") + field.column;
  const std::string distinct = pg ? " IS DISTINCT FROM " : " IS NOT ";
  switch (field.rule) {
    case Rule::kKnownWins: {
      std::string known = KnownTest(field.unknown, in, dialect);
      std::string set = field.unknown == Unknown::kNull
                            ? fmt::format("COALESCE({}, {})", in, old)
                            : fmt::format("CASE WHEN {} THEN {} ELSE {} END", known, in, old);
      return {set, fmt::format("({} AND {}{}{})", known, in, distinct, old)};
    }
    case Rule::kTurnsOn:
      if (pg) return {fmt::format("{} OR {}", old, in), fmt::format("({} AND NOT {})", in, old)};
      return {fmt::format("MAX({}, {})", old, in), fmt::format("({} > {})", in, old)};
    case Rule::kAlwaysWins:
      return {in, fmt::format("({}{}{})", in, distinct, old)};
    case Rule::kFollows:
      for (const auto& source : all) {
        if (std::string_view(source.column) != field.follows) continue;
        std::string source_in = std::string(pg ? "EXCLUDED." : "excluded.") + source.column;
        return {fmt::format("CASE WHEN {} THEN {} ELSE {} END",
                            KnownTest(source.unknown, source_in, dialect), in, old),
                ""};
      }
      break;
  }
  return {in, ""};
}

template <typename Row>
std::string ClauseOf(const std::vector<Field<Row>>& fields, Dialect dialect) {
  std::string set, where;
  for (const auto& field : fields) {
    FieldSql sql = SqlOf(field, fields, dialect);
    set += fmt::format("{}\n  {} = {}", set.empty() ? "" : ",", field.column, sql.set);
    if (!sql.changed.empty()) {
      where += fmt::format("{}{}", where.empty() ? "" : "\n   OR ", sql.changed);
    }
  }
  return "DO UPDATE SET" + set + "\nWHERE " + where;
}

}  // namespace

std::string ConflictUpdateSql(MergeTable table, Dialect dialect) {
  switch (table) {
    case MergeTable::kChannels:
      return ClauseOf(ChannelFields(), dialect);
    case MergeTable::kVideos:
      return ClauseOf(VideoFields(), dialect);
    case MergeTable::kSnapshots:
      return ClauseOf(SnapshotFields(), dialect);
    case MergeTable::kLabelledTitles:
      return ClauseOf(LabelledTitleFields(), dialect);
    case MergeTable::kCategories:
      return ClauseOf(CategoryFields(), dialect);
  }
  return {};
}

}  // namespace vv::store_internal
