// Upserts. "Unknown" in the new row (NULL, '' or an empty tag list) keeps the stored value;
// a known value replaces it. The two flags only ever turn on, since false also means unknown.
#include "core/time_util.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store_internal.h"

namespace vv::store_internal {
namespace {

constexpr char kUpsertChannel[] = R"(
INSERT INTO channels (id, title, country, subscribers, video_count, view_count, created_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
ON CONFLICT (id) DO UPDATE SET
  title = CASE WHEN excluded.title <> '' THEN excluded.title ELSE title END,
  country = CASE WHEN excluded.country <> '' THEN excluded.country ELSE country END,
  subscribers = COALESCE(excluded.subscribers, subscribers),
  video_count = COALESCE(excluded.video_count, video_count),
  view_count = COALESCE(excluded.view_count, view_count),
  created_at = COALESCE(excluded.created_at, created_at)
WHERE (excluded.title <> '' AND excluded.title <> title)
   OR (excluded.country <> '' AND excluded.country <> country)
   OR (excluded.subscribers IS NOT NULL AND excluded.subscribers IS NOT subscribers)
   OR (excluded.video_count IS NOT NULL AND excluded.video_count IS NOT video_count)
   OR (excluded.view_count IS NOT NULL AND excluded.view_count IS NOT view_count)
   OR (excluded.created_at IS NOT NULL AND excluded.created_at IS NOT created_at))";

constexpr char kUpsertVideo[] = R"(
INSERT INTO videos (id, channel_id, title, title_search, description, tags, category_id,
  published_at, duration_s, default_language, thumbnail_url, comments_disabled,
  ratings_disabled, clickbait_label, anomaly_label, source)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
ON CONFLICT (id) DO UPDATE SET
  channel_id = CASE WHEN excluded.channel_id <> '' THEN excluded.channel_id ELSE channel_id END,
  title = CASE WHEN excluded.title <> '' THEN excluded.title ELSE title END,
  title_search = CASE WHEN excluded.title <> '' THEN excluded.title_search ELSE title_search END,
  description = CASE WHEN excluded.description <> '' THEN excluded.description
                ELSE description END,
  tags = CASE WHEN excluded.tags <> '[]' THEN excluded.tags ELSE tags END,
  category_id = COALESCE(excluded.category_id, category_id),
  published_at = COALESCE(excluded.published_at, published_at),
  duration_s = COALESCE(excluded.duration_s, duration_s),
  default_language = CASE WHEN excluded.default_language <> '' THEN excluded.default_language
                     ELSE default_language END,
  thumbnail_url = CASE WHEN excluded.thumbnail_url <> '' THEN excluded.thumbnail_url
                  ELSE thumbnail_url END,
  comments_disabled = MAX(comments_disabled, excluded.comments_disabled),
  ratings_disabled = MAX(ratings_disabled, excluded.ratings_disabled),
  clickbait_label = COALESCE(excluded.clickbait_label, clickbait_label),
  anomaly_label = COALESCE(excluded.anomaly_label, anomaly_label),
  source = CASE WHEN excluded.source <> '' THEN excluded.source ELSE source END
WHERE (excluded.channel_id <> '' AND excluded.channel_id <> channel_id)
   OR (excluded.title <> '' AND excluded.title <> title)
   OR (excluded.description <> '' AND excluded.description <> description)
   OR (excluded.tags <> '[]' AND excluded.tags <> tags)
   OR (excluded.category_id IS NOT NULL AND excluded.category_id IS NOT category_id)
   OR (excluded.published_at IS NOT NULL AND excluded.published_at IS NOT published_at)
   OR (excluded.duration_s IS NOT NULL AND excluded.duration_s IS NOT duration_s)
   OR (excluded.default_language <> '' AND excluded.default_language <> default_language)
   OR (excluded.thumbnail_url <> '' AND excluded.thumbnail_url <> thumbnail_url)
   OR (excluded.comments_disabled > comments_disabled)
   OR (excluded.ratings_disabled > ratings_disabled)
   OR (excluded.clickbait_label IS NOT NULL AND excluded.clickbait_label IS NOT clickbait_label)
   OR (excluded.anomaly_label IS NOT NULL AND excluded.anomaly_label IS NOT anomaly_label)
   OR (excluded.source <> '' AND excluded.source <> source))";

constexpr char kUpsertSnapshot[] = R"(
INSERT INTO snapshots (video_id, captured_at, views, likes, dislikes, comments)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (video_id, captured_at) DO UPDATE SET
  views = COALESCE(excluded.views, views),
  likes = COALESCE(excluded.likes, likes),
  dislikes = COALESCE(excluded.dislikes, dislikes),
  comments = COALESCE(excluded.comments, comments)
WHERE (excluded.views IS NOT NULL AND excluded.views IS NOT views)
   OR (excluded.likes IS NOT NULL AND excluded.likes IS NOT likes)
   OR (excluded.dislikes IS NOT NULL AND excluded.dislikes IS NOT dislikes)
   OR (excluded.comments IS NOT NULL AND excluded.comments IS NOT comments))";

constexpr char kUpsertLabelledTitle[] = R"(
INSERT INTO labelled_titles (title, source, clickbait) VALUES (?1, ?2, ?3)
ON CONFLICT (title, source) DO UPDATE SET clickbait = excluded.clickbait
WHERE (excluded.clickbait IS NOT clickbait))";

constexpr char kUpsertCategory[] = R"(
INSERT INTO categories (id, region, name) VALUES (?1, ?2, ?3)
ON CONFLICT (id, region) DO UPDATE SET
  name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE name END
WHERE (excluded.name <> '' AND excluded.name <> name))";

}  // namespace

Status SqliteStore::UpsertChannels(std::span<const Channel> channels) {
  return Write([&]() -> Status {
    VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare(kUpsertChannel));
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
    VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare(kUpsertVideo));
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
    VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare(kUpsertSnapshot));
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
    VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare(kUpsertLabelledTitle));
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
    VV_ASSIGN_OR_RETURN(Stmt stmt, Prepare(kUpsertCategory));
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
