#include "serve_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/sha256.h"
#include "registry/registry.h"

namespace vv::serve::testing {

namespace fs = std::filesystem;

namespace {

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Removes the trained registry when the test process ends.
struct TrainedDir {
  fs::path root;
  std::string error;
  ~TrainedDir() {
    std::error_code ec;
    if (!root.empty()) fs::remove_all(root, ec);
  }
};

std::string Train(const fs::path& root) {
  const std::string vv = VvBinary();
  if (vv.empty()) return "VV_BIN not built";
  fs::create_directories(root);
  std::ofstream(root / "train.yaml")
      << "velocity: {max_train_rows: 5000, n_estimators: 20, max_depth: 3}\n"
         "genre: {epoch: 3, bucket: 1000, dim: 8}\n"
         "anomaly: {n_trees: 20}\n";
  const std::string db = "sqlite:" + (root / "vv.db").string();
  const std::string quiet = " >>" + (root / "train.log").string() + " 2>&1";
  std::string cmd = vv + " generate --videos 400 --channels 30 --seed 3 --db " + db + quiet;
  if (std::system(cmd.c_str()) != 0) return "vv generate failed: " + ReadAll(root / "train.log");
  cmd = vv + " train --db " + db + " --registry " + (root / "models").string() +
        " --models velocity,genre,anomaly --no-promote --config " + (root / "train.yaml").string() +
        quiet;
  if (std::system(cmd.c_str()) != 0) return "vv train failed: " + ReadAll(root / "train.log");
  registry::Registry registry(root / "models");
  for (const char* name : {"velocity", "genre", "anomaly"}) {
    Status promoted = registry.Promote(name, "v1");
    if (!promoted.ok()) return promoted.error().ToString();
  }
  return "";
}

}  // namespace

std::string VvBinary() {
  const char* bin = std::getenv("VV_BIN");
  return bin && fs::exists(bin) ? bin : "";
}

fs::path TrainedRegistry(std::string* error) {
  static TrainedDir trained;
  static std::once_flag once;
  std::call_once(once, [] {
    trained.root = fs::temp_directory_path() / ("vv_trained_" + std::to_string(::getpid()));
    trained.error = Train(trained.root);
  });
  *error = trained.error;
  return trained.error.empty() ? trained.root / "models" : fs::path();
}

fs::path CopyTrainedRegistry(const fs::path& dir, std::string* error) {
  const fs::path source = TrainedRegistry(error);
  if (source.empty()) return {};
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy(source, dir / "models", fs::copy_options::recursive);
  return dir / "models";
}

void RehashInManifest(const fs::path& version_dir, const std::string& file) {
  auto manifest = nlohmann::json::parse(ReadAll(version_dir / "manifest.json"));
  manifest["files"][file] = *Sha256File(version_dir / file);
  std::ofstream(version_dir / "manifest.json", std::ios::trunc) << manifest.dump(2);
}

ServeProcess::ServeProcess(const fs::path& registry, const fs::path& dir, int reload_interval_ms)
    : log_(dir / "serve.log") {
  const std::string vv = VvBinary(), db = "sqlite:" + (dir / "serve.db").string();
  const std::string reload = std::to_string(reload_interval_ms), log = log_.string();
  pid_ = fork();
  if (pid_ == 0) {
    ::setenv("VV_ADMIN_TOKEN", "sekret", 1);
    if (!std::freopen(log.c_str(), "w", stderr)) _exit(126);
    execl(vv.c_str(), vv.c_str(), "serve", "--port", "0", "--db", db.c_str(), "--registry",
          registry.c_str(), "--threads", "2", "--no-access-log", "--reload-interval-ms",
          reload.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // The port comes from the "listening" line: port 0 lets the kernel choose a free one.
  for (int i = 0; i < 600 && port_ == 0 && Alive(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::istringstream lines(Log());
    for (std::string line; std::getline(lines, line);) {
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_object() && j.value("msg", "") == "listening") {
        const std::string url = j.value("url", "");
        port_ = std::atoi(url.substr(url.rfind(':') + 1).c_str());
      }
    }
  }
}

ServeProcess::~ServeProcess() { Stop(); }

bool ServeProcess::Alive() {
  if (pid_ <= 0) return false;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == 0) return true;
  pid_ = -1;
  return false;
}

int ServeProcess::Stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string ServeProcess::Log() const { return ReadAll(log_); }

HttpResult ServeProcess::Predict(const std::string& model) const {
  return Post("/v1/predict/" + model, ReadAll(fs::path(VV_SOURCE_DIR) / "bench/wrk/video.json"));
}

}  // namespace vv::serve::testing
