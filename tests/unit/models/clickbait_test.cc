#include "models/clickbait.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "models/fasttext_util.h"

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

}  // namespace
}  // namespace vv
