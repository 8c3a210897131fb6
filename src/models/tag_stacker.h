#pragma once
// The tags model's final ranker: one logistic regression over every candidate of a video, the
// candidates read off the title, description and channel name (tag_candidates.h) and the
// learned vocabulary's suggestions (fastText, co-occurrence, category prior). Fitted on the
// validation split, which the vocabulary models never trained on, so their scores enter the
// stacker at the strength they have on unseen videos. The candidate features are about form
// and position (in the title, a whole segment, a hashtag, the channel name), not about words,
// so they carry to languages the training store does not have.
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "eval/tfidf_linear.h"
#include "models/tag_candidates.h"

namespace vv {

// A candidate's evidence from the vocabulary models ({} when its label is not in the vocabulary).
struct VocabularyEvidence {
  bool known = false;   // the label is in the vocabulary
  bool from_vocabulary_only = false;  // suggested by the vocabulary, not read off the video
  double fasttext = 0, cooc = 0, prior = 0, mixed = 0;
};

// How often a candidate key, seen on a training video, was one of its tags: the learned tag
// prior ("official" rarely is, an artist's name usually is).
struct CandidatePrior {
  std::unordered_map<std::string, std::pair<int, int>> counts;  // key -> (seen, tagged)
  double base_rate = 0.0;                                       // tagged / seen over all keys
  // Smoothed rate (towards base_rate, two pseudo-sightings) and how much it rests on.
  std::pair<double, double> Lookup(const std::string& key) const;
  nlohmann::json ToJson() const;
  static Result<CandidatePrior> FromJson(const nlohmann::json& j, const std::string& path);
};

// Counts of (seen, tagged) over the candidates of videos that have tags; keys seen fewer than
// min_seen times are dropped (they would say nothing and weigh the model file).
CandidatePrior CountCandidatePrior(
    const std::vector<std::pair<std::vector<TagCandidate>, std::vector<std::string>>>& videos,
    int min_seen);

std::vector<double> TagStackFeatures(const TagCandidate& c, const VocabularyEvidence& v,
                                     const CandidatePrior& prior);
const std::vector<std::string>& TagStackFeatureNames();

struct TagStacker {
  eval::LinearClassifier classifier;
  CandidatePrior prior;
  // P(the candidate is one of the video's tags).
  double Score(const TagCandidate& c, const VocabularyEvidence& v) const;
  nlohmann::json ToJson() const;
  static Result<TagStacker> FromJson(const nlohmann::json& j, const std::string& path);
};

}  // namespace vv
