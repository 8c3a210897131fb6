// Upserts. What happens to a row written again is the merge rule's (store/merge_rule.h): the
// ON CONFLICT clauses are generated from it.
#include "core/time_util.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store_internal.h"

namespace vv::store_internal {
namespace {

const std::string& UpsertChannelSql() {
  static const std::string kSql = R"(
INSERT INTO channels (id, title, country, subscribers, video_count, view_count, created_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
ON CONFLICT (id) )" +
      ConflictUpdateSql(MergeTable::kChannels, Dialect::kSqlite);
  return kSql;
}

const std::string& UpsertVideoSql() {
  static const std::string kSql = R"(
INSERT INTO videos (id, channel_id, title, title_search, description, tags, category_id,
  published_at, duration_s, default_language, thumbnail_url, comments_disabled,
  ratings_disabled, clickbait_label, anomaly_label, source)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
ON CONFLICT (id) )" +
      ConflictUpdateSql(MergeTable::kVideos, Dialect::kSqlite);
  return kSql;
}

const std::string& UpsertSnapshotSql() {
  static const std::string kSql = R"(
INSERT INTO snapshots (video_id, captured_at, views, likes, dislikes, comments)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (video_id, captured_at) )" +
      ConflictUpdateSql(MergeTable::kSnapshots, Dialect::kSqlite);
  return kSql;
}

const std::string& UpsertLabelledTitleSql() {
  static const std::string kSql = R"(
INSERT INTO labelled_titles (title, source, clickbait) VALUES (?1, ?2, ?3)
ON CONFLICT (title, source) )" +
      ConflictUpdateSql(MergeTable::kLabelledTitles, Dialect::kSqlite);
  return kSql;
}

const std::string& UpsertCategorySql() {
  static const std::string kSql = R"(
INSERT INTO categories (id, region, name) VALUES (?1, ?2, ?3)
ON CONFLICT (id, region) )" +
      ConflictUpdateSql(MergeTable::kCategories, Dialect::kSqlite);
  return kSql;
}

}  // namespace

Status SqliteStore::UpsertChannels(std::span<const Channel> channels) {
  return Write([&]() -> Status {
    VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare(UpsertChannelSql()));
    for (const Channel& c : channels) {
      stmt.Text(1, c.id);
      stmt.Text(2, c.title);
      stmt.Text(3, c.country);
      stmt.Opt(4, c.subscribers);
      stmt.Opt(5, c.video_count);
      stmt.Opt(6, c.view_count);
      stmt.OptTime(7, c.created_at);
      VV_RETURN_IF_ERROR(StepDone(stmt, "upserting channel '" + c.id + "'"));
    }
    return {};
  });
}

Status SqliteStore::UpsertVideos(std::span<const Video> videos) {
  return Write([&]() -> Status {
    VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare(UpsertVideoSql()));
    for (const Video& v : videos) {
      std::string title_search = FoldForSearch(v.title);
      std::string tags = TagsToJson(v.tags);
      stmt.Text(1, v.id);
      stmt.Text(2, v.channel_id);
      stmt.Text(3, v.title);
      stmt.Text(4, title_search);
      stmt.Text(5, v.description);
      stmt.Text(6, tags);
      stmt.Opt(7, v.category_id);
      stmt.OptTime(8, v.published_at);
      stmt.Opt(9, v.duration_s);
      stmt.Text(10, v.default_language);
      stmt.Text(11, v.thumbnail_url);
      stmt.Int(12, v.comments_disabled ? 1 : 0);
      stmt.Int(13, v.ratings_disabled ? 1 : 0);
      stmt.Opt(14, v.clickbait_label);
      stmt.Opt(15, v.anomaly_label);
      stmt.Text(16, v.source);
      VV_RETURN_IF_ERROR(StepDone(stmt, "upserting video '" + v.id + "'"));
    }
    return {};
  });
}

Status SqliteStore::UpsertSnapshots(std::span<const Snapshot> snapshots) {
  return Write([&]() -> Status {
    VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare(UpsertSnapshotSql()));
    for (const Snapshot& s : snapshots) {
      stmt.Text(1, s.video_id);
      stmt.Int(2, ToUnixSeconds(s.captured_at));
      stmt.Opt(3, s.views);
      stmt.Opt(4, s.likes);
      stmt.Opt(5, s.dislikes);
      stmt.Opt(6, s.comments);
      if (stmt.Step() != SQLITE_DONE) {
        if (sqlite3_extended_errcode(db_) == SQLITE_CONSTRAINT_FOREIGNKEY) {
          return MakeError(ErrorCode::kInvalidArgument,
                           "snapshot of unknown video '" + s.video_id + "' at " +
                               FormatIso8601(s.captured_at) + " (upsert the video first)",
                           Describe());
        }
        return SqlError("upserting snapshot of video '" + s.video_id + "'");
      }
      stmt.Reset();
    }
    return {};
  });
}

Status SqliteStore::UpsertLabelledTitles(std::span<const LabelledTitle> titles) {
  return Write([&]() -> Status {
    VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare(UpsertLabelledTitleSql()));
    for (const LabelledTitle& t : titles) {
      stmt.Text(1, t.title);
      stmt.Text(2, t.source);
      stmt.Int(3, t.clickbait ? 1 : 0);
      VV_RETURN_IF_ERROR(StepDone(stmt, "upserting labelled title '" + t.title + "'"));
    }
    return {};
  });
}

Status SqliteStore::UpsertCategories(std::span<const Category> categories) {
  return Write([&]() -> Status {
    VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare(UpsertCategorySql()));
    for (const Category& c : categories) {
      stmt.Int(1, c.id);
      stmt.Text(2, c.region);
      stmt.Text(3, c.name);
      VV_RETURN_IF_ERROR(StepDone(stmt, "upserting category " + std::to_string(c.id)));
    }
    return {};
  });
}

}  // namespace vv::store_internal
