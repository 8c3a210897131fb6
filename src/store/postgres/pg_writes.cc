// Upserts. Rows go to the server as one array per column and are expanded with unnest, so a
// batch of thousands of rows is one statement. "Unknown" in the new row (NULL, '' or an empty
// tag list) keeps the stored value; the two flags only ever turn on (false also means unknown).
// ON CONFLICT may touch a row once per statement, so duplicates in a batch are merged first,
// with the same rules.
#include <algorithm>
#include <map>
#include <unordered_map>

#include "store/postgres/pg_array.h"
#include "store/postgres/pg_store.h"
#include "store/store_internal.h"

namespace vv::store_internal {
namespace {

constexpr size_t kBatchRows = 5000;

void Keep(std::string& stored, const std::string& incoming) {
  if (!incoming.empty()) stored = incoming;
}
template <typename T>
void Keep(std::optional<T>& stored, const std::optional<T>& incoming) {
  if (incoming) stored = incoming;
}

void Merge(Channel& s, const Channel& n) {
  Keep(s.title, n.title);
  Keep(s.country, n.country);
  Keep(s.subscribers, n.subscribers);
  Keep(s.video_count, n.video_count);
  Keep(s.view_count, n.view_count);
  Keep(s.created_at, n.created_at);
}

void Merge(Video& s, const Video& n) {
  Keep(s.channel_id, n.channel_id);
  Keep(s.title, n.title);
  Keep(s.description, n.description);
  if (!n.tags.empty()) s.tags = n.tags;
  Keep(s.category_id, n.category_id);
  Keep(s.published_at, n.published_at);
  Keep(s.duration_s, n.duration_s);
  Keep(s.default_language, n.default_language);
  Keep(s.thumbnail_url, n.thumbnail_url);
  s.comments_disabled = s.comments_disabled || n.comments_disabled;
  s.ratings_disabled = s.ratings_disabled || n.ratings_disabled;
  Keep(s.clickbait_label, n.clickbait_label);
  Keep(s.anomaly_label, n.anomaly_label);
  Keep(s.source, n.source);
}

void Merge(Snapshot& s, const Snapshot& n) {
  Keep(s.views, n.views);
  Keep(s.likes, n.likes);
  Keep(s.dislikes, n.dislikes);
  Keep(s.comments, n.comments);
}

void Merge(LabelledTitle& s, const LabelledTitle& n) { s.clickbait = n.clickbait; }
void Merge(Category& s, const Category& n) { Keep(s.name, n.name); }

std::string KeyOf(const Channel& c) { return c.id; }
std::string KeyOf(const Video& v) { return v.id; }
std::string KeyOf(const Snapshot& s) {
  return s.video_id + '\0' + std::to_string(ToUnixSeconds(s.captured_at));
}
std::string KeyOf(const LabelledTitle& t) { return t.title + '\0' + t.source; }
std::string KeyOf(const Category& c) { return std::to_string(c.id) + '\0' + c.region; }

// One row per key, in first-seen order.
template <typename T>
std::vector<T> Deduplicate(std::span<const T> rows) {
  std::vector<T> out;
  out.reserve(rows.size());
  std::unordered_map<std::string, size_t> index;
  index.reserve(rows.size());
  for (const T& row : rows) {
    auto [it, inserted] = index.emplace(KeyOf(row), out.size());
    if (inserted) {
      out.push_back(row);
    } else {
      Merge(out[it->second], row);
    }
  }
  return out;
}

constexpr char kUpsertChannels[] = R"(
INSERT INTO channels AS t (id, title, country, subscribers, video_count, view_count, created_at)
SELECT id, title, country, subscribers, video_count, view_count, to_timestamp(created_at)
FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[],
            $7::bigint[])
  AS u(id, title, country, subscribers, video_count, view_count, created_at)
ON CONFLICT (id) DO UPDATE SET
  title = CASE WHEN EXCLUDED.title <> '' THEN EXCLUDED.title ELSE t.title END,
  country = CASE WHEN EXCLUDED.country <> '' THEN EXCLUDED.country ELSE t.country END,
  subscribers = COALESCE(EXCLUDED.subscribers, t.subscribers),
  video_count = COALESCE(EXCLUDED.video_count, t.video_count),
  view_count = COALESCE(EXCLUDED.view_count, t.view_count),
  created_at = COALESCE(EXCLUDED.created_at, t.created_at)
WHERE (EXCLUDED.title <> '' AND EXCLUDED.title <> t.title)
   OR (EXCLUDED.country <> '' AND EXCLUDED.country <> t.country)
   OR (EXCLUDED.subscribers IS NOT NULL AND EXCLUDED.subscribers IS DISTINCT FROM t.subscribers)
   OR (EXCLUDED.video_count IS NOT NULL AND EXCLUDED.video_count IS DISTINCT FROM t.video_count)
   OR (EXCLUDED.view_count IS NOT NULL AND EXCLUDED.view_count IS DISTINCT FROM t.view_count)
   OR (EXCLUDED.created_at IS NOT NULL AND EXCLUDED.created_at IS DISTINCT FROM t.created_at))";

constexpr char kUpsertVideos[] = R"(
INSERT INTO videos AS t (id, channel_id, title, title_search, description, tags, category_id,
  published_at, duration_s, default_language, thumbnail_url, comments_disabled,
  ratings_disabled, clickbait_label, anomaly_label, source)
SELECT id, channel_id, title, title_search, description, tags::jsonb, category_id,
  to_timestamp(published_at), duration_s, default_language, thumbnail_url, comments_disabled,
  ratings_disabled, clickbait_label, anomaly_label, source
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[],
            $8::bigint[], $9::bigint[], $10::text[], $11::text[], $12::bool[], $13::bool[],
            $14::bool[], $15::bool[], $16::text[])
  AS u(id, channel_id, title, title_search, description, tags, category_id, published_at,
       duration_s, default_language, thumbnail_url, comments_disabled, ratings_disabled,
       clickbait_label, anomaly_label, source)
ON CONFLICT (id) DO UPDATE SET
  channel_id = CASE WHEN EXCLUDED.channel_id <> '' THEN EXCLUDED.channel_id ELSE t.channel_id END,
  title = CASE WHEN EXCLUDED.title <> '' THEN EXCLUDED.title ELSE t.title END,
  title_search = CASE WHEN EXCLUDED.title <> '' THEN EXCLUDED.title_search
                 ELSE t.title_search END,
  description = CASE WHEN EXCLUDED.description <> '' THEN EXCLUDED.description
                ELSE t.description END,
  tags = CASE WHEN EXCLUDED.tags <> '[]'::jsonb THEN EXCLUDED.tags ELSE t.tags END,
  category_id = COALESCE(EXCLUDED.category_id, t.category_id),
  published_at = COALESCE(EXCLUDED.published_at, t.published_at),
  duration_s = COALESCE(EXCLUDED.duration_s, t.duration_s),
  default_language = CASE WHEN EXCLUDED.default_language <> '' THEN EXCLUDED.default_language
                     ELSE t.default_language END,
  thumbnail_url = CASE WHEN EXCLUDED.thumbnail_url <> '' THEN EXCLUDED.thumbnail_url
                  ELSE t.thumbnail_url END,
  comments_disabled = t.comments_disabled OR EXCLUDED.comments_disabled,
  ratings_disabled = t.ratings_disabled OR EXCLUDED.ratings_disabled,
  clickbait_label = COALESCE(EXCLUDED.clickbait_label, t.clickbait_label),
  anomaly_label = COALESCE(EXCLUDED.anomaly_label, t.anomaly_label),
  source = CASE WHEN EXCLUDED.source <> '' THEN EXCLUDED.source ELSE t.source END
WHERE (EXCLUDED.channel_id <> '' AND EXCLUDED.channel_id <> t.channel_id)
   OR (EXCLUDED.title <> '' AND EXCLUDED.title <> t.title)
   OR (EXCLUDED.description <> '' AND EXCLUDED.description <> t.description)
   OR (EXCLUDED.tags <> '[]'::jsonb AND EXCLUDED.tags <> t.tags)
   OR (EXCLUDED.category_id IS NOT NULL AND EXCLUDED.category_id IS DISTINCT FROM t.category_id)
   OR (EXCLUDED.published_at IS NOT NULL AND EXCLUDED.published_at IS DISTINCT FROM t.published_at)
   OR (EXCLUDED.duration_s IS NOT NULL AND EXCLUDED.duration_s IS DISTINCT FROM t.duration_s)
   OR (EXCLUDED.default_language <> '' AND EXCLUDED.default_language <> t.default_language)
   OR (EXCLUDED.thumbnail_url <> '' AND EXCLUDED.thumbnail_url <> t.thumbnail_url)
   OR (EXCLUDED.comments_disabled AND NOT t.comments_disabled)
   OR (EXCLUDED.ratings_disabled AND NOT t.ratings_disabled)
   OR (EXCLUDED.clickbait_label IS NOT NULL AND EXCLUDED.clickbait_label IS DISTINCT FROM t.clickbait_label)
   OR (EXCLUDED.anomaly_label IS NOT NULL AND EXCLUDED.anomaly_label IS DISTINCT FROM t.anomaly_label)
   OR (EXCLUDED.source <> '' AND EXCLUDED.source <> t.source))";

constexpr char kUpsertSnapshots[] = R"(
INSERT INTO snapshots AS t (video_id, captured_at, views, likes, dislikes, comments)
SELECT video_id, to_timestamp(captured_at), views, likes, dislikes, comments
FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[])
  AS u(video_id, captured_at, views, likes, dislikes, comments)
ON CONFLICT (video_id, captured_at) DO UPDATE SET
  views = COALESCE(EXCLUDED.views, t.views),
  likes = COALESCE(EXCLUDED.likes, t.likes),
  dislikes = COALESCE(EXCLUDED.dislikes, t.dislikes),
  comments = COALESCE(EXCLUDED.comments, t.comments)
WHERE (EXCLUDED.views IS NOT NULL AND EXCLUDED.views IS DISTINCT FROM t.views)
   OR (EXCLUDED.likes IS NOT NULL AND EXCLUDED.likes IS DISTINCT FROM t.likes)
   OR (EXCLUDED.dislikes IS NOT NULL AND EXCLUDED.dislikes IS DISTINCT FROM t.dislikes)
   OR (EXCLUDED.comments IS NOT NULL AND EXCLUDED.comments IS DISTINCT FROM t.comments))";

constexpr char kUpsertLabelledTitles[] = R"(
INSERT INTO labelled_titles AS t (title, source, clickbait)
SELECT * FROM unnest($1::text[], $2::text[], $3::bool[])
ON CONFLICT (title, source) DO UPDATE SET clickbait = EXCLUDED.clickbait
WHERE (EXCLUDED.clickbait IS DISTINCT FROM t.clickbait))";

constexpr char kUpsertCategories[] = R"(
INSERT INTO categories AS t (id, region, name)
SELECT * FROM unnest($1::int[], $2::text[], $3::text[])
ON CONFLICT (id, region) DO UPDATE SET
  name = CASE WHEN EXCLUDED.name <> '' THEN EXCLUDED.name ELSE t.name END
WHERE (EXCLUDED.name <> '' AND EXCLUDED.name <> t.name))";

// Calls send(first, last) for consecutive slices of at most kBatchRows rows.
template <typename T, typename Send>
void InBatches(const std::vector<T>& rows, Send&& send) {
  for (size_t begin = 0; begin < rows.size(); begin += kBatchRows) {
    send(rows.begin() + begin, rows.begin() + std::min(rows.size(), begin + kBatchRows));
  }
}

}  // namespace

Status PgStore::UpsertChannels(std::span<const Channel> channels) {
  std::vector<Channel> rows = Deduplicate(channels);
  const std::string& stmt = Prepared("vv_upsert_channels", kUpsertChannels);
  return Write("upserting channels", [&](pqxx::transaction_base& tx) {
    InBatches(rows, [&](auto first, auto last) {
      PgArray id, title, country, subscribers, video_count, view_count, created_at;
      for (auto it = first; it != last; ++it) {
        id.Text(it->id);
        title.Text(it->title);
        country.Text(it->country);
        subscribers.Opt(it->subscribers);
        video_count.Opt(it->video_count);
        view_count.Opt(it->view_count);
        created_at.OptTime(it->created_at);
      }
      tx.exec_prepared(stmt, id.Finish(), title.Finish(), country.Finish(), subscribers.Finish(),
                       video_count.Finish(), view_count.Finish(), created_at.Finish());
    });
  });
}

Status PgStore::UpsertVideos(std::span<const Video> videos) {
  std::vector<Video> rows = Deduplicate(videos);
  const std::string& stmt = Prepared("vv_upsert_videos", kUpsertVideos);
  return Write("upserting videos", [&](pqxx::transaction_base& tx) {
    InBatches(rows, [&](auto first, auto last) {
      PgArray id, channel, title, search, description, tags, category, published, duration,
          language, thumbnail, no_comments, no_ratings, clickbait, anomaly, source;
      for (auto it = first; it != last; ++it) {
        id.Text(it->id);
        channel.Text(it->channel_id);
        title.Text(it->title);
        search.Text(FoldForSearch(it->title));
        description.Text(it->description);
        tags.Text(TagsToJson(it->tags));
        category.Opt(it->category_id);
        published.OptTime(it->published_at);
        duration.Opt(it->duration_s);
        language.Text(it->default_language);
        thumbnail.Text(it->thumbnail_url);
        no_comments.Bool(it->comments_disabled);
        no_ratings.Bool(it->ratings_disabled);
        clickbait.Opt(it->clickbait_label);
        anomaly.Opt(it->anomaly_label);
        source.Text(it->source);
      }
      tx.exec_prepared(stmt, id.Finish(), channel.Finish(), title.Finish(), search.Finish(),
                       description.Finish(), tags.Finish(), category.Finish(),
                       published.Finish(), duration.Finish(), language.Finish(),
                       thumbnail.Finish(), no_comments.Finish(), no_ratings.Finish(),
                       clickbait.Finish(), anomaly.Finish(), source.Finish());
    });
  });
}

Status PgStore::UpsertSnapshots(std::span<const Snapshot> snapshots) {
  std::vector<Snapshot> rows = Deduplicate(snapshots);
  const std::string& stmt = Prepared("vv_upsert_snapshots", kUpsertSnapshots);
  return Write("upserting snapshots", [&](pqxx::transaction_base& tx) {
    InBatches(rows, [&](auto first, auto last) {
      PgArray video, captured, views, likes, dislikes, comments;
      for (auto it = first; it != last; ++it) {
        video.Text(it->video_id);
        captured.Int(ToUnixSeconds(it->captured_at));
        views.Opt(it->views);
        likes.Opt(it->likes);
        dislikes.Opt(it->dislikes);
        comments.Opt(it->comments);
      }
      tx.exec_prepared(stmt, video.Finish(), captured.Finish(), views.Finish(), likes.Finish(),
                       dislikes.Finish(), comments.Finish());
    });
  });
}

Status PgStore::UpsertLabelledTitles(std::span<const LabelledTitle> titles) {
  std::vector<LabelledTitle> rows = Deduplicate(titles);
  const std::string& stmt = Prepared("vv_upsert_labelled_titles", kUpsertLabelledTitles);
  return Write("upserting labelled titles", [&](pqxx::transaction_base& tx) {
    InBatches(rows, [&](auto first, auto last) {
      PgArray title, source, clickbait;
      for (auto it = first; it != last; ++it) {
        title.Text(it->title);
        source.Text(it->source);
        clickbait.Bool(it->clickbait);
      }
      tx.exec_prepared(stmt, title.Finish(), source.Finish(), clickbait.Finish());
    });
  });
}

Status PgStore::UpsertCategories(std::span<const Category> categories) {
  std::vector<Category> rows = Deduplicate(categories);
  const std::string& stmt = Prepared("vv_upsert_categories", kUpsertCategories);
  return Write("upserting categories", [&](pqxx::transaction_base& tx) {
    InBatches(rows, [&](auto first, auto last) {
      PgArray id, region, name;
      for (auto it = first; it != last; ++it) {
        id.Int(it->id);
        region.Text(it->region);
        name.Text(it->name);
      }
      tx.exec_prepared(stmt, id.Finish(), region.Finish(), name.Finish());
    });
  });
}

}  // namespace vv::store_internal
