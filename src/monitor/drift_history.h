#pragma once
// Drift reports as the store keeps them (store/store.h DriftRecord, migration
// 0005_drift_history) and as GET /v1/drift/history and `vv drift --history` show them.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "monitor/drift_report.h"
#include "store/store.h"

namespace vv::monitor {

// source: "serve" | "cli". versions: the model version behind each prediction column's model
// ("viral" -> "v3"); a prediction column is named "<model>.<field>".
DriftRecord ToDriftRecord(const DriftReport& report, std::string source, Timestamp at,
                          const std::map<std::string, std::string>& versions = {});

// {"reports": [{"id", "computed_at", "source", "instance", "status", "window",
//               "columns": [{"kind", "name", "model", "version", "psi", ..., "status"}]}],
//  "count": N}
nlohmann::json DriftHistoryJson(const std::vector<DriftRecord>& reports);

}  // namespace vv::monitor
