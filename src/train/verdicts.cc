#include "train/verdicts.h"

#include <cmath>
#include <sstream>

#include "eval/report.h"
#include "models/descriptor.h"
#include "train/score_store.h"

namespace vv::train {

namespace {

using nlohmann::json;

std::string Band(const MetricSpec& spec) {
  std::ostringstream out;
  out << spec.lo << "-" << spec.hi;
  return out.str();
}

std::string Judge(const MetricSpec& spec, double ours, const std::string& best, double best_value,
                  size_t n, size_t min_n) {
  if (n < min_n) return "no verdict (n < " + std::to_string(min_n) + ")";
  if (!std::isfinite(ours)) return "not measured";
  if (best.empty()) {
    if (spec.goal != MetricGoal::kNominal) return "no baseline";
    return (ours >= spec.lo && ours <= spec.hi ? "within " : "outside ") + Band(spec);
  }
  const int c = CompareMetric(spec, ours, best_value);
  return c > 0 ? "wins" : c == 0 ? "ties" : "loses to " + best;
}

}  // namespace

json Verdicts(const std::string& model, const json& entry, size_t min_n) {
  json rows = json::array();
  const ModelDescriptor* d = FindModelDescriptor(model);
  if (!d) return rows;
  const json metrics = entry.value("metrics", json::object());
  const json baselines = entry.value("baselines", json::object());
  const size_t n = entry.value("n", json(0)).is_number() ? entry["n"].get<size_t>() : 0;
  for (const auto& spec : d->judged_on) {
    const json ours_j = metrics.value(spec.name, json(nullptr));
    const double ours = ours_j.is_number() ? ours_j.get<double>() : NAN;
    std::string best;
    double best_value = NAN;
    for (const auto& [name, b] : baselines.items()) {
      if (name.rfind(kVariantPrefix, 0) == 0) continue;  // our own variant, not a baseline
      const json v = b.value(spec.name, json(nullptr));
      if (!v.is_number()) continue;
      if (best.empty() || CompareMetric(spec, v.get<double>(), best_value) > 0) {
        best = name, best_value = v.get<double>();
      }
    }
    rows.push_back({{"model", model},
                    {"metric", spec.name},
                    {"ours", ours_j},
                    {"baseline", best.empty() ? json(nullptr) : json(best)},
                    {"baseline_value", std::isfinite(best_value) ? json(best_value) : json(nullptr)},
                    {"n", n},
                    {"verdict", Judge(spec, ours, best, best_value, n, min_n)}});
  }
  return rows;
}

bool AllWin(const json& verdicts) {
  for (const auto& r : verdicts) {
    const std::string v = r.value("verdict", "");
    if (v != "wins" && v.rfind("within ", 0) != 0) return false;
  }
  return true;
}

std::string VerdictsMarkdown(const json& rows, const std::string& store) {
  std::ostringstream out;
  out << (store.empty() ? "" : "| store ") << "| model | metric | ours | best baseline | its value | n | verdict |\n"
      << (store.empty() ? "" : "|---") << "|---|---|---:|---|---:|---:|---|\n";
  for (const auto& r : rows) {
    if (!store.empty()) out << "| " << store << " ";
    out << "| " << r.value("model", "") << " | " << r.value("metric", "") << " | "
        << eval::FormatValue(r["ours"]) << " | "
        << (r["baseline"].is_string() ? r["baseline"].get<std::string>() : "-") << " | "
        << (r["baseline_value"].is_null() ? "-" : eval::FormatValue(r["baseline_value"])) << " | "
        << eval::FormatValue(r["n"]) << " | " << r.value("verdict", "") << " |\n";
  }
  return out.str();
}

}  // namespace vv::train
