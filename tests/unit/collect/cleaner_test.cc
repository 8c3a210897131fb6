#include "collect/cleaner.h"

#include <gtest/gtest.h>

#include "core/text_util.h"

namespace vv {
namespace {

TEST(CleanerTest, DecodesEntities) {
  EXPECT_EQ(DecodeHtmlEntities("Tom &amp; Jerry &#39;93 &quot;live&quot; &lt;3"), "Tom & Jerry '93 \"live\" <3");
  EXPECT_EQ(DecodeHtmlEntities("&#x1F600; &#233;"), "\xF0\x9F\x98\x80 \xC3\xA9");
  EXPECT_EQ(DecodeHtmlEntities("AT&T &bogus; & alone &#;"), "AT&T &bogus; & alone &#;");
  EXPECT_EQ(DecodeHtmlEntities("&#0; &#x110000;"), "\xEF\xBF\xBD \xEF\xBF\xBD");
}

TEST(CleanerTest, NormalizesToNfc) {
  std::string decomposed = "Cafe\xCC\x81";  // e + combining acute
  EXPECT_EQ(NormalizeNfc(decomposed), "Caf\xC3\xA9");
  EXPECT_EQ(NormalizeNfc("plain ascii"), "plain ascii");
  EXPECT_EQ(NormalizeNfc("bad \xFF byte"), "bad \xEF\xBF\xBD byte");
}

TEST(CleanerTest, CleanLineCollapsesWhitespace) {
  EXPECT_EQ(CleanLine("  Hello\t\n  world \xC2\xA0 &amp;\x01 more  "), "Hello world & more");
  EXPECT_EQ(CleanLine(""), "");
}

TEST(CleanerTest, CleanMultilineKeepsParagraphs) {
  EXPECT_EQ(CleanMultiline(" line one \r\nline two\n\n\n\nlast  "), "line one\nline two\n\nlast");
}

TEST(CleanerTest, TagsKeepTheirFirstSpellingAndDedupeFolded) {
  std::vector<std::string> tags = {" Music ", "music", "", "  ", "Rock&amp;Roll", "\xC3\x89T\xC3\x89", "e\xCC\x81t\xC3\xA9"};
  EXPECT_EQ(NormalizeTags(tags),
            (std::vector<std::string>{"Music", "Rock&Roll", "\xC3\x89T\xC3\x89"}));
  // Folding, not lower-casing: the German sharp s matches its upper-case spelling.
  EXPECT_EQ(FoldTag("Stra\xC3\x9F" "e"), FoldTag("STRASSE"));
  EXPECT_EQ(FoldTag("\xC3\x89T\xC3\x89"), "\xC3\xA9t\xC3\xA9");
  EXPECT_EQ(NormalizeTags({"Stra\xC3\x9F" "e", "STRASSE"}),
            std::vector<std::string>{"Stra\xC3\x9F" "e"});
}

TEST(CleanerTest, TagsLoseTheQuotesTheyDoNotNeed) {
  EXPECT_EQ(CleanTag("\"Chess\""), "Chess");
  EXPECT_EQ(CleanTag("\"\"b\"\""), "b");          // doubled wrapper
  EXPECT_EQ(CleanTag("\"a"), "a");                 // opened, never closed
  EXPECT_EQ(CleanTag("c\"\"\""), "c");             // closed three times
  EXPECT_EQ(CleanTag(" \" spaced \" "), "spaced");
  EXPECT_EQ(CleanTag("\"\"\""), "");
  EXPECT_EQ(CleanTag("12\" vinyl"), "12 vinyl");  // unpaired inside: goes
  EXPECT_EQ(CleanTag("say \"\"hi\"\" now"), "say \"hi\" now");  // doubled pair: one pair
  EXPECT_EQ(CleanTag("the \"best\" song"), "the \"best\" song");  // a balanced pair is text
  EXPECT_EQ(CleanTag("&quot;entity&quot;"), "entity");  // quotes that arrive as entities too
}

TEST(CleanerTest, CountsNeverBecomeZero) {
  Snapshot s;
  s.views = 10;
  s.likes = -1;
  CleanSnapshot(s);
  EXPECT_EQ(s.views, 10);
  EXPECT_FALSE(s.likes.has_value());
  EXPECT_FALSE(s.comments.has_value());
}

TEST(CleanerTest, CleansVideoAndChannel) {
  Video v;
  v.id = " abc ";
  v.title = "  Best &amp; Worst  ";
  v.tags = {"A", "a"};
  v.duration_s = -5;
  CleanVideo(v);
  EXPECT_EQ(v.id, "abc");
  EXPECT_EQ(v.title, "Best & Worst");
  EXPECT_EQ(v.tags, std::vector<std::string>{"A"});  // the first spelling, deduped folded
  EXPECT_FALSE(v.duration_s.has_value());
  Channel c;
  c.title = " Chan ";
  c.country = " gb";
  c.subscribers = -3;
  CleanChannel(c);
  EXPECT_EQ(c.title, "Chan");
  EXPECT_EQ(c.country, "GB");
  EXPECT_FALSE(c.subscribers.has_value());
}

}  // namespace
}  // namespace vv
