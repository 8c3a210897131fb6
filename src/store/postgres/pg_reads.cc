#include "core/time_util.h"
#include "store/postgres/pg_store.h"
#include "store/store_internal.h"

namespace vv::store_internal {
namespace {

constexpr char kChannelColumns[] =
    "SELECT id, title, country, subscribers, video_count, view_count, "
    "extract(epoch FROM created_at)::bigint FROM channels";

constexpr char kVideoColumns[] =
    "SELECT v.id, v.channel_id, v.title, v.description, v.tags::text, v.category_id, "
    "extract(epoch FROM v.published_at)::bigint, v.duration_s, v.default_language, "
    "v.thumbnail_url, v.comments_disabled, v.ratings_disabled, v.clickbait_label, "
    "v.anomaly_label, v.source FROM videos v";

template <typename T>
std::optional<T> Opt(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<T>();
}

std::optional<Timestamp> OptTime(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return FromUnixSeconds(f.as<int64_t>());
}

Channel ReadChannel(const pqxx::row& r) {
  return Channel{r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
                 Opt<int64_t>(r[3]),     Opt<int64_t>(r[4]),     Opt<int64_t>(r[5]),
                 OptTime(r[6])};
}

Result<std::vector<Video>> ReadVideos(const pqxx::result& result, const std::string& where) {
  std::vector<Video> out;
  out.reserve(result.size());
  for (const pqxx::row& r : result) {
    Video v;
    v.id = r[0].as<std::string>();
    v.channel_id = r[1].as<std::string>();
    v.title = r[2].as<std::string>();
    v.description = r[3].as<std::string>();
    VV_ASSIGN_OR_RETURN(v.tags, TagsFromJson(r[4].c_str(), where + ": videos.tags of " + v.id));
    v.category_id = Opt<int>(r[5]);
    v.published_at = OptTime(r[6]);
    v.duration_s = Opt<int64_t>(r[7]);
    v.default_language = r[8].as<std::string>();
    v.thumbnail_url = r[9].as<std::string>();
    v.comments_disabled = r[10].as<bool>();
    v.ratings_disabled = r[11].as<bool>();
    v.clickbait_label = Opt<bool>(r[12]);
    v.anomaly_label = Opt<bool>(r[13]);
    v.source = r[14].as<std::string>();
    out.push_back(std::move(v));
  }
  return out;
}

// A LIKE pattern matching `text` anywhere, with its wildcards taken literally.
std::string ContainsPattern(const std::string& text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

}  // namespace

Result<std::vector<Channel>> PgStore::LoadChannels() {
  const std::string& stmt =
      Prepared("vv_load_channels", std::string(kChannelColumns) + " ORDER BY id COLLATE \"C\"");
  return Read<std::vector<Channel>>("loading channels", [&](pqxx::transaction_base& tx) {
    std::vector<Channel> out;
    for (const pqxx::row& r : tx.exec_prepared(stmt)) out.push_back(ReadChannel(r));
    return Result<std::vector<Channel>>(std::move(out));
  });
}

Result<std::optional<Channel>> PgStore::GetChannel(const std::string& id) {
  const std::string& stmt =
      Prepared("vv_get_channel", std::string(kChannelColumns) + " WHERE id = $1");
  return Read<std::optional<Channel>>("loading channel '" + id + "'",
                                      [&](pqxx::transaction_base& tx) {
    pqxx::result r = tx.exec_prepared(stmt, id);
    if (r.empty()) return Result<std::optional<Channel>>(std::nullopt);
    return Result<std::optional<Channel>>(ReadChannel(r[0]));
  });
}

Result<std::vector<Video>> PgStore::LoadVideos(const VideoFilter& filter) {
  VV_RETURN_IF_ERROR(CheckSort(filter.sort));
  VideoListClauses clauses = BuildVideoListClauses(filter, Dialect::kPostgres);
  const std::string& stmt =
      Prepared("vv_list_videos_" + clauses.shape, std::string(kVideoColumns) + clauses.sql);
  // Parameters in the order BuildVideoListClauses numbers them; the SQL casts each one.
  std::vector<std::string> params;
  if (!filter.query.empty()) params.push_back(ContainsPattern(FoldForSearch(filter.query)));
  if (filter.category_id) params.push_back(std::to_string(*filter.category_id));
  if (!filter.channel_id.empty()) params.push_back(filter.channel_id);
  params.push_back(std::to_string(filter.limit > 0 ? filter.limit : INT64_MAX));
  params.push_back(std::to_string(std::max(filter.offset, 0)));
  return Read<std::vector<Video>>("loading videos", [&](pqxx::transaction_base& tx) {
    return ReadVideos(tx.exec_prepared(stmt, pqxx::prepare::make_dynamic_params(params)),
                      describe_);
  });
}

Result<std::optional<Video>> PgStore::GetVideo(const std::string& id) {
  const std::string& stmt =
      Prepared("vv_get_video", std::string(kVideoColumns) + " WHERE v.id = $1");
  VV_ASSIGN_OR_RETURN(std::vector<Video> videos,
                      Read<std::vector<Video>>("loading video '" + id + "'",
                                               [&](pqxx::transaction_base& tx) {
                        return ReadVideos(tx.exec_prepared(stmt, id), describe_);
                      }));
  if (videos.empty()) return std::optional<Video>();
  return std::optional<Video>(std::move(videos.front()));
}

Result<std::vector<Snapshot>> PgStore::LoadSnapshots(const std::string& video_id) {
  // Two statements, so that one video's read uses the primary-key index.
  const std::string& stmt =
      video_id.empty()
          ? Prepared("vv_load_snapshots_all",
                     "SELECT video_id, extract(epoch FROM captured_at)::bigint, views, likes, "
                     "dislikes, comments FROM snapshots ORDER BY video_id COLLATE \"C\", captured_at")
          : Prepared("vv_load_snapshots_one",
                     "SELECT video_id, extract(epoch FROM captured_at)::bigint, views, likes, "
                     "dislikes, comments FROM snapshots WHERE video_id = $1 ORDER BY captured_at");
  return Read<std::vector<Snapshot>>("loading snapshots", [&](pqxx::transaction_base& tx) {
    pqxx::result result =
        video_id.empty() ? tx.exec_prepared(stmt) : tx.exec_prepared(stmt, video_id);
    std::vector<Snapshot> out;
    out.reserve(result.size());
    for (const pqxx::row& r : result) {
      out.push_back(Snapshot{r[0].as<std::string>(), FromUnixSeconds(r[1].as<int64_t>()),
                             Opt<int64_t>(r[2]), Opt<int64_t>(r[3]), Opt<int64_t>(r[4]),
                             Opt<int64_t>(r[5])});
    }
    return Result<std::vector<Snapshot>>(std::move(out));
  });
}

Result<std::vector<LabelledTitle>> PgStore::LoadLabelledTitles() {
  const std::string& stmt = Prepared(
      "vv_load_labelled_titles", "SELECT title, clickbait, source FROM labelled_titles ORDER BY id");
  return Read<std::vector<LabelledTitle>>("loading labelled titles",
                                          [&](pqxx::transaction_base& tx) {
    std::vector<LabelledTitle> out;
    for (const pqxx::row& r : tx.exec_prepared(stmt)) {
      out.push_back({r[0].as<std::string>(), r[1].as<bool>(), r[2].as<std::string>()});
    }
    return Result<std::vector<LabelledTitle>>(std::move(out));
  });
}

Result<std::vector<Category>> PgStore::LoadCategories() {
  const std::string& stmt = Prepared(
      "vv_load_categories",
      "SELECT id, region, name FROM categories ORDER BY id, region COLLATE \"C\"");
  return Read<std::vector<Category>>("loading categories", [&](pqxx::transaction_base& tx) {
    std::vector<Category> out;
    for (const pqxx::row& r : tx.exec_prepared(stmt)) {
      out.push_back({r[0].as<int>(), r[1].as<std::string>(), r[2].as<std::string>()});
    }
    return Result<std::vector<Category>>(std::move(out));
  });
}

Result<StoreStats> PgStore::Stats() {
  const std::string& totals = Prepared(
      "vv_stats_totals",
      "SELECT (SELECT count(*) FROM channels), (SELECT count(*) FROM videos), "
      "(SELECT count(*) FROM snapshots), (SELECT count(*) FROM labelled_titles), "
      "(SELECT extract(epoch FROM min(captured_at))::bigint FROM snapshots), "
      "(SELECT extract(epoch FROM max(captured_at))::bigint FROM snapshots), "
      "(SELECT extract(epoch FROM min(published_at))::bigint FROM videos), "
      "(SELECT extract(epoch FROM max(published_at))::bigint FROM videos)");
  const std::string& per_category = Prepared(
      "vv_stats_per_category",
      "SELECT category_id, count(*) FROM videos WHERE category_id IS NOT NULL "
      "GROUP BY category_id ORDER BY category_id");
  return Read<StoreStats>("computing stats", [&](pqxx::transaction_base& tx) {
    StoreStats stats;
    pqxx::row r = tx.exec_prepared1(totals);
    stats.channels = r[0].as<int64_t>();
    stats.videos = r[1].as<int64_t>();
    stats.snapshots = r[2].as<int64_t>();
    stats.labelled_titles = r[3].as<int64_t>();
    stats.first_snapshot = OptTime(r[4]);
    stats.last_snapshot = OptTime(r[5]);
    stats.first_published = OptTime(r[6]);
    stats.last_published = OptTime(r[7]);
    for (const pqxx::row& c : tx.exec_prepared(per_category)) {
      stats.per_category.push_back({c[0].as<int>(), c[1].as<int64_t>()});
    }
    return Result<StoreStats>(std::move(stats));
  });
}

}  // namespace vv::store_internal
