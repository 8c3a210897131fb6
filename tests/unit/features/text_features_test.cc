#include "features/text_features.h"

#include <gtest/gtest.h>

#include <random>

namespace vv {
namespace {

using Tokens = std::vector<std::string>;

TEST(TextFeatures, NormalizedTokensSplitPunctuationAndLowerCase) {
  EXPECT_EQ(NormalizedTokens("You WON'T Believe This!!!"),
            (Tokens{"you", "won't", "believe", "this", "!", "!", "!"}));
  EXPECT_EQ(NormalizedTokens("(GONE WRONG) 10x"), (Tokens{"(", "gone", "wrong", ")", "10x"}));
  // Curly apostrophe inside a word is kept as a straight one; a quote at the edge is a token.
  EXPECT_EQ(NormalizedTokens("don\xE2\x80\x99t 'stop'"), (Tokens{"don't", "'", "stop", "'"}));
  // Emoji are tokens of their own; non-ASCII letters stay in the word; bad bytes are dropped.
  EXPECT_EQ(NormalizedTokens("caf\xC3\xA9\xF0\x9F\x94\xA5ok"),
            (Tokens{"caf\xC3\xA9", "\xF0\x9F\x94\xA5", "ok"}));
  EXPECT_EQ(NormalizedTokens("a\xFF" "b"), (Tokens{"ab"}));
  EXPECT_TRUE(NormalizedTokens("   ").empty());
}

TEST(TextFeatures, WordNgrams) {
  EXPECT_EQ(WordNgrams({"a", "b", "c"}, 2), (Tokens{"a", "a_b", "b", "b_c", "c"}));
  EXPECT_EQ(WordNgrams({"a", "b", "c"}, 3), (Tokens{"a", "a_b", "a_b_c", "b", "b_c", "c"}));
  EXPECT_EQ(WordNgrams({"a"}, 1), (Tokens{"a"}));
}

TEST(TextFeatures, VideoLineIsTitleTagsThenBoundedDescription) {
  Video v;
  v.title = "My Cat, Again";
  v.tags = {"Cats", "funny pets"};
  v.description = "Long description " + std::string(1000, 'x');
  EXPECT_EQ(FastTextLine(v, 17), "my cat again cats funny pets long description");
  EXPECT_EQ(VideoTokens(v, 0), (Tokens{"my", "cat", "again", "cats", "funny", "pets"}));
  v.description = "Shop: https://example.com/a?b=1 and www.x.org! \xF0\x9F\x94\xA5";
  EXPECT_EQ(VideoTokens(v, 600),
            (Tokens{"my", "cat", "again", "cats", "funny", "pets", "shop", "and", "\xF0\x9F\x94\xA5"}));
  EXPECT_EQ(StripUrls("a http://b.c/d e"), "a   e");
}

TEST(TextFeatures, TitleSignalsOfAYouTubeClickbaitTitle) {
  auto s = ComputeTitleSignals(
      "10 INSANE Hacks You Won't Believe What Happens Next!!! (GONE WRONG) ?! \xF0\x9F\x98\xB1");
  EXPECT_EQ(s.all_caps_words, 3);  // INSANE, GONE, WRONG
  EXPECT_EQ(s.exclamations, 4);
  EXPECT_TRUE(s.triple_exclamation);
  EXPECT_TRUE(s.interrobang);
  EXPECT_EQ(s.questions, 1);
  EXPECT_TRUE(s.bracket_phrase);
  EXPECT_EQ(s.emoji, 1);
  EXPECT_TRUE(s.leading_number);
  EXPECT_EQ(s.numbers, 1);
  EXPECT_EQ(s.second_person, 1);
  EXPECT_EQ(s.superlatives, 1);  // insane
  // you won't believe, won't believe, what happens next, gone wrong
  EXPECT_EQ(s.clickbait_phrases, 4);
  EXPECT_EQ(s.words, 11);
  EXPECT_GT(s.caps_ratio, 0.4);
  EXPECT_DOUBLE_EQ(s.capitalized_ratio, 1.0);

  auto tokens = TitleSignalTokens(s);
  for (const char* t : {"__ALLCAPS__", "__EXCL3__", "__BRACKET__", "__EMOJI__", "__NUM__",
                        "__LEADNUM__", "__YOU__", "__PHRASE__", "__INTERROBANG__"}) {
    EXPECT_NE(std::find(tokens.begin(), tokens.end(), t), tokens.end()) << t;
  }
}

TEST(TextFeatures, TitleSignalsOfAPlainTitle) {
  auto s = ComputeTitleSignals("how to repair a bike chain at home");
  EXPECT_EQ(s.all_caps_words, 0);
  EXPECT_EQ(s.exclamations, 0);
  EXPECT_FALSE(s.bracket_phrase);
  EXPECT_FALSE(s.leading_number);
  EXPECT_EQ(s.emoji, 0);
  EXPECT_DOUBLE_EQ(s.caps_ratio, 1.0 / 32.0);  // (0 + 1) / (27 cased letters + 5)
  EXPECT_DOUBLE_EQ(s.capitalized_ratio, 0.0);
  // Lower-case brackets are not shouting.
  EXPECT_FALSE(ComputeTitleSignals("Bike chain (part 2)").bracket_phrase);
  auto values = TitleSignalValues(s);
  EXPECT_EQ(values.size(), TitleSignalNames().size());
  auto tokens = TitleSignalTokens(s);
  EXPECT_NE(std::find(tokens.begin(), tokens.end(), "__SENTENCECASE__"), tokens.end());
  EXPECT_EQ(std::find(tokens.begin(), tokens.end(), "__ALLCAPS__"), tokens.end());
}

TEST(TextFeatures, EmojiRanges) {
  EXPECT_TRUE(IsEmojiCodePoint(0x1F631));  // face screaming in fear
  EXPECT_TRUE(IsEmojiCodePoint(0x2764));   // heavy black heart
  EXPECT_FALSE(IsEmojiCodePoint('A'));
  EXPECT_FALSE(IsEmojiCodePoint(0x00E9));
}

}  // namespace
}  // namespace vv

namespace vv {
namespace {

TEST(TextFeatures, HasTokensAgreesWithNormalizedTokens) {
  std::vector<std::string> texts = {"", " ", "\t\n ", "a", "!", "\xE2\x80\x99", "\xE2\x80\x99s",
                                    "\xC2\xA0\xE2\x80\x94", "\xF0\x9F\x94\xA5", "\xEF\xB8\x8F",
                                    "\xFF\xFE", "caf\xC3\xA9", "\xC3\xA9", "\x01\x02", " - "};
  std::mt19937_64 rng(3);
  const char alphabet[] = " \t'!a\xE2\x80\x99\xC2\xA0\xF0\x9F\x94\xA5\xFF\xEF\xB8\x8F";
  for (int i = 0; i < 2000; ++i) {
    std::string t;
    for (size_t n = rng() % 6; n > 0; --n) t += alphabet[rng() % (sizeof(alphabet) - 1)];
    texts.push_back(t);
  }
  for (const auto& t : texts) EXPECT_EQ(HasTokens(t), !NormalizedTokens(t).empty()) << t;
}

}  // namespace
}  // namespace vv

namespace vv {
namespace {

TEST(ScriptBigrams, SplitsUnspacedScriptsIntoCharacterPairs) {
  using Tokens = std::vector<std::string>;
  EXPECT_EQ(ScriptBigrams({"東京タワー"}), (Tokens{"東京", "京タ", "タワ", "ワー"}));
  EXPECT_EQ(ScriptBigrams({"방탄소년단", "bts"}), (Tokens{"방탄", "탄소", "소년", "년단"}));
  // Runs stop at other scripts; one character alone gives no pair; Latin and Cyrillic add nothing.
  EXPECT_EQ(ScriptBigrams({"第3回", "музыка", "music", "嵐"}), Tokens{});
  EXPECT_EQ(ScriptBigrams({"mv東京"}), (Tokens{"東京"}));
}

}  // namespace
}  // namespace vv
