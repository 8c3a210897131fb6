#include "models/genre.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "features/text_features.h"
#include "models/channel_categories.h"
#include "models/fasttext_util.h"
#include "unit/models/trending_csv.h"

namespace vv {
namespace {

// Each category has its own vocabulary plus shared filler words.
const std::vector<std::pair<int, std::vector<std::string>>> kVocab = {
    {10, {"song", "album", "remix", "lyrics", "concert", "guitar"}},
    {17, {"goal", "match", "league", "highlights", "striker", "tennis"}},
    {20, {"gameplay", "minecraft", "speedrun", "boss", "level", "fortnite"}},
    {26, {"recipe", "makeup", "diy", "tutorial", "cake", "hairstyle"}}};
const std::vector<std::string> kFiller = {"the", "best", "new", "video", "today", "official"};

Video MakeVideo(size_t i, std::mt19937_64& rng) {
  const auto& [cat, words] = kVocab[rng() % kVocab.size()];
  Video v;
  v.id = "v" + std::to_string(i);
  v.category_id = cat;
  for (int w = 0; w < 4; ++w) {
    v.title += (rng() % 3 == 0 ? kFiller[rng() % kFiller.size()] : words[rng() % words.size()]) + " ";
  }
  v.tags = {words[rng() % words.size()]};
  v.description = "subscribe for more " + kFiller[rng() % kFiller.size()];
  return v;
}

Dataset MakeData(size_t n, Split* split) {
  std::mt19937_64 rng(17);
  Dataset data;
  for (size_t i = 0; i < n; ++i) {
    data.videos.push_back(MakeVideo(i, rng));
    (i % 5 == 0 ? split->test : i % 5 == 1 ? split->validation : split->train).push_back(i);
  }
  return data;
}

const nlohmann::json kSmall = {{"epoch", 10}, {"dim", 16}, {"bucket", 20000}};

TEST(Genre, LearnsCategoriesAndReportsTopThree) {
  Split split;
  Dataset data = MakeData(800, &split);
  auto trained = GenreTrainer().Train(data, split, kSmall);
  ASSERT_TRUE(trained.ok()) << trained.error().ToString();
  const auto& r = trained->report;
  EXPECT_EQ(r["n"].get<size_t>(), split.test.size());
  EXPECT_GE(r["metrics"]["accuracy"].get<double>(), 0.85) << r.dump();
  EXPECT_GE(r["metrics"]["macro_f1"].get<double>(), 0.85) << r.dump();
  EXPECT_TRUE(r["baselines"]["tfidf_logreg"]["accuracy"].is_number()) << r.dump();

  VideoInput in;
  in.video.title = "minecraft speedrun boss level";
  auto out = trained->model->Predict(in);
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  const auto& top = (*out)["top"];
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0]["category_id"].get<int>(), 20);
  EXPECT_EQ(top[0]["name"], "Gaming");
  double sum = 0;
  for (size_t i = 0; i < top.size(); ++i) {
    sum += top[i]["probability"].get<double>();
    if (i) {
      EXPECT_LE(top[i]["probability"].get<double>(), top[i - 1]["probability"].get<double>());
    }
  }
  EXPECT_LE(sum, 1.0 + 1e-4);
  EXPECT_GT(top[0]["probability"].get<double>(), 0.5);
}

TEST(Genre, SaveLoadRoundTrip) {
  Split split;
  Dataset data = MakeData(300, &split);
  auto trained = GenreTrainer().Train(data, split, kSmall);
  ASSERT_TRUE(trained.ok());
  auto dir = TempDir::Create("vv-genre-test");
  ASSERT_TRUE(trained->model->Save(dir->path()).ok());
  auto loaded = LoadModelFiles("genre", dir->path());
  ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
  VideoInput in;
  in.video.title = "cake recipe tutorial";
  EXPECT_EQ(*trained->model->Predict(in), *(*loaded)->Predict(in));

  // With the TF-IDF head mixed in: a third file, and the same predictions after loading.
  auto* genre = dynamic_cast<GenreModel*>(trained->model.get());
  ASSERT_NE(genre, nullptr);
  std::vector<std::vector<std::string>> docs;
  std::vector<int> labels;
  for (size_t i : split.train) {
    docs.push_back(VideoTokens(data.videos[i]));
    labels.push_back(*data.videos[i].category_id);
  }
  eval::TfidfLinearModel head;
  ASSERT_TRUE(head.Fit(docs, labels).ok());
  genre->set_linear(std::make_shared<const eval::TfidfLinearModel>(std::move(head)), 0.5);
  auto dir2 = TempDir::Create("vv-genre-test-mix");
  auto files = genre->Save(dir2->path());
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(files->size(), 3u);
  auto loaded2 = LoadModelFiles("genre", dir2->path());
  ASSERT_TRUE(loaded2.ok()) << loaded2.error().ToString();
  auto a = *genre->Predict(in), b = *(*loaded2)->Predict(in);
  ASSERT_EQ(a["top"].size(), b["top"].size());
  for (size_t i = 0; i < a["top"].size(); ++i) {
    EXPECT_EQ(a["top"][i]["category_id"], b["top"][i]["category_id"]);
    EXPECT_NEAR(a["top"][i]["probability"].get<double>(), b["top"][i]["probability"].get<double>(), 1e-9);
  }
  std::filesystem::remove(dir2->path() / "genre_linear.json");
  EXPECT_FALSE(LoadModelFiles("genre", dir2->path()).ok());
}

// The two heads' mixture, as the validation search and serving both compute it.
TEST(Genre, MixWeighsTheHeadsAndSortsBestFirst) {
  const std::vector<std::pair<int, double>> text = {{10, 0.7}, {20, 0.3}};
  const std::vector<int> classes = {10, 20, 30};
  const std::vector<double> linear = {0.1, 0.2, 0.7};
  EXPECT_EQ(GenreModel::Mix(text, classes, linear, 0.0), text);
  auto mixed = GenreModel::Mix(text, classes, linear, 0.75);
  ASSERT_EQ(mixed.size(), 3u);
  EXPECT_EQ(mixed[0].first, 30);
  EXPECT_NEAR(mixed[0].second, 0.525, 1e-12);
  EXPECT_EQ(mixed[1].first, 10);
  EXPECT_NEAR(mixed[1].second, 0.25, 1e-12);
  EXPECT_EQ(mixed[2].first, 20);
  EXPECT_NEAR(mixed[2].second, 0.225, 1e-12);
}

TEST(Genre, OneCategoryIsAClearError) {
  Split split;
  Dataset data = MakeData(50, &split);
  for (auto& v : data.videos) v.category_id = 10;
  auto r = GenreTrainer().Train(data, split, kSmall);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("genre"), std::string::npos);
  EXPECT_NE(r.error().message.find("at least 2 categories"), std::string::npos);

  EXPECT_EQ(GenreTrainer().Train(data, split, {{"epoch", "often"}}).error().path, "genre.epoch");
  auto bad = GenreTrainer().Train(data, split, {{"top_k", 0}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().path, "genre.top_k");
}

}  // namespace
}  // namespace vv


namespace vv {
namespace {

// Real data: Kaggle US trending 2017 (first snapshot per video), split by channel.
TEST(Genre, RealTrendingByChannel) {
  auto dir = testing::TrendingDir();
  if (dir.empty()) GTEST_SKIP() << "no youtube-trending-2017 data";
  Split split;
  Dataset data = testing::LoadTrending(dir, &split);
  ASSERT_GT(data.videos.size(), 5000u);
  nlohmann::json config = nlohmann::json::object();
  if (const char* extra = std::getenv("VV_GENRE_CONFIG")) config.update(nlohmann::json::parse(extra));
  auto trained = GenreTrainer().Train(data, split, config);
  ASSERT_TRUE(trained.ok()) << trained.error().ToString();
  const auto& r = trained->report;
  std::cout << "genre real trending: " << r.dump() << std::endl;
  EXPECT_GT(r["n"].get<int>(), 500);
  EXPECT_GT(r["metrics"]["accuracy"].get<double>(), 0.5);
  if (config.empty()) {  // issue 3 target: beat TF-IDF + logistic regression on both
    EXPECT_GT(r["metrics"]["accuracy"].get<double>(),
              r["baselines"]["tfidf_logreg"]["accuracy"].get<double>());
    EXPECT_GT(r["metrics"]["macro_f1"].get<double>(),
              r["baselines"]["tfidf_logreg"]["macro_f1"].get<double>());
  }
}

}  // namespace
}  // namespace vv

namespace vv {
namespace {

TEST(Genre, TokensAddTheChannelNameAndScriptBigrams) {
  Video v;
  v.title = "東京タワー live";
  auto tokens = GenreTokens(v, "Music Channel", {true, true});
  EXPECT_EQ(tokens, (std::vector<std::string>{"東京タワー", "live", "music", "channel", "東京", "京タ",
                                              "タワ", "ワー"}));
  EXPECT_EQ(GenreTokens(v, "Music Channel", {false, false}), VideoTokens(v));
}

TEST(Genre, ChannelVideosWeighByTheirNumber) {
  const std::vector<std::pair<int, double>> text = {{10, 0.8}, {20, 0.2}};
  EXPECT_EQ(GenreModel::WithChannel(text, {{20, 3}}, -1), text);  // unused
  EXPECT_EQ(GenreModel::WithChannel(text, {}, 1.0), text);        // nothing known
  auto one = GenreModel::WithChannel(text, {{20, 1}}, 1.0);       // w = 1/2
  EXPECT_EQ(one[0].first, 20);
  EXPECT_NEAR(one[0].second, 0.6, 1e-12);
  auto many = GenreModel::WithChannel(text, {{20, 2}, {30, 1}}, 1.0);  // w = 3/4
  ASSERT_EQ(many.size(), 3u);
  EXPECT_NEAR(many[0].second, 0.25 * 0.2 + 0.75 * 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(many[1].second, 0.25, 1e-12);  // 30
  EXPECT_EQ(many[1].first, 30);
}

TEST(Genre, ChannelIndexLeavesTheVideoItselfOut) {
  Dataset data;
  for (int i = 0; i < 4; ++i) {
    Video v;
    v.id = std::to_string(i);
    v.channel_id = i < 3 ? "c1" : "";
    v.category_id = i == 0 ? 10 : 20;
    data.videos.push_back(v);
  }
  ChannelCategoryIndex index(data);
  EXPECT_EQ(index.OthersOf(data.videos[0]), (std::map<int, int>{{20, 2}}));
  EXPECT_EQ(index.OthersOf(data.videos[1]), (std::map<int, int>{{10, 1}, {20, 1}}));
  EXPECT_TRUE(index.OthersOf(data.videos[3]).empty());  // no channel id: nothing known
  std::vector<size_t> only_two = {1, 2};
  EXPECT_EQ(ChannelCategoryIndex(data, &only_two).OthersOf(data.videos[1]),
            (std::map<int, int>{{20, 1}}));
}

// Each channel keeps to one category while half the titles say nothing: the trainer learns to
// use the channel's other videos, and they lift the held-out accuracy; the weight is saved.
TEST(Genre, LearnsToUseTheChannelsOtherVideos) {
  std::mt19937_64 rng(5);
  Dataset data;
  Split split;
  for (size_t i = 0; i < 900; ++i) {
    Video v = MakeVideo(i, rng);
    const size_t channel = i % 90;
    v.category_id = kVocab[channel % kVocab.size()].first;
    const auto& words = kVocab[channel % kVocab.size()].second;
    v.title = rng() % 2 ? words[rng() % words.size()] + " " + kFiller[rng() % kFiller.size()]
                        : kFiller[rng() % kFiller.size()] + " " + kFiller[rng() % kFiller.size()];
    v.tags.clear();
    v.channel_id = "c";
    v.channel_id += std::to_string(channel);  // (GCC 12 -Wrestrict misfires on "c" + string)
    data.videos.push_back(v);
    auto& side = channel % 10 < 2 ? split.test : channel % 10 < 4 ? split.validation : split.train;
    side.push_back(i);
  }
  auto trained = GenreTrainer().Train(data, split, kSmall);
  ASSERT_TRUE(trained.ok()) << trained.error().ToString();
  const auto& r = trained->report;
  EXPECT_GE(r["channel_strength"].get<double>(), 0.0) << r.dump();
  EXPECT_GT(r["variants"]["with_channel_videos"]["accuracy"].get<double>(),
            r["metrics"]["accuracy"].get<double>() + 0.2)
      << r.dump();

  VideoInput in;
  in.video.title = "the best video today";
  in.channel_categories = {{17, 4}};
  EXPECT_EQ((*trained->model->Predict(in))["top"][0]["category_id"], 17);
  auto dir = TempDir::Create("vv-genre-test-channel");
  ASSERT_TRUE(trained->model->Save(dir->path()).ok());
  auto loaded = LoadModelFiles("genre", dir->path());
  ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
  EXPECT_EQ(*trained->model->Predict(in), *(*loaded)->Predict(in));
}

}  // namespace
}  // namespace vv
