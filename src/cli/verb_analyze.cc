// `vv analyze URL|ID`: a YouTube video or channel by its URL, fetched through the collector,
// stored, tracked and (a video) predicted by the six champions: what POST /v1/analyze does,
// on the command line (src/collect/analyze.h, src/serve/analyze_service.h).
#include <cstdio>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/serving.h"
#include "cli/verb.h"
#include "serve/analyze_service.h"
#include "store/store.h"

namespace vv::cli {
namespace {

using nlohmann::json;

constexpr const char* kFooter = R"(
Accepts every YouTube URL form (watch?v=, youtu.be/, /shorts/, /live/, /embed/, m., music.,
  with any parameters), a bare 11-character video id, and channel URLs (/channel/UC...,
  /@handle, /c/name, /user/name).
A video: fetched with its channel (2 quota units) unless snapshotted within --max-age, stored
  in one transaction, tracked from then on (a snapshot every hour for the first 48 h after
  publication, then daily until 30 days: `vv collect videos` or `vv collect run` takes them,
  and so does `vv serve`), and predicted by the six champions of --registry.
A channel: resolved (a handle through channels?forHandle=), stored with its newest uploads
  and tracked for `vv collect channels` (3 units).
API key: YOUTUBE_API_KEY, or --key-file. --api-base points at another server speaking the
  Data API v3 (a fake one for tests and demos).
Exit status: 0 ok; 1 failed (store, API unreachable); 2 usage or not a YouTube URL; 3 no such
  video (private, deleted) or channel; 4 no API key or the key was rejected; 75 quota used up
  (try again after the quota day resets, midnight Pacific).)";

int ExitCodeFor(const Error& error) {
  switch (error.code) {
    case ErrorCode::kInvalidArgument: return 2;
    case ErrorCode::kNotFound: return 3;
    case ErrorCode::kFailedPrecondition: return 4;
    case ErrorCode::kResourceExhausted: return 75;
    default: return 1;
  }
}

std::string Num(const json& v) {
  if (v.is_number_integer()) {
    std::string digits = std::to_string(v.get<int64_t>());
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0 && digits[0] != '-') out += ',';
      out += digits[i];
    }
    return out;
  }
  if (v.is_number()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g", v.get<double>());
    return buf;
  }
  return v.is_null() ? "-" : v.dump();
}

std::string Pct(const json& v) {
  if (!v.is_number()) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f %%", v.get<double>() * 100);
  return buf;
}

// One line per model: its headline.
std::string Headline(const std::string& name, const json& p) {
  if (name == "velocity") {
    std::string out;
    for (const auto& h : p.value("horizons", json::array())) {
      int hours = h.value("hours", 0);
      out += (out.empty() ? "" : ", ") + (hours % 24 == 0 ? std::to_string(hours / 24) + " d" : std::to_string(hours) + " h") +
             " " + Num(h.value("views", json())) + " (" + Num(h.value("lo", json())) + "-" + Num(h.value("hi", json())) + ")";
    }
    return "views " + out;
  }
  if (name == "viral") return "probability " + Pct(p.value("probability", json()));
  if (name == "clickbait") return "score " + Pct(p.value("score", json())) + (p.value("label", false) ? " (clickbait)" : "");
  if (name == "genre") {
    std::string out;
    for (const auto& g : p.value("top", json::array())) {
      if (!out.empty()) out += ", ";
      out += g.value("name", std::string("?")) + " " + Pct(g.value("probability", json()));
    }
    return out;
  }
  if (name == "tags") {
    std::string out;
    for (const auto& t : p.value("tags", json::array())) out += (out.empty() ? "" : ", ") + t.value("tag", std::string());
    return out.empty() ? "(none)" : out;
  }
  if (name == "anomaly") {
    return "score " + Num(p.value("score", json())) + (p.value("flag", false) ? " (suspicious)" : " (normal)");
  }
  return p.dump();
}

void PrintVideo(const json& a) {
  const json& v = a["video"];
  std::printf("%s\n  %s\n", v.value("title", std::string()).c_str(), a.value("url", std::string()).c_str());
  if (a["channel"].is_object()) {
    std::printf("  channel: %s (%s subscribers)\n", a["channel"].value("title", std::string()).c_str(),
                Num(a["channel"]["subscribers"]).c_str());
  }
  std::printf("  published %s; %zu snapshot(s), latest %s views at %s\n",
              v["published_at"].is_string() ? v["published_at"].get<std::string>().c_str() : "-",
              a["snapshots"].size(), a["snapshots"].empty() ? "-" : Num(a["snapshots"].back()["views"]).c_str(),
              a["snapshot_at"].is_string() ? a["snapshot_at"].get<std::string>().c_str() : "-");
  std::printf("  %s\n", a.value("fetched", false)
                            ? ("fetched from YouTube (" + std::to_string(a.value("quota_units", 0)) + " quota units)").c_str()
                            : "fresh in the store: not fetched again (--max-age)");
  const json& t = a["tracking"];
  if (t.is_object()) {
    std::printf("  tracking: %s\n", t.value("active", false)
                                        ? ("next snapshot " + t.value("next_snapshot", std::string("-")) + "; " + t.value("schedule", std::string())).c_str()
                                        : ("ended: " + t.value("ended", std::string())).c_str());
  }
  if (!a.value("note", std::string()).empty()) std::printf("  note: %s\n", a["note"].get<std::string>().c_str());
  std::printf("predictions:\n");
  for (const auto& [name, answer] : a["predictions"].items()) {
    if (answer.is_null()) {
      std::printf("  %-9s not loaded (no champion in the registry)\n", name.c_str());
    } else if (answer.contains("error")) {
      std::printf("  %-9s %s\n", name.c_str(), answer["error"].value("message", std::string()).c_str());
    } else {
      std::printf("  %-9s %s  [%s]\n", name.c_str(), Headline(name, answer["prediction"]).c_str(),
                  answer.value("version", std::string()).c_str());
    }
  }
}

void PrintChannel(const json& a) {
  const json& c = a["channel"];
  std::printf("%s\n  %s\n  %s subscribers, %s videos, %s views\n", c.value("title", std::string()).c_str(),
              a["links"].value("youtube", std::string()).c_str(), Num(c["subscribers"]).c_str(),
              Num(c["videos"]).c_str(), Num(c["views"]).c_str());
  std::printf("  fetched from YouTube (%d quota units); tracked by vv collect channels\n", a.value("quota_units", 0));
  std::printf("recent videos:\n");
  for (const auto& v : a["recent_videos"]) {
    std::printf("  %s  %12s views  %s\n", v.value("id", std::string()).c_str(), Num(v["views"]).c_str(),
                v.value("title", std::string()).c_str());
  }
  std::printf("(vv analyze VIDEO_ID predicts one of them)\n");
}

int RunAnalyze(std::vector<std::string> args) {
  CLI::App app{"Analyze a YouTube video or channel by its URL or id: fetch, store, track, predict.", args[0]};
  app.footer(kFooter);
  std::string url, db, registry = "models";
  bool as_json = false;
  AnalyzeFlags flags;
  app.add_option("url", url, "a YouTube video or channel URL, or a video id")->required();
  app.add_option("--db", db, "store URL (default: VV_DB, else sqlite:var/vv.db)");
  app.add_option("--registry", registry, "model registry directory (default models, or VV_REGISTRY)")
      ->envname("VV_REGISTRY");
  app.add_flag("--json", as_json, "print the answer of POST /v1/analyze");
  AddAnalyzeFlags(&app, flags, "--max-age");
  std::vector<std::string> reversed(args.rbegin(), args.rend() - 1);
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    return ExitCodeForParseError(app.exit(e));
  }
  auto fail = [](const Error& e) {
    std::fprintf(stderr, "vv analyze: %s\n", e.ToString().c_str());
    return ExitCodeFor(e);
  };
  auto config = BuildAnalyzeConfig(flags, "--max-age");
  if (!config.ok()) return fail(config.error());
  auto ref = ParseYouTubeRef(url, "url");
  if (!ref.ok()) return fail(ref.error());

  std::string db_url = ResolveStoreUrl(db);
  auto store = OpenStore(db_url);
  if (!store.ok()) {
    std::fprintf(stderr, "vv analyze: %s\n", store.error().ToString().c_str());
    return 1;
  }
  auto fetcher = MakeCurlFetcher(AnalyzeHttpOptions(flags));
  Analyzer analyzer(**store, *fetcher, *config);
  auto result = analyzer.Analyze(*ref);
  if (!result.ok()) {
    if (!analyzer.last_error_detail().empty()) {
      std::fprintf(stderr, "vv analyze: detail: %s\n", analyzer.last_error_detail().c_str());
    }
    return fail(result.error());
  }
  // The champions as `vv serve` loads them (a channel needs none).
  serve::ModelSnapshot none;
  std::shared_ptr<serve::ModelSet> models;
  std::shared_ptr<const serve::ModelSnapshot> loaded;
  if (ref->is_video()) {
    models = MakeServingModels(registry, db_url);
    auto report = models->Reload();
    if (!report.ok()) {
      std::fprintf(stderr, "vv analyze: loading the models failed: %s\n", report.error().ToString().c_str());
    }
    loaded = models->Current();
  }
  auto answer = serve::AnalyzeAnswer(**store, loaded ? *loaded : none, *result, config->max_age);
  if (!answer.ok()) {
    std::fprintf(stderr, "vv analyze: %s\n", answer.error().ToString().c_str());
    return 1;
  }
  if (as_json) {
    std::printf("%s\n", answer->dump(2, ' ', false, json::error_handler_t::replace).c_str());
  } else if (ref->is_video()) {
    PrintVideo(*answer);
  } else {
    PrintChannel(*answer);
  }
  return 0;
}

const bool kRegistered = RegisterVerb(
    {"analyze", "analyze a YouTube video or channel by its URL: fetch, store, track, predict", RunAnalyze});

}  // namespace
}  // namespace vv::cli
