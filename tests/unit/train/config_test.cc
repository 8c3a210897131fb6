#include "train/config.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "core/text_util.h"

namespace vv::train {
namespace {

TEST(TrainingConfig, DefaultsAreComplete) {
  const TrainingConfig c = DefaultTrainingConfig();
  EXPECT_EQ(c.root["velocity"]["max_depth"], 6);
  EXPECT_EQ(c.root["viral"]["quantile"], 0.8);
  EXPECT_EQ(c.root["gates"]["viral"]["min_roc_auc"], 0.6);
  EXPECT_EQ(c.Section("velocity")["seed"], c.root["seed"]);
  EXPECT_EQ(c.Hash().size(), 64u);
}

TEST(TrainingConfig, OverridesAndKeepsDefaults) {
  auto c = ParseTrainingConfig("seed: 7\nvelocity:\n  max_depth: 4\n  horizons_hours: [12, 48]\n",
                               "t.yaml");
  ASSERT_TRUE(c.ok()) << c.error().ToString();
  EXPECT_EQ(c->seed(), 7u);
  EXPECT_EQ(c->root["velocity"]["max_depth"], 4);
  EXPECT_EQ(c->root["velocity"]["horizons_hours"], nlohmann::json({12.0, 48.0}));
  EXPECT_EQ(c->root["velocity"]["n_estimators"], 200);  // default kept
  EXPECT_NE(c->Hash(), DefaultTrainingConfig().Hash());
}

TEST(TrainingConfig, UnknownKeyRefusedNamingPathAndLine) {
  auto c = ParseTrainingConfig("velocity:\n  max_depth: 4\n  max_detph: 5\n", "t.yaml");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("velocity.max_detph: unknown key"), std::string::npos)
      << c.error().message;
  EXPECT_NE(c.error().message.find("max_depth"), std::string::npos);  // lists the known keys
  EXPECT_EQ(c.error().path, "t.yaml:3");
  auto top = ParseTrainingConfig("velocty:\n  max_depth: 4\n", "t.yaml");
  ASSERT_FALSE(top.ok());
  EXPECT_NE(top.error().message.find("velocty: unknown key"), std::string::npos);
}

TEST(TrainingConfig, OutOfRangeAndWrongTypeRefusedNamingKey) {
  auto c = ParseTrainingConfig("velocity:\n  max_depth: 0\n", "t.yaml");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("velocity.max_depth: 0 is out of range [1, 16]"),
            std::string::npos)
      << c.error().message;
  EXPECT_EQ(c.error().path, "t.yaml:2");

  auto frac = ParseTrainingConfig("viral:\n  quantile: 1.5\n", "t.yaml");
  ASSERT_FALSE(frac.ok());
  EXPECT_NE(frac.error().message.find("viral.quantile"), std::string::npos);

  auto type = ParseTrainingConfig("velocity:\n  n_estimators: lots\n", "t.yaml");
  ASSERT_FALSE(type.ok());
  EXPECT_NE(type.error().message.find("velocity.n_estimators: expected an integer"),
            std::string::npos);

  auto gate = ParseTrainingConfig("gates:\n  genre:\n    min_accuracy: 2\n", "t.yaml");
  ASSERT_FALSE(gate.ok());
  EXPECT_NE(gate.error().message.find("gates.genre.min_accuracy"), std::string::npos);

  auto choice = ParseTrainingConfig("velocity:\n  point_estimate: magic\n", "t.yaml");
  ASSERT_FALSE(choice.ok());
  EXPECT_NE(choice.error().message.find("velocity.point_estimate"), std::string::npos);

  auto list = ParseTrainingConfig("velocity:\n  horizons_hours: [24, 0]\n", "t.yaml");
  ASSERT_FALSE(list.ok());
  EXPECT_NE(list.error().message.find("velocity.horizons_hours"), std::string::npos);
}

TEST(TrainingConfig, SplitFractionsMustSumToOne) {
  auto c = ParseTrainingConfig("split:\n  train: 0.8\n", "t.yaml");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("split"), std::string::npos);
}

TEST(TrainingConfig, BadYamlNamesLine) {
  auto c = ParseTrainingConfig("velocity:\n  max_depth: [1,\n", "t.yaml");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().path.rfind("t.yaml:", 0), 0u);
}

TEST(TrainingConfig, ShippedFileIsValid) {
  auto c = LoadTrainingConfig(std::string(VV_SOURCE_DIR) + "/config/training.yaml");
  ASSERT_TRUE(c.ok()) << c.error().ToString();
  // Every key of the schema is written out in the shipped file, so the file documents them all.
  const YAML::Node doc = YAML::LoadFile(std::string(VV_SOURCE_DIR) + "/config/training.yaml");
  for (const auto& spec : TrainingConfigSchema()) {
    YAML::Node node = YAML::Clone(doc);
    for (const auto& part : SplitString(spec.path, '.')) node = node[part];
    EXPECT_TRUE(node.IsDefined()) << spec.path << " is missing from config/training.yaml";
  }
}

}  // namespace
}  // namespace vv::train
