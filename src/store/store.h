#pragma once
// The one storage interface (DESIGN.md "One interface per concept"). Two backends: SQLite
// (embedded default) and PostgreSQL (production). Both pass tests/unit/store's contract suite.
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/types.h"

namespace vv {

struct VideoFilter {
  std::string query;                 // substring of title (case-insensitive), empty = all
  std::optional<int> category_id;
  std::string channel_id;            // empty = all
  std::string sort = "published_at"; // published_at | views | title
  bool descending = true;
  int limit = 50;                    // <= 0 means no limit
  int offset = 0;
};

struct CategoryCount {
  int category_id = 0;
  int64_t videos = 0;
};

struct StoreStats {
  int64_t channels = 0;
  int64_t videos = 0;
  int64_t snapshots = 0;
  int64_t labelled_titles = 0;
  std::vector<CategoryCount> per_category;  // ordered by category_id
  std::optional<Timestamp> first_snapshot;
  std::optional<Timestamp> last_snapshot;
  std::optional<Timestamp> first_published;
  std::optional<Timestamp> last_published;
};

// One Store is one database connection: use it from one thread at a time (open one per
// thread; SQLite in WAL mode and PostgreSQL both serve concurrent readers).
class Store {
 public:
  virtual ~Store() = default;

  // "sqlite:var/vv.db" or "postgresql://user:pass@host:port/db", for messages (no password).
  virtual std::string Describe() const = 0;
  virtual int SchemaVersion() const = 0;

  // Writes outside Begin/Commit each run in their own transaction. Inside, nothing is visible
  // to others until Commit, and Rollback (or destruction without Commit) discards it all.
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;

  // Upserts are idempotent. A field that is unknown in the new row (nullopt, empty string,
  // empty tags) keeps the stored value, so a later file can enrich what an earlier one made.
  // comments_disabled / ratings_disabled cannot say "unknown", so they only ever turn on.
  // Duplicates inside one batch merge by the same rules. Each call is atomic; inside
  // Begin/Commit a failed call spoils the transaction (Commit then fails; roll back).
  virtual Status UpsertChannels(std::span<const Channel> channels) = 0;
  virtual Status UpsertVideos(std::span<const Video> videos) = 0;
  // Unique on (video_id, captured_at); the video must exist.
  virtual Status UpsertSnapshots(std::span<const Snapshot> snapshots) = 0;
  // Unique on (title, source).
  virtual Status UpsertLabelledTitles(std::span<const LabelledTitle> titles) = 0;
  // Unique on (id, region).
  virtual Status UpsertCategories(std::span<const Category> categories) = 0;

  virtual Result<std::vector<Channel>> LoadChannels() = 0;
  virtual Result<std::optional<Channel>> GetChannel(const std::string& id) = 0;
  virtual Result<std::vector<Video>> LoadVideos(const VideoFilter& filter) = 0;
  virtual Result<std::optional<Video>> GetVideo(const std::string& id) = 0;
  // All snapshots ordered by (video_id, captured_at); or one video's when video_id is given.
  virtual Result<std::vector<Snapshot>> LoadSnapshots(const std::string& video_id = {}) = 0;
  virtual Result<std::vector<LabelledTitle>> LoadLabelledTitles() = 0;
  virtual Result<std::vector<Category>> LoadCategories() = 0;
  virtual Result<StoreStats> Stats() = 0;
};

// url: "sqlite:PATH", a bare path, or "postgresql://..." / "postgres://...". Applies migrations;
// refuses a database whose schema is newer than this program.
Result<std::unique_ptr<Store>> OpenStore(const std::string& url);

// The store URL from --db, else VV_DB, else "sqlite:var/vv.db".
std::string ResolveStoreUrl(const std::string& flag_value);

// Removes the password from a URL for messages: postgresql://u:***@h/db.
std::string RedactUrl(const std::string& url);

// Runs fn inside Begin/Commit; rolls back when fn or Commit fails.
template <typename Fn>
Status InTransaction(Store& store, Fn&& fn) {
  VV_RETURN_IF_ERROR(store.Begin());
  Status status = fn();
  if (!status.ok()) {
    (void)store.Rollback();
    return status;
  }
  Status commit = store.Commit();
  if (!commit.ok()) (void)store.Rollback();
  return commit;
}

}  // namespace vv
