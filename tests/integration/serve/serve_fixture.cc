#include "serve_fixture.h"

#include <pthread.h>

#include <stdexcept>
#include <thread>

namespace vv::serve::testing {

namespace {
std::mutex threads_mu;
std::vector<std::string> predict_threads;
}  // namespace

std::atomic<int> EchoModel::destroyed{0};
std::atomic<int> EchoModel::slow_started{0};

std::string ThreadName() {
  char name[32] = {};
  pthread_getname_np(pthread_self(), name, sizeof name);
  return name;
}

std::vector<std::string> EchoModel::Threads() {
  std::lock_guard<std::mutex> lock(threads_mu);
  return predict_threads;
}

void EchoModel::ClearThreads() {
  std::lock_guard<std::mutex> lock(threads_mu);
  predict_threads.clear();
  slow_started = 0;
}

Result<nlohmann::json> EchoModel::Predict(const VideoInput& input) const {
  {
    std::lock_guard<std::mutex> lock(threads_mu);
    predict_threads.push_back(ThreadName());
  }
  if (input.video.title == "fail") {
    return MakeError(ErrorCode::kInvalidArgument, "the test model refuses this title", "$.title");
  }
  if (input.video.title == "slow") {
    ++slow_started;
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
  }
  int64_t last_views = -1;
  if (!input.snapshots.empty() && input.snapshots.back().views) {
    last_views = *input.snapshots.back().views;
  }
  return nlohmann::json{{"title_chars", input.video.title.size()},
                        {"tags", input.video.tags.size()},
                        {"snapshots", input.snapshots.size()},
                        {"last_views", last_views},
                        {"score", static_cast<double>(input.video.title.size()) / 100.0},
                        {"stamp", stamp_}};
}

Result<std::string> FakeSource::ChampionVersion(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = champion_.find(name);
  if (it == champion_.end()) return MakeError(ErrorCode::kNotFound, "no champion for " + name);
  return it->second;
}

void FakeSource::FailModel(const std::string& name, bool by_throwing) {
  std::lock_guard<std::mutex> lock(mu_);
  (by_throwing ? throwing_ : failing_).insert(name);
}

Result<LoadedModel> FakeSource::LoadChampion(const std::string& name) {
  if (fail_loads) return MakeError(ErrorCode::kDataLoss, "checksum mismatch (test)", name);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (failing_.count(name)) return MakeError(ErrorCode::kDataLoss, "corrupt artifact (test)", name);
    if (throwing_.count(name)) throw std::runtime_error("type_error 316 (test)");
  }
  VV_ASSIGN_OR_RETURN(auto version, ChampionVersion(name));
  ++loads;
  {
    std::lock_guard<std::mutex> lock(mu_);
    last_load_thread_ = ThreadName();
  }
  nlohmann::json manifest = {{"metrics", {{"auc", 0.9}}}, {"created_at", "2024-01-01T00:00:00Z"}};
  return LoadedModel{std::make_shared<const EchoModel>(name, name + "@" + version), name, version,
                     manifest};
}

std::string FakeSource::LastLoadThread() {
  std::lock_guard<std::mutex> lock(mu_);
  return last_load_thread_;
}

Result<nlohmann::json> FakeSource::ListModels() {
  std::lock_guard<std::mutex> lock(mu_);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [name, version] : champion_) {
    out.push_back({{"name", name}, {"versions", {version}}, {"aliases", {{"champion", version}}}});
  }
  return out;
}

Result<nlohmann::json> FakeSource::DescribeModel(const std::string& name) {
  VV_ASSIGN_OR_RETURN(auto version, ChampionVersion(name));
  return nlohmann::json{{"name", name},
                        {"versions", {version}},
                        {"aliases", {{"champion", version}}},
                        {"metrics", {{"auc", 0.9}}},
                        {"feature_schema", {{"version", 1}}},
                        {"config", nlohmann::json::object()}};
}

Status FakeSource::Promote(const std::string& name, const std::string& version) {
  if (version.empty() || version[0] != 'v') {
    return MakeError(ErrorCode::kNotFound, "no version '" + version + "'", name);
  }
  SetChampion(name, version);
  return {};
}

void FakeSource::SetChampion(const std::string& name, const std::string& version) {
  std::lock_guard<std::mutex> lock(mu_);
  champion_[name] = version;
}

void FakeSource::ClearChampion(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  champion_.erase(name);
}

void FakeSource::SetAll(const std::string& version) {
  for (const auto& name : ModelNames()) SetChampion(name, version);
}

ServeConfig TestServer::Defaults() {
  ServeConfig config;
  config.port = 0;
  config.threads = 2;
  config.access_log = false;
  config.reload_interval = std::chrono::milliseconds(0);
  config.read_timeout = std::chrono::milliseconds(2000);
  config.shutdown_grace = std::chrono::milliseconds(3000);
  config.admin_token = "sekret";
  return config;
}

TestServer::TestServer(ServeConfig config, bool all_models, std::unique_ptr<Store> store,
                       const std::function<void(Api&)>& setup)
    : source(std::make_shared<FakeSource>()) {
  if (all_models) {
    source->SetAll("v1");
  } else {
    source->SetChampion("viral", "v1");
  }
  Start(std::move(config), source, std::move(store), setup);
}

TestServer::TestServer(ServeConfig config, std::shared_ptr<ModelSource> models_from,
                       std::unique_ptr<Store> store) {
  Start(std::move(config), std::move(models_from), std::move(store));
}

void TestServer::Start(ServeConfig config, std::shared_ptr<ModelSource> models_from,
                       std::unique_ptr<Store> store, const std::function<void(Api&)>& setup) {
  models = std::make_shared<ModelSet>(ModelNames(), std::move(models_from));
  (void)models->Reload();
  api = std::make_unique<Api>(config, models, std::move(store));
  if (setup) setup(*api);
  server = std::make_unique<Server>(config, api.get());
  if (server->Listen().ok()) {
    port = server->port();
    server->Start();
  }
}

TestServer::~TestServer() {
  server->Shutdown();
  server->Wait();
}

nlohmann::json SampleVideo() {
  return {{"id", "vid1"},
          {"title", "I tried 100 days of coding"},
          {"description", "what happened"},
          {"tags", {"coding", "challenge"}},
          {"category_id", 28},
          {"published_at", "2024-05-01T12:00:00Z"},
          {"duration_s", 600},
          {"channel", {{"subscribers", 120000}, {"videos", 340}, {"views", 9800000}}},
          {"snapshots",
           {{{"captured_at", "2024-05-01T18:00:00Z"}, {"views", 1500}, {"likes", 90}, {"comments", 12}},
            {{"captured_at", "2024-05-02T00:00:00Z"}, {"views", 4200}, {"likes", 200}, {"comments", 30}}}}};
}

}  // namespace vv::serve::testing
