#include "serve/metric_specs.h"

#include "models/descriptor.h"

namespace vv::serve {

nlohmann::json MetricSpecsJson(std::string_view model) {
  nlohmann::json out = nlohmann::json::array();
  const ModelDescriptor* d = FindModelDescriptor(model);
  if (!d) return out;
  auto add = [&out](const MetricSpec& spec, bool judged) {
    nlohmann::json item = {{"name", spec.name},
                           {"direction", std::string(MetricGoalName(spec.goal))},
                           {"judged", judged}};
    if (spec.goal == MetricGoal::kNominal) {
      item["target"] = spec.nominal;
      item["acceptable"] = {spec.lo, spec.hi};
    }
    out.push_back(std::move(item));
  };
  for (const auto& spec : d->judged_on) add(spec, true);
  for (const auto& spec : d->also_reported) add(spec, false);
  return out;
}

}  // namespace vv::serve
