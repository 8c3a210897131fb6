#pragma once
// Word lists and per-category statistics for the synthetic data set. The numbers are medians of
// the real 2017 trending files (docs/DATA.md); the words are small hand-written lists so that
// each category has its own vocabulary for the genre and tag models to learn.
#include <span>
#include <string_view>
#include <vector>

namespace vv::gen {

using Words = std::vector<std::string_view>;

struct CategoryProfile {
  int id = 0;
  double weight = 0;         // share of videos: US+GB 2017 trending counts
  double views_factor = 1;   // median first-trending views relative to the overall median
  double like_ratio = 0;     // median likes / views
  double comment_ratio = 0;  // median comments / views
  double duration_median_s = 0;
  double duration_sigma = 0;  // log-normal sigma of the duration
  double evergreen = 0;       // share of long-tail growers (tutorials grow for months)
  // Title patterns. Slots: {T} {U} topics, {P} person, {F} first name, {N} number,
  // {Y} year, {E} episode number, {C} channel title, {S} channel slug (for URLs).
  Words templates;
  Words topics;
  Words tags;     // category tags; videos add title words and the channel name
  Words phrases;  // description sentences
};

const std::vector<CategoryProfile>& CategoryProfiles();
const CategoryProfile& ProfileFor(int category_id);  // falls back to Entertainment

struct WeightedWord {
  std::string_view word;
  double weight;
};

const Words& FirstNames();
const Words& LastNames();
const Words& ChannelWords();        // "Daily", "Studio", "TV", ...
const Words& TitleExtenders();      // " (HD)", " | Episode {E}", ...
const Words& ClickbaitTemplates();  // whole clickbait titles with {T} {N} {P}
const Words& ClickbaitSuffixes();   // "(GONE WRONG)", "!!!", ...
const Words& Emoji();
const Words& DescriptionSentences();           // shared sentences with slots
const Words& DescriptionClosers();             // "Subscribe for more", social links, ...
const std::vector<WeightedWord>& Countries();  // ISO codes with trending-channel weights

}  // namespace vv::gen
