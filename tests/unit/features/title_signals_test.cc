#include "features/title_signals.h"

#include <gtest/gtest.h>

namespace vv {
namespace {

// Titles come from BR, DE, JP, KR, MX and RU too: case is Unicode case, and scripts without case
// are neutral.
TEST(TitleSignals, UpperCaseIsUnicodeCase) {
  auto ru = ComputeTitleSignals("ПРИВЕТ МИР");
  EXPECT_EQ(ru.all_caps_words, 2);
  EXPECT_DOUBLE_EQ(ru.caps_ratio, 10.0 / 14.0);  // (9 + 1) / (9 + 5)
  EXPECT_DOUBLE_EQ(ru.upper_share, 1.0);
  EXPECT_DOUBLE_EQ(ComputeTitleSignals("米津玄師").upper_share, 0.0);
  EXPECT_DOUBLE_EQ(ComputeTitleSignals("Привет мир").caps_ratio, 2.0 / 14.0);
  EXPECT_DOUBLE_EQ(ComputeTitleSignals("привет мир").capitalized_ratio, 0.0);
  EXPECT_DOUBLE_EQ(ComputeTitleSignals("Привет Мир").capitalized_ratio, 1.0);
  auto de = ComputeTitleSignals("ÜBER ÄRGER");
  EXPECT_EQ(de.all_caps_words, 2);
  EXPECT_GT(de.caps_ratio, ComputeTitleSignals("Über Ärger").caps_ratio);
  EXPECT_TRUE(ComputeTitleSignals("Fußball (ÜBERRASCHUNG)").bracket_phrase);
}

TEST(TitleSignals, ScriptsWithoutCaseAreNeutral) {
  EXPECT_DOUBLE_EQ(ComputeTitleSignals("米津玄師 馬と鹿").caps_ratio, 0.2);
  EXPECT_DOUBLE_EQ(ComputeTitleSignals("방탄소년단 다이너마이트").caps_ratio, 0.2);
  EXPECT_DOUBLE_EQ(ComputeTitleSignals("").caps_ratio, 0.2);
  // A two-letter acronym in a Japanese title is not shouting (below the 0.5 "fired" line).
  auto mv = ComputeTitleSignals("【MV】米津玄師 - 馬と鹿");
  EXPECT_DOUBLE_EQ(mv.caps_ratio, 3.0 / 7.0);
  EXPECT_EQ(mv.all_caps_words, 1);
  EXPECT_GT(ComputeTitleSignals("I SPENT 24 HOURS IN A BOX").caps_ratio, 0.8);
}

TEST(TitleSignals, PunctuationRunsAndFullwidthMarks) {
  EXPECT_EQ(ComputeTitleSignals("wow").punct_run, 0);
  EXPECT_EQ(ComputeTitleSignals("wow! ok?").punct_run, 1);
  EXPECT_EQ(ComputeTitleSignals("wow!!").punct_run, 2);
  auto mixed = ComputeTitleSignals("what?!?");
  EXPECT_EQ(mixed.punct_run, 3);
  EXPECT_TRUE(mixed.interrobang);
  EXPECT_FALSE(mixed.triple_exclamation);
  auto fullwidth = ComputeTitleSignals("まさか！！！");
  EXPECT_EQ(fullwidth.exclamations, 3);
  EXPECT_TRUE(fullwidth.triple_exclamation);
  EXPECT_EQ(ComputeTitleSignals("本当？").questions, 1);
}

TEST(TitleSignals, SecondPersonInSeveralLanguages) {
  EXPECT_EQ(ComputeTitleSignals("Ты не поверишь").second_person, 1);
  EXPECT_EQ(ComputeTitleSignals("VOCÊ não vai acreditar").second_person, 1);
  EXPECT_EQ(ComputeTitleSignals("Das musst DU sehen").second_person, 1);
  EXPECT_EQ(ComputeTitleSignals("Lecture 3: Linear Algebra").second_person, 0);
  EXPECT_EQ(LowerUtf8("ÜBER Ärger МИР"), "über ärger мир");
  CaseCounts c = CountCase("aB\xC3\x89\xE7\xB1\xB3\xFF");  // a, B, É, 米, invalid byte
  EXPECT_EQ(c.upper, 2);
  EXPECT_EQ(c.lower, 1);
}

}  // namespace
}  // namespace vv
