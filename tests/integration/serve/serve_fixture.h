#pragma once
// A real vv serve in-process on a free loopback port, with test-only models served through an
// injected ModelSource, so predictions travel the whole HTTP stack.
#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>
#include <memory>
#include <mutex>

#include "http_client.h"
#include "serve/api.h"
#include "serve/server.h"

namespace vv::serve::testing {

// A deterministic test-only model. Its answer depends on the input so tests can check that the
// request reached it intact: {"title_chars", "tags", "snapshots", "last_views", "score",
// "stamp"}; "score" (title length / 100) is its headline number for drift.
// Title "fail" -> an invalid_argument error at $.title; title "slow" sleeps 150 ms.
// Every prediction notes the name of the thread it ran on (vv-io-N or vv-work-N).
class EchoModel : public Model {
 public:
  EchoModel(std::string name, std::string stamp) : name_(std::move(name)), stamp_(std::move(stamp)) {}
  ~EchoModel() override { ++destroyed; }
  std::string Name() const override { return name_; }
  Result<nlohmann::json> Predict(const VideoInput& input) const override;
  Result<std::vector<std::string>> Save(const std::filesystem::path&) const override {
    return std::vector<std::string>{};
  }
  nlohmann::json FeatureSchema() const override { return {{"version", 1}, {"features", {"x"}}}; }

  static std::atomic<int> destroyed;
  static std::atomic<int> slow_started;  // "slow" predictions begun
  // The threads predictions ran on since the last ClearThreads, one entry per prediction.
  static std::vector<std::string> Threads();
  static void ClearThreads();

 private:
  std::string name_;
  std::string stamp_;
};

// Champions in memory; versions can be moved and loads made to fail.
class FakeSource : public ModelSource {
 public:
  std::string Describe() const override { return "fake"; }
  Result<std::string> ChampionVersion(const std::string& name) override;
  Result<LoadedModel> LoadChampion(const std::string& name) override;
  Result<nlohmann::json> ListModels() override;
  Result<nlohmann::json> DescribeModel(const std::string& name) override;
  Status Promote(const std::string& name, const std::string& version) override;

  void SetChampion(const std::string& name, const std::string& version);
  void SetAll(const std::string& version);
  void ClearChampion(const std::string& name);
  std::atomic<bool> fail_loads{false};
  // LoadChampion of this model fails from now on (with an error, or by throwing as a loader
  // does on some corrupt artifacts).
  void FailModel(const std::string& name, bool by_throwing = false);
  std::atomic<int> loads{0};
  std::string LastLoadThread();  // the name of the thread of the last LoadChampion

 private:
  std::mutex mu_;
  std::map<std::string, std::string> champion_;
  std::set<std::string> failing_, throwing_;
  std::string last_load_thread_;
};

// The calling thread's name, as the server sets it ("vv-io-0", "vv-work-1").
std::string ThreadName();

struct TestServer {
  // Starts with all six models at version v1 (unless all_models is false: then only viral).
  // setup runs on the Api before the server starts (POST /v1/analyze's service).
  explicit TestServer(ServeConfig config = Defaults(), bool all_models = true,
                      std::unique_ptr<Store> store = nullptr,
                      const std::function<void(Api&)>& setup = {});
  // Serves models from `models_from` (a real registry, say); `source` stays null.
  TestServer(ServeConfig config, std::shared_ptr<ModelSource> models_from,
             std::unique_ptr<Store> store);
  ~TestServer();
  static ServeConfig Defaults();

  HttpResult Get(const std::string& target, const Headers& headers = {}) const {
    return Fetch(port, "GET", target, "", headers);
  }
  HttpResult Post(const std::string& target, const std::string& body,
                  const Headers& headers = {}) const {
    return Fetch(port, "POST", target, body, headers);
  }

  std::shared_ptr<FakeSource> source;
  std::shared_ptr<ModelSet> models;
  std::unique_ptr<Api> api;
  std::unique_ptr<Server> server;
  int port = 0;

 private:
  void Start(ServeConfig config, std::shared_ptr<ModelSource> models_from,
             std::unique_ptr<Store> store, const std::function<void(Api&)>& setup = {});
};

// A valid video body with every field.
nlohmann::json SampleVideo();

}  // namespace vv::serve::testing
