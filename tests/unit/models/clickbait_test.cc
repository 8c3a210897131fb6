#include "models/clickbait.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "eval/metrics.h"
#include "models/clickbait_weak.h"
#include "models/fasttext_util.h"
#include "trending_csv.h"

namespace vv {
namespace {

const char* kSubjects[] = {"cat", "car", "phone", "kitchen", "guitar", "garden", "budget",
                           "camera", "bike", "laptop", "pizza", "dog", "house", "game"};

// YouTube-like titles: clickbait ones shout (caps, "!!!", brackets, emoji, "you"); the others
// describe. The vocabulary overlaps on purpose so that the case/punctuation channel matters.
std::string MakeTitle(bool clickbait, std::mt19937_64& rng) {
  std::string s = kSubjects[rng() % 14];
  std::string t = kSubjects[rng() % 14];
  if (clickbait) {
    switch (rng() % 5) {
      case 0: return "I BOUGHT A " + s + " AND THIS HAPPENED!!! (GONE WRONG)";
      case 1: return "You Won't Believe What My " + s + " Did \xF0\x9F\x98\xB1\xF0\x9F\x98\xB1";
      case 2: return std::to_string(3 + rng() % 20) + " INSANE " + s + " Hacks You NEED To Try!!";
      case 3: return "my " + s + " vs " + t + " [EMOTIONAL] ?!";
      default: return "THE BEST " + s + " EVER?! \xF0\x9F\x94\xA5";
    }
  }
  switch (rng() % 4) {
    case 0: return "How to repair a " + s + " at home: step by step";
    case 1: return s + " review after six months of use";
    case 2: return "Building a " + s + " for the " + t + ", part " + std::to_string(1 + rng() % 9);
    default: return "A quiet walk with the " + s + " in the autumn " + t;
  }
}

Dataset SyntheticData(size_t n_titles, size_t n_videos, Split* split, uint64_t seed) {
  std::mt19937_64 rng(seed);
  Dataset data;
  for (size_t i = 0; i < n_titles; ++i) {
    bool cb = i % 2 == 0;
    data.labelled_titles.push_back({MakeTitle(cb, rng), cb, "test"});
  }
  for (size_t i = 0; i < n_videos; ++i) {
    Video v;
    v.id = "v" + std::to_string(i);
    bool cb = rng() % 2 == 0;
    v.title = MakeTitle(cb, rng);
    v.clickbait_label = cb;
    data.videos.push_back(v);
    (i % 5 == 0 ? split->test : i % 5 == 1 ? split->validation : split->train).push_back(i);
  }
  return data;
}

nlohmann::json SmallConfig() {
  return {{"epoch", 5}, {"dim", 16}, {"bucket", 20000}, {"minn", 0}, {"maxn", 0}};
}

TEST(Clickbait, LearnsSyntheticTitlesAndExplainsSignals) {
  Split split;
  Dataset data = SyntheticData(600, 400, &split, 7);
  auto trained = ClickbaitTrainer().Train(data, split, SmallConfig());
  ASSERT_TRUE(trained.ok()) << trained.error().ToString();
  const auto& report = trained->report;
  EXPECT_GT(report["n"].get<int>(), 150);
  EXPECT_GE(report["metrics"]["accuracy"].get<double>(), 0.9) << report.dump();
  EXPECT_GE(report["by_source"]["videos"]["accuracy"].get<double>(), 0.9) << report.dump();
  EXPECT_TRUE(report["baselines"]["tfidf_linear"].contains("accuracy"));

  VideoInput input;
  input.video.title = "I BOUGHT A HOUSE AND THIS HAPPENED!!! (GONE WRONG)";
  auto out = trained->model->Predict(input);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ((*out)["model"], "clickbait");
  EXPECT_TRUE((*out)["label"].get<bool>());
  std::vector<std::string> fired;
  for (const auto& s : (*out)["signals"]) fired.push_back(s["name"]);
  for (const char* name : {"triple_exclamation", "bracket_phrase", "all_caps_words"}) {
    EXPECT_NE(std::find(fired.begin(), fired.end(), name), fired.end()) << name;
  }
  input.video.title = "How to repair a laptop at home: step by step";
  auto calm = trained->model->Predict(input);
  ASSERT_TRUE(calm.ok());
  EXPECT_FALSE((*calm)["label"].get<bool>());
  EXPECT_LT((*calm)["score"].get<double>(), (*out)["score"].get<double>());
}

TEST(Clickbait, SaveLoadRoundTripAndConcurrentPredictions) {
  Split split;
  Dataset data = SyntheticData(300, 0, &split, 11);
  auto trained = ClickbaitTrainer().Train(data, split, SmallConfig());
  ASSERT_TRUE(trained.ok()) << trained.error().ToString();
  auto dir = TempDir::Create("vv-clickbait-test");
  ASSERT_TRUE(dir.ok());
  auto files = trained->model->Save(dir->path());
  ASSERT_TRUE(files.ok()) << files.error().ToString();
  EXPECT_EQ(files->size(), 2u);
  auto loaded = LoadModelFiles("clickbait", dir->path());
  ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
  EXPECT_EQ((*loaded)->FeatureSchema()["hash"], trained->model->FeatureSchema()["hash"]);

  std::mt19937_64 rng(3);
  std::vector<VideoInput> inputs(40);
  std::vector<double> expected;
  for (auto& in : inputs) {
    in.video.title = MakeTitle(rng() % 2, rng);
    expected.push_back((*trained->model->Predict(in))["score"].get<double>());
    EXPECT_DOUBLE_EQ((*(*loaded)->Predict(in))["score"].get<double>(), expected.back());
  }
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int rep = 0; rep < 20; ++rep) {
        for (size_t i = 0; i < inputs.size(); ++i) {
          if ((*(*loaded)->Predict(inputs[i]))["score"].get<double>() != expected[i]) {
            ++mismatches[t];
          }
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

TEST(Clickbait, ErrorsNameTheModelAndWhatIsMissing) {
  Dataset data;
  data.labelled_titles.push_back({"Only one title", true, "test"});
  auto r = ClickbaitTrainer().Train(data, Split{}, SmallConfig());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("clickbait"), std::string::npos);
  EXPECT_NE(r.error().message.find("labelled titles"), std::string::npos);

  auto bad = ClickbaitTrainer().Train(data, Split{}, {{"epoch", -3}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().path, "clickbait.epoch");

  VideoInput empty;
  Split split;
  Dataset ok_data = SyntheticData(100, 0, &split, 5);
  auto trained = ClickbaitTrainer().Train(ok_data, split, SmallConfig());
  ASSERT_TRUE(trained.ok());
  auto p = trained->model->Predict(empty);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().path, "$.video.title");

  auto dir = TempDir::Create("vv-clickbait-missing");
  auto missing = LoadModelFiles("clickbait", dir->path());
  EXPECT_FALSE(missing.ok());
}

std::vector<std::string> ReadLines(const std::filesystem::path& file) {
  std::vector<std::string> out;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

// The real 32k headline set (Chakraborty et al. 2016): random 80/20 split, fixed seed.
TEST(Clickbait, RealHeadlineSet) {
  std::filesystem::path dir = std::filesystem::path(VV_SOURCE_DIR) / "../../shared/data/clickbait-chakraborty2016";
  if (!std::filesystem::exists(dir)) dir = "/work/shared/data/clickbait-chakraborty2016";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no " << dir;
  Dataset data;
  for (const auto& t : ReadLines(dir / "clickbait_data.txt")) data.labelled_titles.push_back({t, true, "chakraborty2016"});
  for (const auto& t : ReadLines(dir / "non_clickbait_data.txt")) data.labelled_titles.push_back({t, false, "chakraborty2016"});
  ASSERT_GT(data.labelled_titles.size(), 30000u);
  nlohmann::json config = {{"seed", 42}, {"test_fraction", 0.2}, {"validation_fraction", 0.1}};
  if (const char* extra = std::getenv("VV_CLICKBAIT_CONFIG")) config.update(nlohmann::json::parse(extra));
  auto trained = ClickbaitTrainer().Train(data, Split{}, config);
  ASSERT_TRUE(trained.ok()) << trained.error().ToString();
  std::cout << "clickbait real headlines: " << trained->report.dump() << std::endl;
  EXPECT_GT(trained->report["n"].get<int>(), 6000);
  EXPECT_GE(trained->report["metrics"]["accuracy"].get<double>(), 0.985);  // issue 3 target
}

// Hand-written YouTube-style titles (ours, not data): 1 = obviously clickbait, 0 = plainly
// descriptive. The model must rank them as a viewer would.
const std::vector<std::pair<std::string, int>>& HandWrittenTitles() {
  static const std::vector<std::pair<std::string, int>> titles = {
      {"I SPENT 24 HOURS IN A BOX!!! (GONE WRONG)", 1},
      {"YOU WON'T BELIEVE WHAT HAPPENED NEXT!!!", 1},
      {"*MUST WATCH* this CHANGED my life forever \xF0\x9F\x98\xB1\xF0\x9F\x98\xB1", 1},
      {"I Bought EVERYTHING In One Store!! (INSANE)", 1},
      {"MY GIRLFRIEND CHEATED ON ME?! \xF0\x9F\x92\x94\xF0\x9F\x92\x94", 1},
      {"10 Things You NEVER Knew About Your Phone!!", 1},
      {"DON'T TRY THIS AT HOME!!! [EXTREME]", 1},
      {"WE FOUND A SECRET ROOM IN OUR HOUSE (NOT CLICKBAIT)", 1},
      {"Can You Survive This?! \xF0\x9F\x94\xA5\xF0\x9F\x94\xA5\xF0\x9F\x94\xA5", 1},
      {"The WORST Day Of My LIFE... (EMOTIONAL)", 1},
      {"OMG!!! She Said YES?!", 1},
      {"THIS IS WHY YOU SHOULD NEVER DO THIS!!", 1},
      {"EATING ONLY RED FOOD FOR 24 HOURS CHALLENGE!!", 1},
      {"\xD0\xA2\xD0\xab \xD0\x9D\xD0\x95 \xD0\x9F\xD0\x9E\xD0\x92\xD0\x95\xD0\xa0\xD0\x98\xD0\xA8\xD0\xAC!!! (\xD0\xA8\xD0\x9E\xD0\x9A)", 1},  // ТЫ НЕ ПОВЕРИШЬ!!! (ШОК)
      {"VOC\xC3\x8A N\xC3\x83O VAI ACREDITAR!!! \xF0\x9F\x98\xB1", 1},  // VOCÊ NÃO VAI ACREDITAR!!!
      {"Lecture 3: Linear Algebra", 0},
      {"Official Trailer | Netflix", 0},
      {"How to repair a bicycle chain", 0},
      {"Evening news, 12 March", 0},
      {"Piano sonata no. 14 in C-sharp minor, first movement", 0},
      {"Making sourdough bread at home", 0},
      {"City council meeting - full session", 0},
      {"Introduction to organic chemistry, part 2", 0},
      {"Highlights: Arsenal vs Chelsea", 0},
      {"A walk through the old town of Porto", 0},
      {"Review of the new Pixel camera after one month", 0},
      {"Weekly vlog: moving to a new apartment", 0},
      {"Jazz for studying and relaxing", 0},
      {"Tutorial: setting up a Python environment", 0},
      {"Wie man Brot backt", 0},  // how to bake bread
      {"\xE7\xB1\xB3\xE6\xB4\xA5\xE7\x8E\x84\xE5\xB8\xAB - \xE9\xA6\xAC\xE3\x81\xA8\xE9\xB9\xBF", 0},  // 米津玄師 - 馬と鹿
  };
  return titles;
}

double HandWrittenRocAuc(const ClickbaitModel& model) {
  std::vector<double> scores;
  std::vector<int> labels;
  for (const auto& [title, label] : HandWrittenTitles()) {
    scores.push_back(model.Score(title));
    labels.push_back(label);
  }
  return eval::RocAuc(scores, labels);
}

TEST(ClickbaitWeakLabels, VotesCalmAndAbstain) {
  auto shout = ComputeTitleSignals("I SPENT 24 HOURS IN A BOX!!! (GONE WRONG)");
  auto votes = ClickbaitVotes(shout);
  for (const char* v : {"shouting", "punctuation_run", "bracket_phrase", "teaser_phrase"}) {
    EXPECT_NE(std::find(votes.begin(), votes.end(), v), votes.end()) << v;
  }
  EXPECT_EQ(WeakClickbaitLabel(shout), 1);
  EXPECT_EQ(WeakClickbaitLabel(ComputeTitleSignals("Lecture 3: Linear Algebra")), 0);
  EXPECT_EQ(WeakClickbaitLabel(ComputeTitleSignals("Official Trailer | Netflix")), 0);
  // One marker alone (a single "!") is neither: the title is left out.
  EXPECT_EQ(WeakClickbaitLabel(ComputeTitleSignals("Great goal by Messi!")), -1);
  EXPECT_EQ(WeakClickbaitLabel(ComputeTitleSignals("Great goal!! \xF0\x9F\x94\xA5")), -1);
  // An acronym is not shouting; a title without case is calm.
  EXPECT_TRUE(CalmTitle(ComputeTitleSignals("NBA highlights of the week")));
  EXPECT_TRUE(CalmTitle(ComputeTitleSignals("\xE7\xB1\xB3\xE6\xB4\xA5\xE7\x8E\x84\xE5\xB8\xAB")));
}

TEST(ClickbaitWeakLabels, DistributionAndStyleReport) {
  auto d = ScoreDistribution({0.9, 0.1, 0.5, 0.3}, 0.5);
  EXPECT_EQ(d["n"], 4);
  EXPECT_DOUBLE_EQ(d["mean"].get<double>(), 0.45);
  EXPECT_DOUBLE_EQ(d["q50"].get<double>(), 0.3);
  EXPECT_DOUBLE_EQ(d["q90"].get<double>(), 0.9);
  EXPECT_DOUBLE_EQ(d["share_flagged"].get<double>(), 0.5);
  EXPECT_EQ(ScoreDistribution({}, 0.5)["n"], 0);
  std::vector<std::string> titles = {"WOW!!! (GONE WRONG)", "Lecture 3: Linear Algebra",
                                     "Great goal!"};
  auto r = ClickbaitStyleReport(titles, {0.8, 0.2, 0.6}, 0.5);
  EXPECT_EQ(r["weak_labels"]["n"], 2);  // the third abstains
  EXPECT_EQ(r["weak_labels"]["clickbait"], 1);
  EXPECT_DOUBLE_EQ(r["weak_labels"]["roc_auc"].get<double>(), 1.0);
  EXPECT_EQ(r["distribution"]["n"], 3);
}

// Headline-like labelled titles plus unlabelled YouTube-like trending titles: the weak labels
// carry the style into the stacker, and the hand-written titles rank as a viewer would.
TEST(Clickbait, WeakLabelsTeachStyleOnSyntheticData) {
  std::mt19937_64 rng(21);
  Dataset data;
  Split split;
  for (size_t i = 0; i < 400; ++i) {
    bool cb = i % 2 == 0;
    data.labelled_titles.push_back({MakeTitle(cb, rng), cb, "test"});
  }
  for (size_t i = 0; i < 600; ++i) {
    Video v;
    v.id = "u" + std::to_string(i);
    v.title = MakeTitle(rng() % 3 == 0, rng);
    data.videos.push_back(v);
    (i % 5 == 0 ? split.test : split.train).push_back(i);
  }
  auto trained = ClickbaitTrainer().Train(data, split, SmallConfig());
  ASSERT_TRUE(trained.ok()) << trained.error().ToString();
  const auto& style = trained->report["style"];
  EXPECT_GT(trained->report["split"]["weak"].get<int>(), 200);
  EXPECT_EQ(style["distribution"]["n"], 120);
  ASSERT_TRUE(style["weak_labels"].contains("roc_auc")) << style.dump();
  EXPECT_GE(style["weak_labels"]["roc_auc"].get<double>(),
            style["weak_labels"]["caps_ratio_roc_auc"].get<double>());
  const auto& model = dynamic_cast<const ClickbaitModel&>(*trained->model);
  EXPECT_GE(HandWrittenRocAuc(model), 0.95);
  auto off = ClickbaitTrainer().Train(data, split, {{"weak_labels", false}, {"epoch", 5}});
  ASSERT_TRUE(off.ok());
  EXPECT_EQ(off->report["split"]["weak"], 0);
  auto bad = ClickbaitTrainer().Train(data, split, {{"weak_labels", "yes"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().path, "clickbait.weak_labels");
}

// The real data: the 32k headlines and the US 2017 trending titles (weakly labelled). The
// headline accuracy holds, the score ranks held-out trending titles at least as well as the
// upper-case ratio does, the hand-written titles rank right, and more capitals never lower it.
TEST(Clickbait, RealHeadlinesAndTrendingTitles) {
  std::filesystem::path dir = "/work/shared/data/clickbait-chakraborty2016";
  auto trending = testing::TrendingDir();
  if (!std::filesystem::exists(dir) || trending.empty()) GTEST_SKIP() << "no real data";
  Split split;
  Dataset data = testing::LoadTrending(trending, &split);
  for (const auto& t : ReadLines(dir / "clickbait_data.txt")) data.labelled_titles.push_back({t, true, "c"});
  for (const auto& t : ReadLines(dir / "non_clickbait_data.txt")) data.labelled_titles.push_back({t, false, "c"});
  auto trained = ClickbaitTrainer().Train(data, split, {{"seed", 42}});
  ASSERT_TRUE(trained.ok()) << trained.error().ToString();
  const auto& report = trained->report;
  std::cout << "clickbait headlines + trending: " << report.dump() << std::endl;
  EXPECT_GE(report["by_source"]["headlines"]["accuracy"].get<double>(), 0.985);
  const auto& weak = report["style"]["weak_labels"];
  EXPECT_GE(weak["n"].get<int>(), 200);
  EXPECT_GE(weak["roc_auc"].get<double>(), weak["caps_ratio_roc_auc"].get<double>());
  EXPECT_GE(weak["roc_auc"].get<double>(), weak["upper_share_roc_auc"].get<double>());
  const auto& model = dynamic_cast<const ClickbaitModel&>(*trained->model);
  std::cout << "hand-written titles ROC-AUC " << HandWrittenRocAuc(model) << std::endl;
  EXPECT_GE(HandWrittenRocAuc(model), 0.95);
  for (const auto& [lower, upper] : std::vector<std::pair<std::string, std::string>>{
           {"i spent a day in a box", "I SPENT A DAY IN A BOX"},
           {"Official trailer", "OFFICIAL TRAILER"},
           {"my new car", "MY NEW CAR"}}) {
    EXPECT_GT(model.Score(upper), model.Score(lower)) << upper;
  }
}

}  // namespace
}  // namespace vv
