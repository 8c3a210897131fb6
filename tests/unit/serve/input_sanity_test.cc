// Issue 12 item 1: what cannot be is refused, every impossibility at once and each at its JSON
// path; what is unusual is answered with a warning at its path.
#include <gtest/gtest.h>

#include "core/time_util.h"
#include "serve/input_sanity.h"
#include "serve/request_parser.h"

namespace vv::serve {
namespace {

VideoInput Parse(const std::string& body) {
  auto video = ParseVideoBody(body, Limits{});
  EXPECT_TRUE(video.ok()) << video.error().ToString();
  return video.ok() ? *video : VideoInput{};
}

Timestamp At(const char* iso) { return *ParseIso8601(iso); }

std::vector<std::string> Paths(const std::vector<Error>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.path);
  return out;
}

std::vector<std::string> Codes(const std::vector<InputNote>& notes) {
  std::vector<std::string> out;
  for (const auto& n : notes) out.push_back(n.path + " " + n.code);
  return out;
}

const std::vector<std::string> kAll = {"velocity", "viral", "clickbait", "genre", "tags", "anomaly"};

TEST(InputSanity, APlausibleVideoHasNoProblemAndNoWarning) {
  VideoInput in = Parse(R"({"title": "t", "published_at": "2024-05-01T12:00:00Z",
    "snapshots": [{"captured_at": "2024-05-01T12:00:00Z", "views": 0},
                  {"captured_at": "2024-05-02T00:00:00Z", "views": 4200, "likes": 4200}],
    "as_of": "2024-05-02T00:00:00Z"})");
  EXPECT_TRUE(ImpossibleInputs(in, "$").empty());
  EXPECT_TRUE(UnusualInputs(in, "$", At("2024-06-01T00:00:00Z"), kAll).empty());
}

TEST(InputSanity, EverySnapshotBeforePublicationIsRefusedAtOnce) {
  VideoInput in = Parse(R"({"published_at": "2024-05-03T00:00:00Z",
    "snapshots": [{"captured_at": "2024-05-01T00:00:00Z", "views": 90000},
                  {"captured_at": "2024-05-02T00:00:00Z", "views": 95000},
                  {"captured_at": "2024-05-04T00:00:00Z", "views": 99000}],
    "as_of": "2024-05-02T00:00:00Z"})");
  auto errors = ImpossibleInputs(in, "$.videos[2]");
  EXPECT_EQ(Paths(errors),
            (std::vector<std::string>{"$.videos[2].snapshots[0].captured_at",
                                      "$.videos[2].snapshots[1].captured_at",
                                      "$.videos[2].as_of"}));
  for (const auto& e : errors) EXPECT_EQ(e.code, ErrorCode::kInvalidArgument);
  EXPECT_NE(errors[0].message.find("before the publish date (2024-05-03T00:00:00Z)"),
            std::string::npos)
      << errors[0].message;
  EXPECT_NE(errors[2].message.find("before the publish date"), std::string::npos);
}

TEST(InputSanity, AsOfBeforeTheLastSnapshotIsRefused) {
  VideoInput in = Parse(R"({"snapshots": [{"captured_at": "2024-05-01T00:00:00Z"},
                                          {"captured_at": "2024-05-02T00:00:00Z"}],
                            "as_of": "2024-05-01T12:00:00Z"})");
  auto errors = ImpossibleInputs(in, "$");
  ASSERT_EQ(Paths(errors), std::vector<std::string>{"$.as_of"});
  EXPECT_NE(errors[0].message.find("before the last snapshot (2024-05-02T00:00:00Z)"),
            std::string::npos)
      << errors[0].message;
  in.as_of = At("2024-05-02T00:00:00Z");  // at the last snapshot: fine
  EXPECT_TRUE(ImpossibleInputs(in, "$").empty());
}

TEST(InputSanity, FallingViewsLikesAboveViewsAndAFuturePublishDateAreWarnings) {
  VideoInput in = Parse(R"({"title": "t", "published_at": "2030-01-01T00:00:00Z",
    "snapshots": [{"captured_at": "2030-01-02T00:00:00Z", "views": 5000, "likes": 10},
                  {"captured_at": "2030-01-03T00:00:00Z", "views": 4000, "likes": 4001},
                  {"captured_at": "2030-01-04T00:00:00Z", "likes": 9}]})");
  EXPECT_TRUE(ImpossibleInputs(in, "$").empty());
  auto warnings = UnusualInputs(in, "$", At("2026-01-01T00:00:00Z"), kAll);
  EXPECT_EQ(Codes(warnings), (std::vector<std::string>{
                                 "$.published_at published_in_future",
                                 "$.snapshots[1].views views_fell",
                                 "$.snapshots[1].likes likes_above_views"}));
  EXPECT_NE(warnings[1].message.find("fell from 5000 to 4000"), std::string::npos)
      << warnings[1].message;
  // The same publish date once the clock has passed it is not unusual.
  EXPECT_EQ(UnusualInputs(in, "$", At("2031-01-01T00:00:00Z"), kAll).size(), 2u);
}

TEST(InputSanity, AnEmptyTitleIsOneWarningNamingTheTextModels) {
  VideoInput in = Parse(R"({"title": "", "published_at": "2024-05-01T12:00:00Z",
    "snapshots": [{"captured_at": "2024-05-02T00:00:00Z", "views": 10}]})");
  auto warnings = UnusualInputs(in, "$", At("2026-01-01T00:00:00Z"), kAll);
  ASSERT_EQ(Codes(warnings), std::vector<std::string>{"$.title required_missing"});
  EXPECT_NE(warnings[0].message.find("clickbait, genre and tags need it"), std::string::npos)
      << warnings[0].message;
  // Asked of viral alone, the title is nobody's business.
  const std::vector<std::string> viral = {"viral"};
  EXPECT_TRUE(UnusualInputs(in, "$", At("2026-01-01T00:00:00Z"), viral).empty());
}

TEST(InputSanity, ABodyOfFallingViewsGetsABoundedListOfWarnings) {
  VideoInput in;
  in.video.title = "t";
  for (int i = 0; i < 100; ++i) {
    Snapshot s;
    s.captured_at = FromUnixSeconds(1'700'000'000 + 3600 * i);
    s.views = 1000 - i;
    in.snapshots.push_back(s);
  }
  auto warnings = UnusualInputs(in, "$.videos[7]", At("2026-01-01T00:00:00Z"), kAll);
  ASSERT_EQ(warnings.size(), kMaxWarnings);
  EXPECT_EQ(warnings[0].code, "views_fell");
  EXPECT_EQ(warnings.back().code, "more_warnings");
  EXPECT_EQ(warnings.back().path, "$.videos[7]");
  // 99 falling views and a missing published_at (velocity, viral): 100, of which 19 are listed.
  EXPECT_NE(warnings.back().message.find("81 more"), std::string::npos) << warnings.back().message;
}

TEST(InputSanity, WarningsAreSplicedIntoTheAnswerObject) {
  std::string body = R"({"predictions":{}})";
  AppendWarnings({{"$.title", "required_missing", "is \"empty\""}}, &body);
  EXPECT_EQ(body,
            R"({"predictions":{},"warnings":[{"code":"required_missing","message":"is \"empty\"","path":"$.title"}]})");
  std::string empty = "{}";
  AppendWarnings({}, &empty);
  EXPECT_EQ(empty, R"({"warnings":[]})");
}

}  // namespace
}  // namespace vv::serve
