#include "collect/vocabulary.h"

namespace vv::gen {

// Word tables laid out by hand for reading.
// clang-format off

const Words& FirstNames() {
  static const Words kWords = {"Emma", "Liam", "Olivia", "Noah", "Ava", "Lucas", "Mia",
                               "Ethan", "Zoe", "Jack", "Maya", "Leo", "Chloe", "Ryan",
                               "Nora", "Diego", "Aisha", "Kenji", "Sofia", "Marcus",
                               "Priya", "Omar", "Hannah", "Tyler", "Grace", "Jonah"};
  return kWords;
}

const Words& LastNames() {
  static const Words kWords = {"Carter", "Nguyen", "Rivera", "Patel", "Brooks", "Kim",
                               "Hughes", "Silva", "Foster", "Morgan", "Reyes", "Walsh",
                               "Bennett", "Okafor", "Larsen", "Diaz", "Shaw", "Tanaka",
                               "Price", "Moreau", "Ellis", "Grant", "Becker", "Haddad"};
  return kWords;
}

const Words& ChannelWords() {
  static const Words kWords = {"TV", "Daily", "Studio", "Official", "Channel", "Media",
                               "Network", "Show", "Vlogs", "Live", "Productions", "HQ",
                               "Club", "World", "Academy", "Lab", "Films", "Records"};
  return kWords;
}

const Words& TitleExtenders() {
  static const Words kWords = {" (HD)", " [4K]", " | Episode {E}", " - Part {E}", " ({Y})",
                               " | {U} Special", " ft. {P}", " [LIVE]", " - {U} Edition",
                               " (Full Version)", " | {T} Series", " - NEW",
                               " | {T}, {U} and More", " - {P} Interview ({Y})",
                               " | Official {T} Channel"};
  return kWords;
}

const Words& ClickbaitTemplates() {
  static const Words kWords = {
      "You Won't Believe What Happened With {T}",
      "I Tried {T} for 24 Hours",
      "{N} {T} Secrets They Don't Want You to Know",
      "This {T} Will BLOW YOUR MIND",
      "WHY I QUIT {T}...",
      "{T} PRANK ON MY GIRLFRIEND",
      "We Need to Talk About {T}",
      "The TRUTH About {T} (EXPOSED)",
      "{N} Things Nobody Tells You About {T}",
      "I Can't Believe {P} Did This",
      "{T} Challenge GONE WRONG",
      "What {T} Doesn't Want You to See",
      "Doctors HATE This {T} Trick",
      "SHE SAID YES?! {T}",
      "Is This the END of {T}?",
  };
  return kWords;
}

const Words& ClickbaitSuffixes() {
  static const Words kWords = {"(GONE WRONG)", "!!!", "?!", "(EMOTIONAL)", "*NOT CLICKBAIT*",
                               "(MUST WATCH)", "!!", "(INSANE)", "(SHOCKING)", "...",
                               "(GONE TOO FAR)", "(3AM CHALLENGE)"};
  return kWords;
}

const Words& Emoji() {
  static const Words kWords = {"\U0001F631", "\U0001F525", "\U0001F602", "\U0001F480",
                               "\U0001F62D", "\U0001F92F", "\u2764\uFE0F", "\U0001F4B0"};
  return kWords;
}

const Words& DescriptionSentences() {
  static const Words kWords = {
      "In this video {P} takes a closer look at {T}.",
      "We spent {N} days working on this one.",
      "Thank you for {N}K subscribers!",
      "A huge thanks to {F} for helping out.",
      "If you liked the {T} video, you will love this.",
      "Next week: {U}.",
      "Comment below with your questions about {T}.",
      "Filmed in {Y}.",
      "Special thanks to our Patreon supporters.",
      "This video is part {E} of our {T} series.",
      "All opinions are our own.",
      "Hit the bell so you don't miss part {E}.",
  };
  return kWords;
}

const Words& DescriptionClosers() {
  static const Words kWords = {
      "Subscribe for new videos every week: https://www.youtube.com/c/{S}",
      "Follow us on Instagram: https://instagram.com/{S}",
      "Twitter: https://twitter.com/{S}",
      "Business inquiries: contact@{S}.com",
      "Merch: https://shop.{S}.com",
      "Turn on notifications so you never miss a video.",
      "Music: \"{T}\" licensed under Creative Commons.",
      "Like and share if you enjoyed it!",
  };
  return kWords;
}

const std::vector<WeightedWord>& Countries() {
  // Where channels on the 2017 trending lists were registered, roughly.
  static const std::vector<WeightedWord> kCountries = {
      {"US", 40}, {"GB", 14}, {"CA", 6}, {"IN", 6}, {"AU", 4}, {"DE", 4}, {"FR", 4},
      {"KR", 3},  {"JP", 3},  {"BR", 3}, {"MX", 3}, {"ES", 2}, {"IE", 2}, {"NL", 2},
      {"SE", 2},  {"PH", 1},  {"NZ", 1},
  };
  return kCountries;
}

// clang-format on

}  // namespace vv::gen
