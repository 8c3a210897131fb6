#include "models/batch_predict.h"

#include <gtest/gtest.h>

#include <string>

namespace vv {
namespace {

// Echoes the title, and fails on an empty one, so that order and errors can be checked.
class EchoModel : public Model {
 public:
  explicit EchoModel(std::string name) : name_(std::move(name)) {}
  std::string Name() const override { return name_; }
  Result<nlohmann::json> Predict(const VideoInput& input) const override {
    if (input.video.title.empty()) {
      return MakeError(ErrorCode::kInvalidArgument, "empty", "$.video.title");
    }
    return nlohmann::json{{"model", name_}, {"title", input.video.title}};
  }
  Result<std::vector<std::string>> Save(const std::filesystem::path&) const override {
    return std::vector<std::string>{};
  }
  nlohmann::json FeatureSchema() const override { return nlohmann::json::object(); }

 private:
  std::string name_;
};

TEST(PredictBatch, SameAsOneByOneInOrderOnAnyThreadCount) {
  std::vector<std::shared_ptr<const Model>> models = {std::make_shared<EchoModel>("a"),
                                                      std::make_shared<EchoModel>("b")};
  for (size_t n : {0, 1, 15, 16, 33, 1000}) {
    std::vector<VideoInput> inputs(n);
    for (size_t i = 0; i < n; ++i) inputs[i].video.title = i % 7 ? std::to_string(i) : "";
    for (int threads : {1, 2, 3}) {
      auto out = PredictBatch(models, inputs, threads);
      ASSERT_EQ(out.size(), n);
      for (size_t i = 0; i < n; ++i) {
        ASSERT_EQ(out[i].size(), 2u);
        for (size_t m = 0; m < 2; ++m) {
          auto expected = models[m]->Predict(inputs[i]);
          ASSERT_EQ(out[i][m].ok(), expected.ok());
          if (expected.ok()) {
            EXPECT_EQ(*out[i][m], *expected);
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace vv
