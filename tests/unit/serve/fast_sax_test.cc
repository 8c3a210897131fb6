// The simdjson fast path of the request parser (serve/fast_json_sax.h) must answer every body as
// nlohmann's parser alone does: the same VideoInput, or the same error, code, path and message.
// Checked on valid bodies and on thousands of truncated and mutated ones.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "serve/fast_json_sax.h"
#include "serve/request_parser.h"
#include "serve/video_sax.h"

namespace vv::serve {
namespace {

const std::string kVideo =
    R"({"title":"I Tried Speedrun For 7 Days And This Happened","description":"gameplay )"
    R"(walkthrough boss level minecraft update","tags":["gameplay","speedrun","minecraft"],)"
    R"("category_id":20,"published_at":"2024-03-01T12:00:00Z","duration_s":734,"channel":)"
    R"({"subscribers":250000,"videos":420,"views":61000000},"snapshots":[{"captured_at":)"
    R"("2024-03-01T18:00:00Z","views":12000,"likes":640,"comments":85},{"captured_at":)"
    R"("2024-03-02T12:00:00Z","views":41000,"likes":2100,"comments":260}]})";

// Both parsers' answers as one comparable string.
std::string Outcome(const std::string& body, bool batch, bool fast) {
  Limits limits;
  auto r = RunVideoSax(body, batch, 3, limits, fast);
  if (!r.ok()) {
    const Error& e = r.error();
    return "error " + std::to_string(static_cast<int>(e.code)) + " " + e.path + " " + e.message;
  }
  std::string out = "ok";
  for (const auto& v : *r) {
    out.push_back('\n');
    AppendCanonical(v, &out);
    out += " id=" + v.video.id + " channel_id=" + v.video.channel_id +
           " lang=" + v.video.default_language;
  }
  return out;
}

void ExpectSame(const std::string& body) {
  for (bool batch : {false, true}) {
    ASSERT_EQ(Outcome(body, batch, true), Outcome(body, batch, false))
        << (batch ? "batch " : "") << "body: " << body;
  }
}

TEST(FastSax, ValidBodiesParseAsNlohmannParsesThem) {
  const std::vector<std::string> bodies = {
      kVideo,
      R"({"videos":[)" + kVideo + "," + kVideo + "]}",
      " \t\r\n" + kVideo + " \n",
      R"({ "title" : "caf\u00e9", "tags" : [ ] , "snapshots" : [ ] })",
      "{\"title\":\"caf\xc3\xa9 \xf0\x9f\x94\xa5 \xe2\x80\x99 \xed\x9f\xbf \xf4\x8f\xbf\xbf\"}",
      R"({"title":"t","category_id":-0,"duration_s":0,"channel":{"subscribers":null}})",
      R"({"title":"t","duration_s":12.0,"channel":{"views":1e3}})",
      R"({"title":"t","duration_s":123456789012345678901234})",
      R"({"title":"t","duration_s":-123456789012345678})",
      R"({"title":"t","duration_s":999999999999999999})",
      R"({"title":true})", R"({"title":false})", R"({"title":[]})", R"({"title":{}})",
      R"({"id":"a","channel_id":"b","default_language":"en","as_of":"2024-03-03T00:00:00Z"})",
      R"({})", R"([])", R"("x")", "1", "-1", "null", R"({"videos":[]})",
  };
  for (const auto& body : bodies) ExpectSame(body);
}

TEST(FastSax, MalformedBodiesFailAsNlohmannFails) {
  const std::vector<std::string> bodies = {
      "{", "}", "{\"title\"", "{\"title\":", "{\"title\":\"x\"", "{\"title\":\"x\",}",
      "{\"title\":\"x\"}}", "{\"title\":\"x\"} x", std::string("{\"title\":\"x\"}\0", 14),
      "\xef\xbb\xbf{}",
      "{\"duration_s\":01}", "{\"duration_s\":-}", "{\"duration_s\":1.}", "{\"duration_s\":1e}",
      "{\"duration_s\":NaN}", "{\"duration_s\":Infinity}", "{\"duration_s\":1e400}",
      "{\"title\":tru}", "{\"title\":nul}", "{\"title\":\"a\nb\"}", "{\"title\":\"a\\qb\"}",
      "{\"title\":\"\xc0\x80\"}", "{\"title\":\"\xed\xa0\x80\"}",
      "{\"title\":\"\xf4\x90\x80\x80\"}",
      "{\"title\":\"\xe2\x82\"}", "{\"title\":\"\xff\"}", "{'title':'x'}", "{title:\"x\"}",
      std::string(100, '[') + std::string(100, ']'),
      "{\"tags\":" + std::string(50, '[') + std::string(50, ']') + "}",
  };
  for (const auto& body : bodies) ExpectSame(body);
}

// Accepts every event: whether the fast path completes a text, whatever its meaning.
struct CountingSax {
  int events = 0;
  bool null() { return ++events; }
  bool boolean(bool) { return ++events; }
  bool number_integer(int64_t) { return ++events; }
  bool number_unsigned(uint64_t) { return ++events; }
  bool number_float(double, std::string&) { return ++events; }
  bool string(std::string&) { return ++events; }
  bool key(std::string&) { return ++events; }
  bool start_object(size_t) { return ++events; }
  bool end_object() { return ++events; }
  bool start_array(size_t) { return ++events; }
  bool end_array() { return ++events; }
};

TEST(FastSax, TruncatedAndMutatedBodiesMatch) {
  const std::string batch = R"({"videos":[)" + kVideo + "]}";
  const std::string bytes = "\"\\{}[],:0123456789-+.eEtrufalsn \t\n\x01\x7f\xc3\xa9\xed\xf0\xff";
  std::mt19937 rng(11);
  int fast = 0;
  for (const std::string& base : {kVideo, batch}) {
    for (size_t i = 0; i <= base.size(); ++i) ExpectSame(base.substr(0, i));
    for (int round = 0; round < 3000; ++round) {
      std::string body = base;
      const int edits = 1 + static_cast<int>(rng() % 3);
      for (int e = 0; e < edits; ++e) {
        const size_t at = rng() % body.size();
        const char c = bytes[rng() % bytes.size()];
        switch (rng() % 3) {
          case 0: body[at] = c; break;
          case 1: body.insert(body.begin() + static_cast<long>(at), c); break;
          default: body.erase(at, 1); break;
        }
      }
      ExpectSame(body);
      CountingSax sax;
      fast += FastSaxParse(body, &sax) == FastSaxResult::kDone;
    }
  }
  EXPECT_GT(fast, 200) << "too few mutated bodies exercised the fast path to the end";
}

// The fast path really is taken for the common body: it completes without nlohmann.
TEST(FastSax, TheBenchmarkBodyStaysOnTheFastPath) {
  CountingSax sax;
  EXPECT_EQ(FastSaxParse(kVideo, &sax), FastSaxResult::kDone);
  EXPECT_GT(sax.events, 40);
  // A number with a fraction or an exponent takes nlohmann's path, which passes its text.
  CountingSax floats;
  EXPECT_EQ(FastSaxParse(R"({"a":1.5,"b":"caf\u00e9"})", &floats), FastSaxResult::kUnsupported);
  CountingSax malformed;
  EXPECT_EQ(FastSaxParse(R"({"a":1.5)", &malformed), FastSaxResult::kUnsupported);
}

}  // namespace
}  // namespace vv::serve

namespace vv::serve {
namespace {

// Genre reads the channel's other videos: the response cache must not serve one input's answer
// for another that differs only there.
TEST(CanonicalKey, IncludesTheChannelsOtherVideos) {
  VideoInput a;
  a.video.title = "same title";
  VideoInput b = a;
  b.channel_categories = {{10, 3}};
  VideoInput c = a;
  c.channel_categories = {{10, 4}};
  std::string ka, kb, kc;
  AppendCanonical(a, &ka);
  AppendCanonical(b, &kb);
  AppendCanonical(c, &kc);
  EXPECT_NE(ka, kb);
  EXPECT_NE(kb, kc);
}

}  // namespace
}  // namespace vv::serve
