// Issue 14: a corrupt model artifact never takes `vv serve` down. Real artifacts (trained by
// `vv train` on generated data) are corrupted on disk, sometimes with their manifest checksum
// rewritten to match; the server must stay up, answer with every other model, and report the
// broken one, at start-up and on POST /v1/admin/reload.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "serve/model_set.h"
#include "serve/model_source.h"
#include "serve_process.h"

namespace vv::serve::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void WriteFile(const fs::path& path, const std::string& bytes) {
  // In place (same inode), as a careless copy or a failing disk would leave it.
  std::fstream out(path, std::ios::binary | std::ios::in | std::ios::out | std::ios::trunc);
  out << bytes;
}

class ArtifactCorruption : public ::testing::Test {
 protected:
  void SetUp() override {
    if (VvBinary().empty()) GTEST_SKIP() << "VV_BIN not built";
    dir_ = fs::temp_directory_path() /
           ("vv_corrupt_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::string error;
    registry_ = CopyTrainedRegistry(dir_, &error);
    ASSERT_FALSE(registry_.empty()) << error;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  fs::path Version(const std::string& model) const { return registry_ / model / "v1"; }

  // The model answers 200 with a version.
  static void ExpectServes(const ServeProcess& serve, const std::string& model) {
    auto r = serve.Predict(model);
    EXPECT_EQ(r.status, 200) << model << ": " << r.body;
    EXPECT_EQ(r.Json().value("version", ""), "v1") << model << ": " << r.body;
  }
  // The startup log line "models loaded" (valid JSON, as every log line must be).
  static json LoadedLine(const ServeProcess& serve) {
    std::istringstream lines(serve.Log());
    for (std::string line; std::getline(lines, line);) {
      json j = json::parse(line, nullptr, false);
      if (j.is_object() && j.value("msg", "") == "models loaded") return j;
    }
    return nullptr;
  }

  fs::path dir_, registry_;
};

TEST_F(ArtifactCorruption, TruncatedFastTextModelWithMatchingChecksumFailsAlone) {
  const std::string bin = ReadFile(Version("genre") / "genre.bin");
  WriteFile(Version("genre") / "genre.bin", bin.substr(0, bin.size() / 2));
  RehashInManifest(Version("genre"), "genre.bin");
  ServeProcess serve(registry_, dir_);
  ASSERT_NE(serve.port(), 0) << serve.Log();  // it was a SIGSEGV here
  json loaded = LoadedLine(serve);
  ASSERT_TRUE(loaded.is_object()) << serve.Log();
  const std::string error = loaded["models"]["genre"].value("error", "");
  EXPECT_NE(error.find("genre.bin"), std::string::npos) << error;
  EXPECT_NE(error.find("fastText model"), std::string::npos) << error;
  EXPECT_EQ(serve.Predict("genre").status, 503);
  ExpectServes(serve, "velocity");
  ExpectServes(serve, "anomaly");
  // And again on reload: an answer naming the model (the file only in the server log: error
  // bodies never show server paths), not a crash.
  auto r = serve.Reload();
  EXPECT_EQ(r.status, 500) << r.body;
  EXPECT_NE(r.body.find("genre"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("genre.bin"), std::string::npos) << r.body;
  EXPECT_NE(serve.Log().find("genre.bin"), std::string::npos) << serve.Log();
  EXPECT_TRUE(serve.Alive());
  ExpectServes(serve, "velocity");
  EXPECT_EQ(serve.Stop(), 0);
}

TEST_F(ArtifactCorruption, VelocityJsonWithFlippedBytesFailsAlone) {
  std::string meta = ReadFile(Version("velocity") / "velocity.json");
  const size_t at = meta.find("\"hash\"");
  ASSERT_NE(at, std::string::npos);
  meta[at + 12] = static_cast<char>(0xA6);  // inside the hash string: invalid UTF-8
  meta[at + 13] = static_cast<char>(0xC0);
  WriteFile(Version("velocity") / "velocity.json", meta);
  RehashInManifest(Version("velocity"), "velocity.json");
  ServeProcess serve(registry_, dir_);
  ASSERT_NE(serve.port(), 0) << serve.Log();  // it exited 1 (json type_error 316) here
  json loaded = LoadedLine(serve);
  ASSERT_TRUE(loaded.is_object()) << serve.Log();
  EXPECT_NE(loaded["models"]["velocity"].value("error", "").find("velocity.json"),
            std::string::npos) << loaded.dump();
  EXPECT_EQ(serve.Predict("velocity").status, 503);
  ExpectServes(serve, "genre");
  ExpectServes(serve, "anomaly");
  auto r = serve.Reload();
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.Json()["error"]["code"], "data_loss") << r.body;
  EXPECT_EQ(serve.Stop(), 0);
}

TEST_F(ArtifactCorruption, ReloadNoticesAChampionChangedInPlace) {
  ServeProcess serve(registry_, dir_);
  ASSERT_NE(serve.port(), 0) << serve.Log();
  ExpectServes(serve, "genre");
  const std::string bin = ReadFile(Version("genre") / "genre.bin");
  // Truncated in place, manifest untouched: the version is the same, its content is not.
  WriteFile(Version("genre") / "genre.bin", bin.substr(0, bin.size() - 100));
  auto r = serve.Reload();
  EXPECT_EQ(r.status, 500) << r.body;  // was 200 "unchanged" until the next restart
  EXPECT_NE(serve.Log().find("sha256 mismatch"), std::string::npos) << serve.Log();
  ExpectServes(serve, "genre");  // the version in memory keeps serving
  // The checksum rewritten to match: the load itself must refuse it.
  RehashInManifest(Version("genre"), "genre.bin");
  r = serve.Reload();
  EXPECT_EQ(r.status, 500) << r.body;
  EXPECT_NE(serve.Log().find("fastText model: "), std::string::npos) << serve.Log();
  ExpectServes(serve, "genre");
  // Put back as loaded: nothing to do. A valid rewrite in place (the same model, serialised
  // anew) is verified and loaded.
  WriteFile(Version("genre") / "genre.bin", bin);
  RehashInManifest(Version("genre"), "genre.bin");
  const json anomaly = json::parse(ReadFile(Version("anomaly") / "anomaly.json"));
  WriteFile(Version("anomaly") / "anomaly.json", anomaly.dump(1));
  RehashInManifest(Version("anomaly"), "anomaly.json");
  r = serve.Reload();
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["models"]["anomaly"]["changed_in_place"], true) << r.body;
  EXPECT_EQ(r.Json()["models"]["genre"]["changed"], false) << r.body;
  EXPECT_EQ(r.Json()["models"]["velocity"]["changed"], false) << r.body;
  ExpectServes(serve, "anomaly");
  ExpectServes(serve, "genre");
  EXPECT_EQ(serve.Stop(), 0);
}

TEST_F(ArtifactCorruption, GarbledManifestAndTruncatedAliasesFailAlone) {
  const std::string manifest = ReadFile(Version("genre") / "manifest.json");
  WriteFile(Version("genre") / "manifest.json", manifest.substr(0, manifest.size() / 3) + "\x01}");
  const std::string aliases = ReadFile(registry_ / "anomaly" / "aliases.json");
  WriteFile(registry_ / "anomaly" / "aliases.json", aliases.substr(0, aliases.size() / 2));
  ServeProcess serve(registry_, dir_);
  ASSERT_NE(serve.port(), 0) << serve.Log();
  json loaded = LoadedLine(serve);
  ASSERT_TRUE(loaded.is_object()) << serve.Log();
  EXPECT_NE(loaded["models"]["genre"].value("error", "").find("manifest"), std::string::npos)
      << loaded.dump();
  EXPECT_NE(loaded["models"]["anomaly"].value("error", "").find("aliases.json"),
            std::string::npos) << loaded.dump();
  ExpectServes(serve, "velocity");
  EXPECT_EQ(serve.Predict("genre").status, 503);
  EXPECT_EQ(serve.Predict("anomaly").status, 503);
  auto r = serve.Reload();
  EXPECT_EQ(r.status, 500);
  EXPECT_TRUE(serve.Alive());
  ExpectServes(serve, "velocity");
  // Mended, genre loads; an alias of the wrong type is as corrupt as a truncated one, not "no
  // champion".
  WriteFile(Version("genre") / "manifest.json", manifest);
  std::ofstream(registry_ / "anomaly" / "aliases.json", std::ios::trunc) << R"({"champion": 5})";
  r = serve.Reload();
  EXPECT_NE(serve.Log().find("aliases.json:$.champion"), std::string::npos) << serve.Log();
  ExpectServes(serve, "genre");
  EXPECT_EQ(serve.Stop(), 0);
}

// The polling watch hashes only files whose stat changed; a file rewritten in place has a new
// ctime, so it is hashed again and the change is noticed.
TEST_F(ArtifactCorruption, PollingReloadNoticesAnInPlaceChange) {
  ModelSet models({"velocity", "genre", "anomaly"}, MakeRegistrySource(registry_));
  auto first = models.Reload();
  ASSERT_TRUE(first.ok() && first->failed.empty()) << first->models.dump();
  auto quiet = models.Reload(ContentCheck::kHashChanged);
  ASSERT_TRUE(quiet.ok());
  EXPECT_FALSE(quiet->changed);
  EXPECT_TRUE(quiet->failed.empty()) << quiet->models.dump();
  std::string xgb = ReadFile(Version("velocity") / "xgb.json");
  const size_t digit = xgb.find_first_of("123456789", xgb.find("split_conditions"));
  xgb[digit] = xgb[digit] == '9' ? '8' : '9';  // same size, still valid JSON
  WriteFile(Version("velocity") / "xgb.json", xgb);
  auto polled = models.Reload(ContentCheck::kHashChanged);
  ASSERT_TRUE(polled.ok());
  EXPECT_EQ(polled->failed, std::vector<std::string>{"velocity"}) << polled->models.dump();
  ASSERT_NE(models.Current()->Find("velocity"), nullptr);  // the old one keeps serving
  EXPECT_EQ(models.Current()->Find("velocity")->version, "v1");
}

}  // namespace
}  // namespace vv::serve::testing
