#pragma once
// The vv binary as a child process (`vv serve` on a port of its choosing), and a small real
// registry trained by `vv train` on generated data, for tests that corrupt real artifacts.
#include <sys/types.h>

#include <filesystem>
#include <string>

#include "http_client.h"

namespace vv::serve::testing {

// VV_BIN (set by ctest), or empty when the binary is not built.
std::string VvBinary();

// A registry holding velocity, genre and anomaly v1, each its champion, trained once per test
// process from 400 generated videos with a tiny config (seconds). Empty path on failure, with
// the reason in *error.
std::filesystem::path TrainedRegistry(std::string* error);

// A fresh copy of TrainedRegistry() under `dir`/models.
std::filesystem::path CopyTrainedRegistry(const std::filesystem::path& dir, std::string* error);

// Rewrites the manifest's sha256 of `file` so that a corrupted file passes the checksum, as a
// hand-edited or maliciously rewritten version would.
void RehashInManifest(const std::filesystem::path& version_dir, const std::string& file);

class ServeProcess {
 public:
  // Starts `vv serve --port 0 --registry <registry>` with admin token "sekret" and no alias
  // polling (unless reload_interval_ms > 0); its stderr goes to <dir>/serve.log.
  ServeProcess(const std::filesystem::path& registry, const std::filesystem::path& dir,
               int reload_interval_ms = 0);
  ~ServeProcess();
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  // The port once the server logs that it listens (0 when it exited or never did within 30 s).
  int port() const { return port_; }
  bool Alive();
  // SIGTERM, then the exit status (-1 when it did not exit normally).
  int Stop();
  std::string Log() const;

  HttpResult Post(const std::string& target, const std::string& body = "",
                  const Headers& headers = {}) const {
    return Fetch(port_, "POST", target, body, headers);
  }
  HttpResult Reload() const {
    return Post("/v1/admin/reload", "", {{"Authorization", "Bearer sekret"}});
  }
  // POST /v1/predict/<model> with bench/wrk/video.json.
  HttpResult Predict(const std::string& model) const;

 private:
  std::filesystem::path log_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace vv::serve::testing
