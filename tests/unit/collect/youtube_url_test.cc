// Every form of YouTube URL a user may paste (collect/youtube_url.h), and what is refused.
#include <gtest/gtest.h>

#include "collect/youtube_url.h"

namespace vv {
namespace {

constexpr const char* kId = "dQw4w9WgXcQ";
constexpr const char* kChannel = "UCuAXFkgsw1L7xaCfnd5JJOw";

struct Case {
  const char* input;
  YouTubeRefKind kind;
  const char* value;
};

class ParsesTest : public ::testing::TestWithParam<Case> {};

TEST_P(ParsesTest, ToItsReference) {
  const Case& c = GetParam();
  auto ref = ParseYouTubeRef(c.input);
  ASSERT_TRUE(ref.ok()) << c.input << ": " << ref.error().ToString();
  EXPECT_EQ(YouTubeRefKindName(ref->kind), std::string(YouTubeRefKindName(c.kind))) << c.input;
  EXPECT_EQ(ref->value, c.value) << c.input;
}

const YouTubeRefKind V = YouTubeRefKind::kVideo;

INSTANTIATE_TEST_SUITE_P(
    Videos, ParsesTest,
    ::testing::Values(
        Case{"dQw4w9WgXcQ", V, kId},
        Case{"  dQw4w9WgXcQ\n", V, kId},
        Case{"https://www.youtube.com/watch?v=dQw4w9WgXcQ", V, kId},
        Case{"http://www.youtube.com/watch?v=dQw4w9WgXcQ", V, kId},
        Case{"HTTPS://WWW.YOUTUBE.COM/watch?v=dQw4w9WgXcQ", V, kId},
        Case{"www.youtube.com/watch?v=dQw4w9WgXcQ", V, kId},
        Case{"youtube.com/watch?v=dQw4w9WgXcQ", V, kId},
        Case{"//www.youtube.com/watch?v=dQw4w9WgXcQ", V, kId},
        Case{"https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s", V, kId},
        Case{"https://www.youtube.com/watch?feature=share&v=dQw4w9WgXcQ&list=PL123&index=2", V, kId},
        Case{"https://www.youtube.com/watch?app=desktop&v=dQw4w9WgXcQ#t=1m2s", V, kId},
        Case{"https://www.youtube.com/watch/dQw4w9WgXcQ", V, kId},
        Case{"https://m.youtube.com/watch?v=dQw4w9WgXcQ&pp=ygU", V, kId},
        Case{"https://music.youtube.com/watch?v=dQw4w9WgXcQ&si=abc", V, kId},
        Case{"https://gaming.youtube.com/watch?v=dQw4w9WgXcQ", V, kId},
        Case{"https://www.youtube.com:443/watch?v=dQw4w9WgXcQ", V, kId},
        Case{"https://www.youtube.com./watch?v=dQw4w9WgXcQ", V, kId},
        Case{"https://youtu.be/dQw4w9WgXcQ", V, kId},
        Case{"https://youtu.be/dQw4w9WgXcQ?si=Xyz_123&t=10", V, kId},
        Case{"youtu.be/dQw4w9WgXcQ", V, kId},
        Case{"https://www.youtube.com/shorts/dQw4w9WgXcQ", V, kId},
        Case{"https://youtube.com/shorts/dQw4w9WgXcQ?feature=share", V, kId},
        Case{"https://m.youtube.com/shorts/dQw4w9WgXcQ", V, kId},
        Case{"https://www.youtube.com/live/dQw4w9WgXcQ?si=abc", V, kId},
        Case{"https://www.youtube.com/embed/dQw4w9WgXcQ?autoplay=1&start=5", V, kId},
        Case{"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", V, kId},
        Case{"https://www.youtube.com/v/dQw4w9WgXcQ?version=3", V, kId},
        Case{"https://www.youtube.com/e/dQw4w9WgXcQ", V, kId},
        Case{"https://www.youtube.com/shorts/dQw4w9WgXcQ/", V, kId},
        Case{"https://www.youtube.com/attribution_link?a=x&u=%2Fwatch%3Fv%3DdQw4w9WgXcQ%26feature%3Dshare", V, kId},
        Case{"https://www.youtube.com/watch?v=a-b_c-d_e-f", V, "a-b_c-d_e-f"}));

INSTANTIATE_TEST_SUITE_P(
    Channels, ParsesTest,
    ::testing::Values(
        Case{"UCuAXFkgsw1L7xaCfnd5JJOw", YouTubeRefKind::kChannelId, kChannel},
        Case{"https://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw", YouTubeRefKind::kChannelId, kChannel},
        Case{"https://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw/videos", YouTubeRefKind::kChannelId, kChannel},
        Case{"https://m.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw?app=desktop", YouTubeRefKind::kChannelId, kChannel},
        Case{"https://www.youtube.com/@RickAstleyYT", YouTubeRefKind::kHandle, "RickAstleyYT"},
        Case{"https://www.youtube.com/@RickAstleyYT/shorts", YouTubeRefKind::kHandle, "RickAstleyYT"},
        Case{"youtube.com/@some.handle_1-x?si=q", YouTubeRefKind::kHandle, "some.handle_1-x"},
        Case{"@RickAstleyYT", YouTubeRefKind::kHandle, "RickAstleyYT"},
        Case{"https://www.youtube.com/%40RickAstleyYT", YouTubeRefKind::kHandle, "RickAstleyYT"},
        Case{"https://www.youtube.com/@%E3%81%82%E3%81%84", YouTubeRefKind::kHandle, "\xE3\x81\x82\xE3\x81\x84"},
        Case{"https://www.youtube.com/c/RickAstley", YouTubeRefKind::kCustomName, "RickAstley"},
        Case{"https://www.youtube.com/c/RickAstley/about", YouTubeRefKind::kCustomName, "RickAstley"},
        Case{"https://www.youtube.com/user/RickAstleyVEVO", YouTubeRefKind::kUserName, "RickAstleyVEVO"},
        Case{"http://youtube.com/user/RickAstleyVEVO/videos?view=0", YouTubeRefKind::kUserName, "RickAstleyVEVO"}));

class RefusesTest : public ::testing::TestWithParam<const char*> {};

TEST_P(RefusesTest, WithAMessageNamingTheForms) {
  auto ref = ParseYouTubeRef(GetParam(), "$.url");
  ASSERT_FALSE(ref.ok()) << GetParam() << " parsed as " << ref->value;
  EXPECT_EQ(ref.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(ref.error().path, "$.url");
  EXPECT_NE(ref.error().message.find("youtu.be/ID"), std::string::npos) << ref.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Bad, RefusesTest,
    ::testing::Values(
        "", "   ", "hello world", "dQw4w9WgXc", "dQw4w9WgXcQQ", "dQw4w9WgXc!",
        "https://www.youtube.com/", "https://www.youtube.com/watch", "https://www.youtube.com/watch?v=",
        "https://www.youtube.com/watch?v=short", "https://www.youtube.com/watch?v=dQw4w9WgXcQ%",
        "https://www.youtube.com/watch?list=PL123", "https://www.youtube.com/playlist?list=PL123",
        "https://www.youtube.com/results?search_query=cats", "https://www.youtube.com/feed/trending",
        "https://youtu.be/", "https://youtu.be/dQw4w9WgXcQ/extra", "https://youtu.be/toolongvideoid",
        "https://www.youtube.com/shorts/", "https://www.youtube.com/embed/bad",
        "https://vimeo.com/12345", "https://notyoutube.com/watch?v=dQw4w9WgXcQ",
        "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ", "ftp://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "javascript:alert(1)", "https://www.youtube.com/channel/", "https://www.youtube.com/channel/UCshort",
        "https://www.youtube.com/channel/XXuAXFkgsw1L7xaCfnd5JJOw", "https://www.youtube.com/@",
        "@", "@with space", "https://www.youtube.com/c/", "https://www.youtube.com/user/",
        "https://www.youtube.com/@bad%ZZ", "https://www.youtube.com/@a%00b"));

TEST(YouTubeUrlTest, LongInputIsCutInTheMessage) {
  std::string junk(5000, 'x');
  auto ref = ParseYouTubeRef(junk);
  ASSERT_FALSE(ref.ok());
  EXPECT_LT(ref.error().message.size(), 600u);
}

TEST(YouTubeUrlTest, CanonicalUrls) {
  EXPECT_EQ(CanonicalUrl({YouTubeRefKind::kVideo, kId}), "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
  EXPECT_EQ(CanonicalUrl({YouTubeRefKind::kChannelId, kChannel}),
            "https://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw");
  EXPECT_EQ(CanonicalUrl({YouTubeRefKind::kHandle, "x"}), "https://www.youtube.com/@x");
  EXPECT_EQ(CanonicalUrl({YouTubeRefKind::kCustomName, "x"}), "https://www.youtube.com/c/x");
  EXPECT_EQ(CanonicalUrl({YouTubeRefKind::kUserName, "x"}), "https://www.youtube.com/user/x");
  // Every canonical URL parses back to its reference.
  for (auto kind : {YouTubeRefKind::kVideo, YouTubeRefKind::kChannelId, YouTubeRefKind::kHandle,
                    YouTubeRefKind::kCustomName, YouTubeRefKind::kUserName}) {
    YouTubeRef ref{kind, kind == YouTubeRefKind::kVideo ? kId : kind == YouTubeRefKind::kChannelId ? kChannel : "name"};
    auto back = ParseYouTubeRef(CanonicalUrl(ref));
    ASSERT_TRUE(back.ok()) << CanonicalUrl(ref);
    EXPECT_EQ(back->kind, ref.kind);
    EXPECT_EQ(back->value, ref.value);
  }
}

TEST(YouTubeUrlTest, IdPredicates) {
  EXPECT_TRUE(IsVideoId(kId));
  EXPECT_FALSE(IsVideoId("dQw4w9WgXc="));
  EXPECT_TRUE(IsChannelId(kChannel));
  EXPECT_FALSE(IsChannelId("UCuAXFkgsw1L7xaCfnd5JJO"));
  EXPECT_FALSE(IsChannelId("UUuAXFkgsw1L7xaCfnd5JJOw"));
}

}  // namespace
}  // namespace vv
