// Upserts. Rows go to the server as one array per column and are expanded with unnest, so a
// batch of thousands of rows is one statement. What happens to a row written again is the merge
// rule's (store/merge_rule.h): the ON CONFLICT clauses are generated from it, and since
// ON CONFLICT may touch a row once per statement, duplicates in a batch are folded first with
// the same rule.
#include <algorithm>
#include <map>
#include <unordered_map>

#include "store/merge_rule.h"
#include "store/postgres/pg_array.h"
#include "store/postgres/pg_store.h"
#include "store/store_internal.h"

namespace vv::store_internal {
namespace {

constexpr size_t kBatchRows = 5000;

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
      MergeInto(out[it->second], row);
    }
  }
  return out;
}

const std::string& UpsertChannelsSql() {
  static const std::string kSql = R"(
INSERT INTO channels AS t (id, title, country, subscribers, video_count, view_count, created_at)
SELECT id, title, country, subscribers, video_count, view_count, to_timestamp(created_at)
FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[],
            $7::bigint[])
  AS u(id, title, country, subscribers, video_count, view_count, created_at)
ON CONFLICT (id) )" +
      ConflictUpdateSql(MergeTable::kChannels, Dialect::kPostgres);
  return kSql;
}

const std::string& UpsertVideosSql() {
  static const std::string kSql = R"(
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
ON CONFLICT (id) )" +
      ConflictUpdateSql(MergeTable::kVideos, Dialect::kPostgres);
  return kSql;
}

const std::string& UpsertSnapshotsSql() {
  static const std::string kSql = R"(
INSERT INTO snapshots AS t (video_id, captured_at, views, likes, dislikes, comments)
SELECT video_id, to_timestamp(captured_at), views, likes, dislikes, comments
FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[])
  AS u(video_id, captured_at, views, likes, dislikes, comments)
ON CONFLICT (video_id, captured_at) )" +
      ConflictUpdateSql(MergeTable::kSnapshots, Dialect::kPostgres);
  return kSql;
}

const std::string& UpsertLabelledTitlesSql() {
  static const std::string kSql = R"(
INSERT INTO labelled_titles AS t (title, source, clickbait)
SELECT * FROM unnest($1::text[], $2::text[], $3::bool[])
ON CONFLICT (title, source) )" +
      ConflictUpdateSql(MergeTable::kLabelledTitles, Dialect::kPostgres);
  return kSql;
}

const std::string& UpsertCategoriesSql() {
  static const std::string kSql = R"(
INSERT INTO categories AS t (id, region, name)
SELECT * FROM unnest($1::int[], $2::text[], $3::text[])
ON CONFLICT (id, region) )" +
      ConflictUpdateSql(MergeTable::kCategories, Dialect::kPostgres);
  return kSql;
}

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
  const std::string& stmt = Prepared("vv_upsert_channels", UpsertChannelsSql());
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
  const std::string& stmt = Prepared("vv_upsert_videos", UpsertVideosSql());
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
  const std::string& stmt = Prepared("vv_upsert_snapshots", UpsertSnapshotsSql());
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
  const std::string& stmt = Prepared("vv_upsert_labelled_titles", UpsertLabelledTitlesSql());
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
  const std::string& stmt = Prepared("vv_upsert_categories", UpsertCategoriesSql());
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
