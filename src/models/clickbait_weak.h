#pragma once
// Weak labels for YouTube titles (docs/MODELS-clickbait.md). No graded YouTube titles are
// available to train on, and a headline-trained text model is at chance on them, so trending
// titles are labelled by label functions over their style: a title is weakly clickbait when at
// least two independent style markers fire, weakly not clickbait when it is calm (none fires and
// nothing shouts), and left out otherwise. The clickbait stacker learns from these labels beside
// the headline labels; the same functions score the held-out trending titles for the report.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "features/title_signals.h"

namespace vv {

// The positive label functions that fire on a title ("shouting", "punctuation_run",
// "bracket_phrase", "emoji", "teaser_phrase", "you_and_mark").
std::vector<std::string> ClickbaitVotes(const TitleSignals& signals);
// The negative label function: lower case mostly, no '!', no emoji, no teaser, no upper-case
// bracket, at most one all-caps word (an acronym).
bool CalmTitle(const TitleSignals& signals);
// 1 (>= 2 votes), 0 (calm) or -1 (abstain).
int WeakClickbaitLabel(const TitleSignals& signals);

// {"n","mean","q10","q25","q50","q75","q90","share_flagged"} of scores (share at or above the
// threshold).
nlohmann::json ScoreDistribution(std::vector<double> scores, double threshold);

// The style report on trending titles: the score distribution of all of them, and on the weakly
// labelled ones the ROC-AUC of the model's score beside the upper-case ratio alone, shrunk
// (caps_ratio) and plain (upper_share) ({"distribution", "weak_labels": {"n", "clickbait",
// "not", "roc_auc", "caps_ratio_roc_auc", "upper_share_roc_auc"}}).
nlohmann::json ClickbaitStyleReport(const std::vector<std::string>& titles,
                                    const std::vector<double>& scores, double threshold);

}  // namespace vv
