#include "train/gates.h"

#include <cmath>
#include <optional>

namespace vv::train {

namespace {

using nlohmann::json;

std::optional<double> MetricOf(const json& report, const std::string& metric) {
  if (!report.is_object() || !report.contains("metrics")) return std::nullopt;
  const json& m = report["metrics"];
  if (!m.is_object() || !m.contains(metric) || !m[metric].is_number()) return std::nullopt;
  const double v = m[metric].get<double>();
  return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
}

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.4g", v);
  return buf;
}

}  // namespace

GateResult CheckGates(const std::string& model, const json& report, const json& champion_report,
                      const json& gates) {
  GateResult result;
  auto fail = [&](std::string why) {
    result.pass = false;
    result.failures.push_back(why);
    result.checks.push_back("FAIL " + why);
  };
  const json thresholds = gates.contains(model) ? gates[model] : json::object();
  const double tolerance = gates.value("tolerance", 0.0);
  const bool beat_baseline = gates.value("require_beat_baseline", false);
  for (const auto& [key, limit_json] : thresholds.items()) {
    const bool is_min = key.rfind("min_", 0) == 0;
    if (!is_min && key.rfind("max_", 0) != 0) continue;
    const std::string metric = key.substr(4);
    const double limit = limit_json.get<double>();
    const auto value = MetricOf(report, metric);
    if (!value) {
      fail(metric + " missing from the report (gate " + key + ")");
      continue;
    }
    const bool ok = is_min ? *value >= limit : *value <= limit;
    if (!ok) {
      fail(metric + " " + Num(*value) + (is_min ? " < " : " > ") + Num(limit) + " (" + key + ")");
    } else {
      result.checks.push_back("ok " + metric + " " + Num(*value) + (is_min ? " >= " : " <= ") +
                              Num(limit));
    }
    if (const auto champ = MetricOf(champion_report, metric)) {
      const double slack = tolerance * std::abs(*champ);
      const bool regressed = is_min ? *value < *champ - slack : *value > *champ + slack;
      if (regressed) {
        fail(metric + " " + Num(*value) + " regresses from the champion's " + Num(*champ) +
             " beyond tolerance " + Num(tolerance));
      }
    }
    if (beat_baseline && report.contains("baselines") && report["baselines"].is_object()) {
      for (const auto& [baseline, b_report] : report["baselines"].items()) {
        // Baselines are flat metric objects; {"metrics": {...}} is accepted too.
        const auto b = MetricOf(
            b_report.contains("metrics") ? b_report : json{{"metrics", b_report}}, metric);
        if (b && (is_min ? *value < *b : *value > *b)) {
          fail(metric + " " + Num(*value) + " is worse than baseline " + baseline + "'s " +
               Num(*b));
        }
      }
    }
  }
  return result;
}

}  // namespace vv::train
