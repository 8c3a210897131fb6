#include "train/pipeline.h"

#include <sys/resource.h>

#include <chrono>
#include <iomanip>

#include "core/text_util.h"
#include "train/dataset.h"
#include "train/foreign_eval.h"
#include "train/gates.h"
#include "train/split.h"

namespace vv::train {

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

long PeakRssMb() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;  // Linux reports KiB
}

std::string Secs(double s) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(2) << s << " s";
  return out.str();
}

// The current champion's held-out report, or null when there is no (readable) champion.
json ChampionReport(const registry::Registry& registry, const std::string& name) {
  auto champion = registry.Champion(name);
  if (!champion.ok() || !champion->has_value()) return nullptr;
  auto manifest = registry.ReadManifest(name, **champion);
  if (!manifest.ok()) return nullptr;
  return manifest->value("report", json());
}

// The model and its baselines (fitted on the training data) on the gate store, or the reason it
// could not be scored there ({"error": ...}).
json ScoreOffDomain(const std::string& name, const TrainedModel& trained, const Dataset& data,
                    const TrainRequest& request) {
  // Not owned: the trained model outlives this call.
  std::shared_ptr<const Model> model(trained.model.get(), [](const Model*) {});
  auto scored = EvaluateOnStore(name, model, request.config.Section(name), *request.gate_data,
                                &data, ForeignOptions{});
  if (!scored.ok()) return {{"error", scored.error().message}};
  return *scored;
}

// Every verdict on the gate store that says the model loses becomes a gate failure.
void ApplyOffDomainGate(const json& scored, GateResult& gates) {
  if (scored.contains("error")) {
    gates.checks.push_back("off-domain: not scored (" + scored["error"].get<std::string>() + ")");
    return;
  }
  for (const auto& row : scored["verdicts"]) {
    const std::string verdict = row.value("verdict", "");
    const std::string check = "off-domain " + row.value("metric", "") + " (n " +
                              row["n"].dump() + "): " + verdict;
    const bool loses = verdict.rfind("loses", 0) == 0 || verdict.rfind("outside", 0) == 0;
    gates.checks.push_back((loses ? "FAIL " : "ok ") + check);
    if (loses) gates.failures.push_back(check), gates.pass = false;
  }
}

void PublishAndGate(const std::string& name, TrainedModel& trained, const Dataset& data,
                    const TrainRequest& request, const registry::Registry& registry,
                    ModelOutcome& outcome, std::ostream& progress) {
  registry::PublishInfo info;
  info.training_config = request.config.Section(name);
  info.training_config["config_hash"] = request.config.Hash();
  info.dataset_fingerprint = DatasetFingerprint(data);
  if (request.gate_data) outcome.report["gate_store"] = ScoreOffDomain(name, trained, data, request);
  info.report = outcome.report;
  const json champion_report = ChampionReport(registry, name);
  auto version = registry.Publish(name, *trained.model, info);
  if (!version.ok()) {
    outcome.error = version.error().ToString();
    return;
  }
  outcome.version = *version;
  if (!request.apply_gates) return;
  GateResult gates = CheckGates(name, outcome.report, champion_report, request.config.root["gates"]);
  if (request.gate_data) ApplyOffDomainGate(outcome.report["gate_store"], gates);
  for (const auto& check : gates.checks) progress << "  " << name << " gate: " << check << "\n";
  outcome.gate_failures = gates.failures;
  Status st = gates.pass ? registry.Promote(name, *version) : registry.SetChallenger(name, *version);
  if (!st.ok()) {
    outcome.error = st.error().ToString();
    return;
  }
  outcome.promoted = gates.pass;
}

}  // namespace

Result<std::vector<std::string>> ResolveModelList(const std::string& flag) {
  const std::vector<std::string> known = ModelKinds();
  if (flag.empty() || flag == "all") {
    if (known.empty()) {
      return MakeError(ErrorCode::kFailedPrecondition, "no model kinds are built into this program");
    }
    return known;
  }
  std::vector<std::string> out;
  for (std::string name : SplitString(flag, ',')) {
    name = Trim(name);
    if (name.empty()) continue;
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "unknown model '" + name + "' (known: " + Join(known, ", ") + ")",
                       "--models");
    }
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  if (out.empty()) return MakeError(ErrorCode::kInvalidArgument, "no model named", "--models");
  return out;
}

bool TrainSummary::AllOk() const {
  return std::all_of(models.begin(), models.end(),
                     [](const ModelOutcome& m) { return m.error.empty(); });
}

json TrainSummary::ToJson() const {
  json out = json::array();
  for (const auto& m : models) {
    json row = {{"name", m.name},       {"trained", m.trained},   {"version", m.version},
                {"promoted", m.promoted}, {"seconds", m.seconds}, {"gate_failures", m.gate_failures}};
    if (!m.error.empty()) row["error"] = m.error;
    if (m.trained) row["report"] = m.report;
    out.push_back(row);
  }
  return out;
}

TrainSummary RunTraining(const Dataset& data, const TrainRequest& request,
                         const registry::Registry& registry, std::ostream& progress) {
  TrainSummary summary;
  const auto t_split = Clock::now();
  const SplitOptions options = SplitOptionsFromConfig(request.config);
  const SplitResult grouped = MakeSplit(data, options);
  const SplitResult timed = MakeTimeOrderedSplit(data, options);
  const bool velocity_by_time = request.config.root["split"]["velocity_time_ordered"].get<bool>();
  progress << "split: " << grouped.method << " over " << grouped.groups << " groups, "
           << grouped.split.train.size() << "/" << grouped.split.validation.size() << "/"
           << grouped.split.test.size() << " videos (train/validation/test) in "
           << Secs(SecondsSince(t_split)) << "\n";
  const size_t total = request.models.size();
  for (size_t i = 0; i < total; ++i) {
    const std::string& name = request.models[i];
    ModelOutcome outcome;
    outcome.name = name;
    const auto t0 = Clock::now();
    progress << "[" << i + 1 << "/" << total << "] " << name << ": training..." << std::endl;
    const SplitResult& split = name == "velocity" && velocity_by_time ? timed : grouped;
    auto trainer = MakeTrainer(name);
    Result<TrainedModel> trained =
        trainer.ok() ? (*trainer)->Train(data, split.split, request.config.Section(name))
                     : Result<TrainedModel>(trainer.take_error());
    outcome.seconds = SecondsSince(t0);
    if (!trained.ok()) {
      outcome.error = trained.error().ToString();
      progress << "[" << i + 1 << "/" << total << "] " << name << ": FAILED after "
               << Secs(outcome.seconds) << ": " << outcome.error << std::endl;
      summary.models.push_back(std::move(outcome));
      continue;
    }
    outcome.trained = true;
    outcome.report = trained->report;
    outcome.report["split"] = split.Describe(options.seed);
    outcome.report["train_seconds"] = outcome.seconds;
    PublishAndGate(name, *trained, data, request, registry, outcome, progress);
    progress << "[" << i + 1 << "/" << total << "] " << name << ": trained in "
             << Secs(outcome.seconds) << " (peak RSS " << PeakRssMb() << " MB)";
    if (!outcome.error.empty()) {
      progress << "; FAILED to publish: " << outcome.error;
    } else {
      progress << "; " << outcome.version << " written; "
               << (outcome.promoted ? "gates passed, now champion"
                   : request.apply_gates ? "gates failed, kept as challenger (" +
                                               Join(outcome.gate_failures, "; ") + ")"
                                         : "not promoted (gates off)");
    }
    progress << std::endl;
    summary.models.push_back(std::move(outcome));
  }
  return summary;
}

}  // namespace vv::train
