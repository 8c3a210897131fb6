#include "serve/video_sax.h"

#include "core/text_util.h"
#include "core/time_util.h"
#include "serve/fast_json_sax.h"

namespace vv::serve {

namespace {

using nlohmann::json;

constexpr int64_t kMaxCount = 1'000'000'000'000'000;
constexpr int64_t kMaxDuration = 10LL * 365 * 24 * 3600;

enum class Ctx { kBatch, kVideos, kVideo, kChannel, kTags, kSnapshots, kSnapshot };

// What one JSON value is, as the SAX callbacks report it.
struct Value {
  enum Type { kNull, kBool, kInt, kUInt, kFloat, kString, kObject, kArray } type;
  int64_t i = 0;
  uint64_t u = 0;
  std::string* s = nullptr;
  const std::string* number = nullptr;  // kFloat: the number's text
};

const char* TypeName(Value::Type t) {
  static const char* kNames[] = {"null", "boolean", "number", "number",
                                 "number", "string", "object", "array"};
  return kNames[t];
}

// Field tables: key -> slot. The slot index is also the bit in the duplicate-key mask.
constexpr std::string_view kVideoKeys[] = {"id", "channel_id", "title", "description", "tags",
                                           "category_id", "published_at", "duration_s",
                                           "default_language", "channel", "snapshots", "as_of"};
constexpr std::string_view kChannelKeys[] = {"id", "title", "country", "subscribers",
                                             "videos", "views", "created_at"};
constexpr std::string_view kSnapshotKeys[] = {"captured_at", "views", "likes", "dislikes",
                                              "comments"};

struct Frame {
  Ctx ctx;
  int slot = -1;         // objects: the current key's slot
  std::string_view key;  // objects: the current key (points into the static tables)
  uint32_t seen = 0;     // objects: keys seen, for duplicates and required keys
  size_t count = 0;      // arrays: elements started
};

class VideoSax {
 public:
  VideoSax(std::string_view body, bool batch, size_t max_videos, const Limits& limits)
      : body_(body), batch_(batch), max_videos_(max_videos), limits_(limits) {
    stack_.reserve(6);
  }

  // nlohmann SAX interface.
  bool null() { return OnValue({Value::kNull}); }
  bool boolean(bool) { return OnValue({Value::kBool}); }
  bool number_integer(int64_t v) { return OnValue({Value::kInt, v}); }
  bool number_unsigned(uint64_t v) { return OnValue({Value::kUInt, 0, v}); }
  bool number_float(double, const std::string& text) {
    return OnValue({Value::kFloat, 0, 0, nullptr, &text});
  }
  bool string(std::string& v) { return OnValue({Value::kString, 0, 0, &v}); }
  bool binary(json::binary_t&) { return Fail("$", "binary values are not JSON"); }
  bool start_object(size_t) { return OnValue({Value::kObject}); }
  bool start_array(size_t) { return OnValue({Value::kArray}); }
  bool key(std::string& k);
  bool end_object();
  bool end_array();
  bool parse_error(size_t position, const std::string&, const nlohmann::detail::exception& e) {
    if (!error_) error_ = JsonSyntaxError(body_, position, e);  // else our own error stopped it
    return false;
  }

  std::optional<Error>& error() { return error_; }
  std::vector<VideoInput>& videos() { return videos_; }

 private:
  bool OnValue(const Value& v);
  bool VideoField(const Value& v);
  bool ChannelField(const Value& v);
  bool SnapshotField(const Value& v);
  bool ArrayElement(const Value& v);

  std::string Path(bool with_key = true) const;
  bool Fail(std::string path, std::string message) {
    if (!error_) error_ = FieldError(path, std::move(message));
    return false;
  }
  bool Fail(std::string message) { return Fail(Path(), std::move(message)); }
  bool WrongType(const char* want, const Value& v) {
    return Fail(std::string("must be ") + want + ", not " + TypeName(v.type));
  }
  bool Str(const Value& v, size_t max_chars, std::string* out);
  bool Int(const Value& v, int64_t min, int64_t max, int64_t* out);
  bool Time(const Value& v, Timestamp* out);
  template <typename T>
  bool OptInt(const Value& v, int64_t min, int64_t max, std::optional<T>* out) {
    if (v.type == Value::kNull) return true;
    int64_t n = 0;
    if (!Int(v, min, max, &n)) return false;
    *out = static_cast<T>(n);
    return true;
  }
  bool OptTime(const Value& v, std::optional<Timestamp>* out) {
    if (v.type == Value::kNull) return true;
    Timestamp t;
    if (!Time(v, &t)) return false;
    *out = t;
    return true;
  }
  bool Push(Ctx ctx) {
    stack_.push_back({ctx});
    return true;
  }

  std::string_view body_;  // for the text around a syntax error
  bool batch_;
  size_t max_videos_;
  const Limits& limits_;
  std::vector<Frame> stack_;
  std::vector<VideoInput> videos_;
  std::optional<Error> error_;
  bool done_ = false;
};

std::string VideoSax::Path(bool with_key) const {
  std::string out = "$";
  for (size_t i = 0; i < stack_.size(); ++i) {
    const Frame& f = stack_[i];
    bool last = i + 1 == stack_.size();
    bool is_array = f.ctx == Ctx::kVideos || f.ctx == Ctx::kTags || f.ctx == Ctx::kSnapshots;
    if (last && !with_key) break;
    if (is_array) {
      if (f.count > 0) out = IndexPath(out, f.count - 1);
    } else if (!f.key.empty()) {
      out = ChildPath(out, f.key);
    }
  }
  return out;
}

bool VideoSax::Str(const Value& v, size_t max_chars, std::string* out) {
  if (v.type != Value::kString) return WrongType("a string", v);
  if (v.s->size() > max_chars && Utf8Length(*v.s) > max_chars) {
    return Fail("is longer than " + std::to_string(max_chars) + " characters");
  }
  *out = std::move(*v.s);
  return true;
}

bool VideoSax::Int(const Value& v, int64_t min, int64_t max, int64_t* out) {
  int64_t n = 0;
  if (v.type == Value::kInt) {
    n = v.i;
  } else if (v.type == Value::kUInt) {
    if (v.u > static_cast<uint64_t>(max)) return Fail("must be at most " + std::to_string(max));
    n = static_cast<int64_t>(v.u);
  } else if (v.type == Value::kFloat) {
    // Judged by its text, not the double: 1e-400 rounds to 0 and 1.0000000000000001 to 1.
    std::optional<int64_t> exact = IntegerValue(*v.number);
    if (!exact) return Fail("must be an integer, not " + v.number->substr(0, 32));
    n = *exact;
  } else {
    return WrongType("an integer", v);
  }
  if (n < min) return Fail(min == 0 ? "must not be negative" : "must be at least " + std::to_string(min));
  if (n > max) return Fail("must be at most " + std::to_string(max));
  *out = n;
  return true;
}

bool VideoSax::Time(const Value& v, Timestamp* out) {
  if (v.type != Value::kString) return WrongType("an ISO 8601 date string", v);
  auto parsed = ParseIso8601(*v.s);
  if (!parsed.ok()) return Fail(parsed.error().message);
  *out = *parsed;
  return true;
}

bool VideoSax::OnValue(const Value& v) {
  if (done_) return Fail("$", "unexpected data after the JSON object");
  if (stack_.empty()) {
    if (v.type != Value::kObject) return Fail("$", "must be a JSON object");
    if (batch_) return Push(Ctx::kBatch);
    videos_.emplace_back();
    return Push(Ctx::kVideo);
  }
  switch (stack_.back().ctx) {
    case Ctx::kBatch:
      // The only key is "videos" (checked in key()).
      if (v.type != Value::kArray) return WrongType("an array", v);
      return Push(Ctx::kVideos);
    case Ctx::kVideo: return VideoField(v);
    case Ctx::kChannel: return ChannelField(v);
    case Ctx::kSnapshot: return SnapshotField(v);
    default: return ArrayElement(v);
  }
}

bool VideoSax::ArrayElement(const Value& v) {
  Frame& f = stack_.back();
  ++f.count;
  switch (f.ctx) {
    case Ctx::kVideos:
      if (f.count > max_videos_) {
        error_ = MakeError(ErrorCode::kResourceExhausted,
                           "a batch holds at most " + std::to_string(max_videos_) + " videos",
                           "$.videos");
        return false;
      }
      if (v.type != Value::kObject) return WrongType("an object", v);
      videos_.emplace_back();
      return Push(Ctx::kVideo);
    case Ctx::kTags: {
      auto& tags = videos_.back().video.tags;
      if (f.count > limits_.tags) {
        return Fail(Path(false), "has more than " + std::to_string(limits_.tags) + " tags");
      }
      tags.emplace_back();
      return Str(v, limits_.tag_chars, &tags.back());
    }
    case Ctx::kSnapshots: {
      auto& snapshots = videos_.back().snapshots;
      if (f.count > limits_.snapshots) {
        return Fail(Path(false),
                    "has more than " + std::to_string(limits_.snapshots) + " snapshots");
      }
      if (v.type != Value::kObject) return WrongType("an object", v);
      snapshots.emplace_back();
      snapshots.back().video_id = videos_.back().video.id;
      return Push(Ctx::kSnapshot);
    }
    default: return Fail("unexpected value");
  }
}

bool VideoSax::VideoField(const Value& v) {
  VideoInput& in = videos_.back();
  Video& video = in.video;
  if (v.type == Value::kNull) return true;  // null = unknown, like an absent field
  switch (stack_.back().slot) {
    case 0: return Str(v, limits_.id_chars, &video.id);
    case 1: return Str(v, limits_.id_chars, &video.channel_id);
    case 2: return Str(v, limits_.title_chars, &video.title);
    case 3: return Str(v, limits_.description_chars, &video.description);
    case 4: return v.type == Value::kArray ? Push(Ctx::kTags) : WrongType("an array of strings", v);
    case 5: return OptInt(v, 1, 99, &video.category_id);
    case 6: return OptTime(v, &video.published_at);
    case 7: return OptInt(v, 0, kMaxDuration, &video.duration_s);
    case 8: return Str(v, 16, &video.default_language);
    case 9:
      if (v.type != Value::kObject) return WrongType("an object", v);
      in.channel.emplace();
      return Push(Ctx::kChannel);
    case 10: return v.type == Value::kArray ? Push(Ctx::kSnapshots) : WrongType("an array", v);
    case 11: return OptTime(v, &in.as_of);
  }
  return Fail("is not a known field");
}

bool VideoSax::ChannelField(const Value& v) {
  Channel& c = *videos_.back().channel;
  if (v.type == Value::kNull) return true;
  switch (stack_.back().slot) {
    case 0: return Str(v, limits_.id_chars, &c.id);
    case 1: return Str(v, limits_.title_chars, &c.title);
    case 2: return Str(v, 8, &c.country);
    case 3: return OptInt(v, 0, kMaxCount, &c.subscribers);
    case 4: return OptInt(v, 0, kMaxCount, &c.video_count);
    case 5: return OptInt(v, 0, kMaxCount, &c.view_count);
    case 6: return OptTime(v, &c.created_at);
  }
  return Fail("is not a known field");
}

bool VideoSax::SnapshotField(const Value& v) {
  Snapshot& s = videos_.back().snapshots.back();
  int slot = stack_.back().slot;
  if (slot == 0) {
    if (!Time(v, &s.captured_at)) return false;
    const auto& all = videos_.back().snapshots;
    if (all.size() > 1 && s.captured_at <= all[all.size() - 2].captured_at) {
      return Fail("must be after the previous snapshot's captured_at (snapshots are ordered by time)");
    }
    return true;
  }
  std::optional<int64_t>* counts[] = {nullptr, &s.views, &s.likes, &s.dislikes, &s.comments};
  if (slot > 0 && slot < 5) return OptInt(v, 0, kMaxCount, counts[slot]);
  return Fail("is not a known field");
}

template <size_t N>
int Slot(const std::string_view (&keys)[N], std::string_view key) {
  for (size_t i = 0; i < N; ++i) {
    if (keys[i] == key) return static_cast<int>(i);
  }
  return -1;
}

bool VideoSax::key(std::string& k) {
  Frame& f = stack_.back();
  int slot = -1;
  std::string_view name;
  switch (f.ctx) {
    case Ctx::kBatch: slot = k == "videos" ? 0 : -1; name = "videos"; break;
    case Ctx::kVideo: slot = Slot(kVideoKeys, k); if (slot >= 0) name = kVideoKeys[slot]; break;
    case Ctx::kChannel: slot = Slot(kChannelKeys, k); if (slot >= 0) name = kChannelKeys[slot]; break;
    case Ctx::kSnapshot: slot = Slot(kSnapshotKeys, k); if (slot >= 0) name = kSnapshotKeys[slot]; break;
    default: break;
  }
  if (slot < 0) {
    // Name the unknown key in the path; it is client text, so keep it short.
    return Fail(ChildPath(Path(false), std::string_view(k).substr(0, 64)), "is not a known field");
  }
  f.slot = slot;
  f.key = name;
  if (f.seen & (1u << slot)) return Fail("appears twice");
  f.seen |= 1u << slot;
  return true;
}

bool VideoSax::end_object() {
  Frame& f = stack_.back();
  f.key = {};
  if (f.ctx == Ctx::kSnapshot && !(f.seen & 1u)) {
    return Fail(ChildPath(Path(false), "captured_at"), "is required");
  }
  if (f.ctx == Ctx::kBatch && !(f.seen & 1u)) return Fail("$.videos", "is required");
  stack_.pop_back();
  if (stack_.empty()) done_ = true;
  return true;
}

bool VideoSax::end_array() {
  if (stack_.back().ctx == Ctx::kVideos && stack_.back().count == 0) {
    return Fail("$.videos", "must not be empty");
  }
  stack_.pop_back();
  return true;
}

}  // namespace

Result<std::vector<VideoInput>> RunVideoSax(std::string_view body, bool batch, size_t max_videos,
                                            const Limits& limits, bool fast) {
  VV_RETURN_IF_ERROR(CheckJsonBody(body));
  // The handler's error first (it names the field), else the parser's verdict.
  auto answer = [](VideoSax& sax, bool parsed) -> Result<std::vector<VideoInput>> {
    if (sax.error()) return std::move(*sax.error());
    if (!parsed) return FieldError("$", "malformed JSON");
    return std::move(sax.videos());
  };
  if (fast) {
    VideoSax sax(body, batch, max_videos, limits);
    FastSaxResult r = FastSaxParse(body, &sax);
    if (r != FastSaxResult::kUnsupported) return answer(sax, r == FastSaxResult::kDone);
    // Refused by simdjson (or too deep): nlohmann's parser from the start, with a fresh handler.
  }
  VideoSax sax(body, batch, max_videos, limits);
  bool ok = nlohmann::json::sax_parse(body.begin(), body.end(), &sax,
                                      nlohmann::json::input_format_t::json, /*strict=*/true);
  return answer(sax, ok);
}

}  // namespace vv::serve
