#include "models/clickbait_weak.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "eval/metrics.h"
#include "models/fasttext_util.h"

namespace vv {

std::vector<std::string> ClickbaitVotes(const TitleSignals& s) {
  std::vector<std::string> votes;
  // Two all-caps words, not one: a single acronym (NBA, MV, BTS) is not shouting.
  if (s.caps_ratio >= 0.6 && s.all_caps_words >= 2) votes.push_back("shouting");
  if (s.punct_run >= 2) votes.push_back("punctuation_run");
  if (s.bracket_phrase) votes.push_back("bracket_phrase");
  if (s.emoji >= 2) votes.push_back("emoji");
  if (s.clickbait_phrases >= 1) votes.push_back("teaser_phrase");
  if (s.second_person >= 1 && s.exclamations + s.questions >= 1) votes.push_back("you_and_mark");
  return votes;
}

bool CalmTitle(const TitleSignals& s) {
  return s.caps_ratio <= 0.35 && s.exclamations == 0 && s.emoji == 0 &&
         s.clickbait_phrases == 0 && s.all_caps_words <= 1 && !s.bracket_phrase &&
         s.punct_run == 0;
}

int WeakClickbaitLabel(const TitleSignals& s) {
  size_t votes = ClickbaitVotes(s).size();
  if (votes >= 2) return 1;
  if (votes == 0 && CalmTitle(s)) return 0;
  return -1;
}

nlohmann::json ScoreDistribution(std::vector<double> scores, double threshold) {
  if (scores.empty()) return {{"n", 0}};
  std::sort(scores.begin(), scores.end());
  auto quantile = [&scores](double q) {  // nearest rank
    size_t rank = static_cast<size_t>(std::ceil(q * scores.size()));
    return scores[std::clamp<size_t>(rank, 1, scores.size()) - 1];
  };
  double mean = std::accumulate(scores.begin(), scores.end(), 0.0) / scores.size();
  auto flagged = scores.end() - std::lower_bound(scores.begin(), scores.end(), threshold);
  return {{"n", scores.size()},
          {"mean", mean},
          {"q10", quantile(0.1)},
          {"q25", quantile(0.25)},
          {"q50", quantile(0.5)},
          {"q75", quantile(0.75)},
          {"q90", quantile(0.9)},
          {"share_flagged", static_cast<double>(flagged) / scores.size()}};
}

nlohmann::json ClickbaitStyleReport(const std::vector<std::string>& titles,
                                    const std::vector<double>& scores, double threshold) {
  std::vector<double> model, caps, share;
  std::vector<int> labels;
  int positives = 0;
  for (size_t i = 0; i < titles.size() && i < scores.size(); ++i) {
    TitleSignals s = ComputeTitleSignals(titles[i]);
    int label = WeakClickbaitLabel(s);
    if (label < 0) continue;
    model.push_back(scores[i]);
    caps.push_back(s.caps_ratio);
    share.push_back(s.upper_share);
    labels.push_back(label);
    positives += label;
  }
  nlohmann::json weak = {{"n", labels.size()},
                         {"clickbait", positives},
                         {"not", static_cast<int>(labels.size()) - positives}};
  if (positives > 0 && positives < static_cast<int>(labels.size())) {
    weak["roc_auc"] = MetricValue(eval::RocAuc(model, labels));
    weak["caps_ratio_roc_auc"] = MetricValue(eval::RocAuc(caps, labels));
    weak["upper_share_roc_auc"] = MetricValue(eval::RocAuc(share, labels));
  }
  return {{"distribution", ScoreDistribution(scores, threshold)}, {"weak_labels", weak}};
}

}  // namespace vv
