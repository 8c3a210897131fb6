#include "store/sqlite/sqlite_store.h"
#include "store/store_internal.h"

namespace vv::store_internal {
namespace {

constexpr char kChannelColumns[] =
    "SELECT id, title, country, subscribers, video_count, view_count, created_at FROM channels";

constexpr char kVideoColumns[] =
    "SELECT v.id, v.channel_id, v.title, v.description, v.tags, v.category_id, v.published_at, "
    "v.duration_s, v.default_language, v.thumbnail_url, v.comments_disabled, v.ratings_disabled, "
    "v.clickbait_label, v.anomaly_label, v.source FROM videos v";

Channel ReadChannel(const Stmt& s) {
  Channel c;
  c.id = s.ColText(0);
  c.title = s.ColText(1);
  c.country = s.ColText(2);
  c.subscribers = s.ColOpt<int64_t>(3);
  c.video_count = s.ColOpt<int64_t>(4);
  c.view_count = s.ColOpt<int64_t>(5);
  c.created_at = s.ColOptTime(6);
  return c;
}

Result<Video> ReadVideo(const Stmt& s, const std::string& where) {
  Video v;
  v.id = s.ColText(0);
  v.channel_id = s.ColText(1);
  v.title = s.ColText(2);
  v.description = s.ColText(3);
  VV_ASSIGN_OR_RETURN(v.tags, TagsFromJson(s.ColText(4), where + ": videos.tags of " + v.id));
  v.category_id = s.ColOpt<int>(5);
  v.published_at = s.ColOptTime(6);
  v.duration_s = s.ColOpt<int64_t>(7);
  v.default_language = s.ColText(8);
  v.thumbnail_url = s.ColText(9);
  v.comments_disabled = s.ColInt(10) != 0;
  v.ratings_disabled = s.ColInt(11) != 0;
  v.clickbait_label = s.ColOpt<bool>(12);
  v.anomaly_label = s.ColOpt<bool>(13);
  v.source = s.ColText(14);
  return v;
}

}  // namespace

Result<std::vector<Channel>> SqliteStore::LoadChannels() {
  VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare(std::string(kChannelColumns) + " ORDER BY id"));
  std::vector<Channel> out;
  int rc;
  while ((rc = stmt.Step()) == SQLITE_ROW) out.push_back(ReadChannel(stmt));
  if (rc != SQLITE_DONE) return SqlError("loading channels");
  return out;
}

Result<std::optional<Channel>> SqliteStore::GetChannel(const std::string& id) {
  VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare(std::string(kChannelColumns) + " WHERE id = ?1"));
  stmt.Text(1, id);
  int rc = stmt.Step();
  if (rc == SQLITE_ROW) return std::optional<Channel>(ReadChannel(stmt));
  if (rc != SQLITE_DONE) return SqlError("loading channel '" + id + "'");
  return std::optional<Channel>();
}

Result<std::vector<Video>> SqliteStore::QueryVideos(Stmt& stmt) {
  std::vector<Video> out;
  int rc;
  while ((rc = stmt.Step()) == SQLITE_ROW) {
    VV_ASSIGN_OR_RETURN(Video v, ReadVideo(stmt, Describe()));
    out.push_back(std::move(v));
  }
  if (rc != SQLITE_DONE) return SqlError("loading videos");
  return out;
}

Result<std::vector<Video>> SqliteStore::LoadVideos(const VideoFilter& filter) {
  VV_RETURN_IF_ERROR(CheckSort(filter.sort));
  VideoListClauses clauses = BuildVideoListClauses(filter, Dialect::kSqlite);
  VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare(std::string(kVideoColumns) + clauses.sql));
  int n = 0;
  std::string query = FoldForSearch(filter.query);
  if (!query.empty()) stmt.Text(++n, query);
  if (filter.category_id) stmt.Int(++n, *filter.category_id);
  if (!filter.channel_id.empty()) stmt.Text(++n, filter.channel_id);
  stmt.Int(++n, filter.limit > 0 ? filter.limit : -1);
  stmt.Int(++n, std::max(filter.offset, 0));
  return QueryVideos(stmt);
}

Result<std::optional<Video>> SqliteStore::GetVideo(const std::string& id) {
  VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare(std::string(kVideoColumns) + " WHERE v.id = ?1"));
  stmt.Text(1, id);
  VV_ASSIGN_OR_RETURN(std::vector<Video> videos, QueryVideos(stmt));
  if (videos.empty()) return std::optional<Video>();
  return std::optional<Video>(std::move(videos.front()));
}

Result<std::vector<Snapshot>> SqliteStore::LoadSnapshots(const std::string& video_id) {
  VV_ASSIGN_OR_RETURN(
      Stmt stmt,
      // Two statements: "?1 = '' OR video_id = ?1" would keep SQLite off the primary-key index.
      Prepare(video_id.empty()
                  ? "SELECT video_id, captured_at, views, likes, dislikes, comments FROM snapshots "
                    "ORDER BY video_id, captured_at"
                  : "SELECT video_id, captured_at, views, likes, dislikes, comments FROM snapshots "
                    "WHERE video_id = ?1 ORDER BY captured_at"));
  if (!video_id.empty()) stmt.Text(1, video_id);
  std::vector<Snapshot> out;
  int rc;
  while ((rc = stmt.Step()) == SQLITE_ROW) {
    Snapshot s;
    s.video_id = stmt.ColText(0);
    s.captured_at = FromUnixSeconds(stmt.ColInt(1));
    s.views = stmt.ColOpt<int64_t>(2);
    s.likes = stmt.ColOpt<int64_t>(3);
    s.dislikes = stmt.ColOpt<int64_t>(4);
    s.comments = stmt.ColOpt<int64_t>(5);
    out.push_back(std::move(s));
  }
  if (rc != SQLITE_DONE) return SqlError("loading snapshots");
  return out;
}

Result<std::vector<LabelledTitle>> SqliteStore::LoadLabelledTitles() {
  VV_ASSIGN_OR_RETURN(
      Stmt stmt, Prepare("SELECT title, clickbait, source FROM labelled_titles ORDER BY id"));
  std::vector<LabelledTitle> out;
  int rc;
  while ((rc = stmt.Step()) == SQLITE_ROW) {
    out.push_back({stmt.ColText(0), stmt.ColInt(1) != 0, stmt.ColText(2)});
  }
  if (rc != SQLITE_DONE) return SqlError("loading labelled titles");
  return out;
}

Result<std::vector<Category>> SqliteStore::LoadCategories() {
  VV_ASSIGN_OR_RETURN(Stmt stmt,
                      Prepare("SELECT id, region, name FROM categories ORDER BY id, region"));
  std::vector<Category> out;
  int rc;
  while ((rc = stmt.Step()) == SQLITE_ROW) {
    out.push_back({static_cast<int>(stmt.ColInt(0)), stmt.ColText(1), stmt.ColText(2)});
  }
  if (rc != SQLITE_DONE) return SqlError("loading categories");
  return out;
}

Result<StoreStats> SqliteStore::Stats() {
  StoreStats stats;
  {
    VV_ASSIGN_OR_RETURN(
        Stmt stmt,
        Prepare("SELECT (SELECT count(*) FROM channels), (SELECT count(*) FROM videos), "
                "(SELECT count(*) FROM snapshots), (SELECT count(*) FROM labelled_titles), "
                "(SELECT min(captured_at) FROM snapshots), (SELECT max(captured_at) FROM snapshots), "
                "(SELECT min(published_at) FROM videos), (SELECT max(published_at) FROM videos)"));
    if (stmt.Step() != SQLITE_ROW) return SqlError("computing stats");
    stats.channels = stmt.ColInt(0);
    stats.videos = stmt.ColInt(1);
    stats.snapshots = stmt.ColInt(2);
    stats.labelled_titles = stmt.ColInt(3);
    stats.first_snapshot = stmt.ColOptTime(4);
    stats.last_snapshot = stmt.ColOptTime(5);
    stats.first_published = stmt.ColOptTime(6);
    stats.last_published = stmt.ColOptTime(7);
  }
  VV_ASSIGN_OR_RETURN(Stmt stmt,
                      Prepare("SELECT category_id, count(*) FROM videos WHERE category_id IS NOT "
                              "NULL GROUP BY category_id ORDER BY category_id"));
  int rc;
  while ((rc = stmt.Step()) == SQLITE_ROW) {
    stats.per_category.push_back({static_cast<int>(stmt.ColInt(0)), stmt.ColInt(1)});
  }
  if (rc != SQLITE_DONE) return SqlError("computing stats per category");
  return stats;
}

}  // namespace vv::store_internal
