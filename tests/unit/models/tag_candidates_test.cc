#include "models/tag_candidates.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "models/tag_stacker.h"

namespace vv {
namespace {

const TagCandidate* Find(const std::vector<TagCandidate>& all, const std::string& key) {
  auto it = std::find_if(all.begin(), all.end(), [&](const auto& c) { return c.key == key; });
  return it == all.end() ? nullptr : &*it;
}

TEST(TagCandidates, KeyFoldsCaseQuotesAndSpaces) {
  EXPECT_EQ(CandidateKey("  \"Taylor  Swift\" "), "taylor swift");
  EXPECT_EQ(CandidateKey("Fischer's"), "fischer's");
  EXPECT_EQ(CandidateKey("Москва"), "москва");  // Unicode case folding, as the evaluation does
}

TEST(TagCandidates, SegmentsSplitOnBracketsBarsAndSpacedDashes) {
  auto segments = TitleSegments("Jay-Z - The Story of O.J. | Official Video【MV】");
  std::vector<std::string> texts;
  for (const auto& [text, offset] : segments) texts.push_back(text);
  EXPECT_EQ(texts, (std::vector<std::string>{"Jay-Z", "The Story of O.J.", "Official Video", "MV"}));
  EXPECT_EQ(segments[0].second, 0u);
}

TEST(TagCandidates, JapaneseSplitsWhereTheScriptChanges) {
  // kanji | hiragana | katakana runs: content words come apart from particles.
  auto words = SplitCandidateWords("勝手にテキ屋の射的コーナー");
  std::vector<std::string> texts;
  for (const auto& w : words) texts.push_back(w.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"勝手", "に", "テキ", "屋", "の", "射的", "コーナー"}));
  EXPECT_TRUE(words[1].hiragana);
  EXPECT_FALSE(words[0].hiragana);
  EXPECT_FALSE(words[2].space_before);  // joined without a space in n-grams
}

TEST(TagCandidates, ExtractsTitlePiecesHashtagsAndTheChannel) {
  Video v;
  v.title = "【ドッキリ】勝手に射的コーナー | BTS Dynamite #kpop";
  v.description = "Dynamite out now #BTS_Dynamite. Dynamite!";
  auto all = ExtractTagCandidates(v, "HYBE LABELS");
  const TagCandidate* segment = Find(all, "ドッキリ");
  ASSERT_NE(segment, nullptr);
  EXPECT_TRUE(segment->segment);
  EXPECT_LT(segment->position, 0.1);  // just after the opening bracket
  ASSERT_NE(Find(all, "射的コーナー"), nullptr);  // a kanji + katakana bigram, no space
  EXPECT_EQ(Find(all, "に"), nullptr);           // a particle alone is never offered
  const TagCandidate* dynamite = Find(all, "dynamite");
  ASSERT_NE(dynamite, nullptr);
  EXPECT_EQ(dynamite->description_count, 3);
  EXPECT_EQ(dynamite->text, "Dynamite");  // as written; matched by its key
  ASSERT_NE(Find(all, "bts dynamite"), nullptr);
  EXPECT_TRUE(Find(all, "kpop")->hashtag);
  EXPECT_TRUE(Find(all, "bts_dynamite")->hashtag);
  EXPECT_TRUE(Find(all, "hybe labels")->channel);
  EXPECT_TRUE(Find(all, "bts")->ngram);
}

TEST(TagCandidates, PriorSmoothsTowardsTheBaseRate) {
  TagCandidate official, artist;
  official.key = "official";
  artist.key = "adele";
  std::vector<std::pair<std::vector<TagCandidate>, std::vector<std::string>>> videos;
  for (int i = 0; i < 10; ++i) videos.push_back({{official, artist}, {"adele"}});
  videos.push_back({{official}, {}});
  CandidatePrior prior = CountCandidatePrior(videos, 2);
  EXPECT_NEAR(prior.base_rate, 10.0 / 21.0, 1e-12);
  EXPECT_LT(prior.Lookup("official").first, 0.1);
  EXPECT_GT(prior.Lookup("adele").first, 0.9);
  EXPECT_NEAR(prior.Lookup("unseen").first, prior.base_rate, 1e-12);
  EXPECT_EQ(prior.Lookup("unseen").second, 0.0);
  auto back = CandidatePrior::FromJson(prior.ToJson(), "test");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->counts, prior.counts);
}

TEST(TagCandidates, FeaturesMatchTheirNames) {
  TagCandidate c;
  c.key = "x";
  EXPECT_EQ(TagStackFeatures(c, {}, {}).size(), TagStackFeatureNames().size());
}

}  // namespace
}  // namespace vv
