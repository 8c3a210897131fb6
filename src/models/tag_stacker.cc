#include "models/tag_stacker.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

namespace vv {

namespace {

bool IsAscii(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x80; });
}

bool IsDigits(const std::string& s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

}  // namespace

std::pair<double, double> CandidatePrior::Lookup(const std::string& key) const {
  auto it = counts.find(key);
  int seen = it == counts.end() ? 0 : it->second.first;
  int tagged = it == counts.end() ? 0 : it->second.second;
  return {(tagged + 2.0 * base_rate) / (seen + 2.0), std::log1p(seen) / 5.0};
}

nlohmann::json CandidatePrior::ToJson() const {
  nlohmann::json c = nlohmann::json::object();
  for (const auto& [key, n] : counts) c[key] = {n.first, n.second};
  return {{"base_rate", base_rate}, {"counts", c}};
}

Result<CandidatePrior> CandidatePrior::FromJson(const nlohmann::json& j, const std::string& path) {
  CandidatePrior p;
  try {
    p.base_rate = j.at("base_rate").get<double>();
    for (const auto& [key, n] : j.at("counts").items()) {
      p.counts[key] = {n.at(0).get<int>(), n.at(1).get<int>()};
    }
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kDataLoss, std::string("tags: bad candidate prior: ") + e.what(),
                     path);
  }
  return p;
}

CandidatePrior CountCandidatePrior(
    const std::vector<std::pair<std::vector<TagCandidate>, std::vector<std::string>>>& videos,
    int min_seen) {
  CandidatePrior prior;
  long seen = 0, tagged = 0;
  for (const auto& [candidates, tag_keys] : videos) {
    std::set<std::string> tags(tag_keys.begin(), tag_keys.end());
    for (const auto& c : candidates) {
      auto& n = prior.counts[c.key];
      ++n.first, ++seen;
      if (tags.count(c.key)) ++n.second, ++tagged;
    }
  }
  prior.base_rate = seen > 0 ? static_cast<double>(tagged) / static_cast<double>(seen) : 0.0;
  std::erase_if(prior.counts, [min_seen](const auto& kv) { return kv.second.first < min_seen; });
  return prior;
}

const std::vector<std::string>& TagStackFeatureNames() {
  static const std::vector<std::string> names = {
      "channel_name", "title_segment", "title_ngram",   "hashtag",       "vocabulary_only",
      "whole_title",  "one_word",      "two_words",     "three_words",   "title_position",
      "in_description", "description_count", "number", "non_ascii",     "inside_channel_name",
      "prior_rate",   "prior_support", "fasttext",      "cooccurrence",  "category_prior",
      "vocabulary_mix", "in_vocabulary", "short"};
  return names;
}

std::vector<double> TagStackFeatures(const TagCandidate& c, const VocabularyEvidence& v,
                                     const CandidatePrior& prior) {
  auto flag = [](bool b) { return b ? 1.0 : 0.0; };
  auto [rate, support] = prior.Lookup(c.key);
  return {flag(c.channel),
          flag(c.segment),
          flag(c.ngram),
          flag(c.hashtag),
          flag(v.from_vocabulary_only),
          flag(c.whole_title),
          flag(c.words == 1),
          flag(c.words == 2),
          flag(c.words >= 3),
          c.position,
          flag(c.description_count > 0),
          std::log1p(c.description_count) / 3.0,
          flag(IsDigits(c.key)),
          flag(!IsAscii(c.key)),
          flag(c.in_channel),
          rate,
          support,
          v.fasttext,
          v.cooc,
          v.prior,
          v.mixed,
          flag(v.known),
          flag(c.key.size() <= 3)};
}

double TagStacker::Score(const TagCandidate& c, const VocabularyEvidence& v) const {
  auto p = classifier.Probabilities(eval::DenseRow(TagStackFeatures(c, v, prior)));
  const auto& classes = classifier.classes();
  auto it = std::find(classes.begin(), classes.end(), 1);
  return it == classes.end() ? 0.0 : p[it - classes.begin()];
}

nlohmann::json TagStacker::ToJson() const {
  return {{"features", TagStackFeatureNames()},
          {"classifier", classifier.ToJson()},
          {"prior", prior.ToJson()}};
}

Result<TagStacker> TagStacker::FromJson(const nlohmann::json& j, const std::string& path) {
  if (!j.is_object() || !j.contains("classifier") || !j.contains("prior")) {
    return MakeError(ErrorCode::kDataLoss, "tags: the stacker lacks its classifier or prior",
                     path);
  }
  if (!j.contains("features") || j.at("features") != nlohmann::json(TagStackFeatureNames())) {
    return MakeError(ErrorCode::kDataLoss, "tags: the stacker's features differ from this build's",
                     path);
  }
  TagStacker s;
  VV_ASSIGN_OR_RETURN(s.classifier, eval::LinearClassifier::FromJson(j.at("classifier"), path));
  VV_ASSIGN_OR_RETURN(s.prior, CandidatePrior::FromJson(j.at("prior"), path));
  return s;
}

}  // namespace vv
