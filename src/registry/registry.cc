#include "registry/registry.h"

#include <algorithm>

#include "core/json_read.h"
#include "core/sha256.h"
#include "core/time_util.h"

namespace vv::registry {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

Status CheckName(const std::string& name) {
  const bool ok = !name.empty() && name.size() <= 64 &&
                  std::all_of(name.begin(), name.end(), [](char c) {
                    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
                  });
  if (!ok) return MakeError(ErrorCode::kInvalidArgument, "invalid model name '" + name + "'");
  return {};
}

int NextVersionNumber(const fs::path& model_dir) {
  int max_n = 0;
  std::error_code ec;
  for (fs::directory_iterator it(model_dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_directory()) continue;
    if (auto n = VersionNumber(it->path().filename().string())) max_n = std::max(max_n, *n);
  }
  return max_n + 1;
}

json BuildManifest(const std::string& name, const Model& model, const PublishInfo& info,
                   const json& files) {
  json schema = model.FeatureSchema();
  std::string schema_hash = schema.is_object() && schema.contains("hash")
                                ? schema["hash"].get<std::string>()
                                : Sha256Hex(schema.dump());
  return {{"format_version", kFormatVersion},
          {"name", name},
          {"created_at", FormatIso8601(Now())},
          {"training_config", info.training_config},
          {"training_config_hash", Sha256Hex(info.training_config.dump())},
          {"dataset_fingerprint", info.dataset_fingerprint},
          {"feature_schema", schema},
          {"feature_schema_hash", schema_hash},
          {"report", info.report},
          {"files", files}};
}

// Below this much free space a failed write is taken for a full disk (one write buffer).
constexpr uintmax_t kDiskFullBytes = 64 * 1024;
bool IsSha256Hex(const std::string& text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// The manifest's fields that code reads, by type, so that no reader meets another one. A listed
// file must be a plain name inside the version directory: a garbled manifest must not send the
// checksum to another directory, or to /dev/zero.
Status CheckManifest(const json& manifest, const std::string& file) {
  const JsonField root(manifest, file);
  if (!manifest.contains("format_version") || !AsInt64(manifest["format_version"])) {
    return root.Fail("manifest has no integer format_version");
  }
  for (const char* key : {"name", "version", "created_at", "dataset_fingerprint",
                          "feature_schema_hash", "training_config_hash"}) {
    if (root.Has(key)) VV_RETURN_IF_ERROR(root.String(key));
  }
  if (root.Has("report") && !manifest["report"].is_object()) {
    return root.Get("report")->Fail("must be an object");
  }
  if (!root.Has("files")) return {};
  VV_ASSIGN_OR_RETURN(JsonField files, root.Get("files"));
  if (!files.value().is_object()) return files.Fail("must be an object");
  for (const auto& [name, hash] : files.value().items()) {
    const bool plain = !name.empty() && name != "." && name != ".." &&
                       name.find_first_of(std::string("/\\\0", 3)) == std::string::npos;
    if (!plain) return files.Fail("\"" + name + "\" is not a file name");
    if (!hash.is_string() || !IsSha256Hex(hash.get<std::string>())) {
      return files.Fail(name + ": the sha256 must be 64 lowercase hex digits");
    }
  }
  return {};
}

}  // namespace

Result<std::string> Registry::Publish(const std::string& name, const Model& model,
                                      const PublishInfo& info) const {
  VV_RETURN_IF_ERROR(CheckName(name));
  std::error_code ec;
  fs::create_directories(ModelDir(name), ec);
  if (ec) return MakeError(ErrorCode::kUnavailable, ec.message(), ModelDir(name).string());
  const fs::path staging = ModelDir(name) / StagingDirName();
  fs::create_directories(staging, ec);
  if (ec) return MakeError(ErrorCode::kUnavailable, ec.message(), staging.string());
  auto fail = [&](Error e) {
    // Measured before the staging folder goes: its removal frees the space it filled.
    const fs::space_info space = fs::space(ModelDir(name), ec);
    if (!ec && e.code == ErrorCode::kUnavailable && space.available < kDiskFullBytes) {
      e.message += " (the disk holding the registry is full: " + std::to_string(space.available) +
                   " bytes free; nothing was published)";
    }
    fs::remove_all(staging, ec);
    return e;
  };
  auto saved = model.Save(staging);
  if (!saved.ok()) return fail(std::move(saved.take_error()).WithContext("saving " + name));
  json files = json::object();
  for (const auto& file : *saved) {
    auto hash = Sha256File(staging / file);
    if (!hash.ok()) return fail(hash.take_error());
    files[file] = *hash;
  }
  json manifest = BuildManifest(name, model, info, files);
  // Claim the next free version by renaming the staging directory; a concurrent writer that
  // took the same number makes the rename fail and we try the next one.
  for (int attempt = 0; attempt < 100; ++attempt) {
    const std::string version = "v" + std::to_string(NextVersionNumber(ModelDir(name)));
    manifest["version"] = version;
    auto st = WriteFileAtomic(staging / "manifest.json", manifest.dump(2) + "\n");
    if (!st.ok()) return fail(st.take_error());
    fs::rename(staging, ModelDir(name) / version, ec);
    if (!ec) return version;
  }
  return fail(MakeError(ErrorCode::kUnavailable, "cannot claim a version directory",
                        ModelDir(name).string()));
}

Result<std::vector<std::string>> Registry::Names() const {
  std::vector<std::string> names;
  std::error_code ec;
  if (!fs::exists(root_, ec)) return names;
  for (fs::directory_iterator it(root_, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_directory()) continue;
    const std::string name = it->path().filename().string();
    if (NextVersionNumber(it->path()) > 1) names.push_back(name);
  }
  if (ec) return MakeError(ErrorCode::kUnavailable, ec.message(), root_.string());
  // The canonical model order first, then any other kind alphabetically.
  const std::vector<std::string> order = ModelKinds();
  auto rank = [&](const std::string& n) {
    auto it = std::find(order.begin(), order.end(), n);
    return std::make_pair(it - order.begin(), n);
  };
  std::sort(names.begin(), names.end(),
            [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
  return names;
}

Result<json> Registry::ReadManifest(const std::string& name, const std::string& version) const {
  VV_RETURN_IF_ERROR(CheckName(name));
  if (!VersionNumber(version)) {
    return MakeError(ErrorCode::kInvalidArgument, "invalid version '" + version + "'");
  }
  const fs::path path = ModelDir(name) / version / "manifest.json";
  if (!fs::exists(path)) {
    return MakeError(ErrorCode::kNotFound, "no version " + version + " of model " + name,
                     path.string());
  }
  VV_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path));
  auto manifest = ParseJsonFile(text, path.string());
  if (!manifest.ok() || !manifest->is_object()) {
    return MakeError(ErrorCode::kDataLoss, "manifest is not valid JSON (corrupt or truncated)",
                     path.string());
  }
  VV_RETURN_IF_ERROR(CheckManifest(*manifest, path.string()));
  const int64_t format = (*manifest)["format_version"].get<int64_t>();
  if (format > kFormatVersion) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "manifest format_version " + std::to_string(format) +
                         " is newer than this program reads (" + std::to_string(kFormatVersion) +
                         "); upgrade vv to load this model",
                     path.string());
  }
  return std::move(*manifest);
}

Result<std::vector<VersionInfo>> Registry::Versions(const std::string& name) const {
  VV_RETURN_IF_ERROR(CheckName(name));
  std::vector<std::pair<int, std::string>> found;
  std::error_code ec;
  for (fs::directory_iterator it(ModelDir(name), ec), end; !ec && it != end; it.increment(ec)) {
    const std::string v = it->path().filename().string();
    if (it->is_directory()) {
      if (auto n = VersionNumber(v)) found.emplace_back(*n, v);
    }
  }
  std::sort(found.begin(), found.end());
  VV_ASSIGN_OR_RETURN(json aliases, Aliases(name));
  std::vector<VersionInfo> out;
  for (const auto& [n, version] : found) {
    VersionInfo info{name, version, "", {}, json::object()};
    auto manifest = ReadManifest(name, version);
    if (manifest.ok()) {
      info.manifest = *manifest;
      info.created_at = manifest->value("created_at", "");
    } else {
      info.manifest = {{"error", manifest.error().ToString()}};
    }
    for (const char* alias : {"champion", "challenger"}) {
      if (aliases.value(alias, "") == version) info.aliases.push_back(alias);  // strings (Aliases)
    }
    out.push_back(std::move(info));
  }
  return out;
}

}  // namespace vv::registry
