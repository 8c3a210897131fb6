#pragma once
// Verdicts of a model against its baselines on one store: for each metric its descriptor judges
// it on (models/descriptor.h), our value, the best baseline's value on the same units, n, and
// one word. A verdict needs n >= min_n units: below that the row says so instead of guessing.
#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

namespace vv::train {

inline constexpr size_t kMinUnitsForVerdict = 200;

// Rows [{"model", "metric", "ours", "baseline", "baseline_value", "n", "verdict"}] for an
// evaluation entry {"n", "metrics", "baselines"}. verdict is one of "wins", "ties",
// "loses to <baseline>", "within L-H" / "outside L-H" (a nominal metric no baseline has),
// "no verdict (n < min_n)", "no baseline".
nlohmann::json Verdicts(const std::string& model, const nlohmann::json& entry,
                        size_t min_n = kMinUnitsForVerdict);

// True when every row of the verdicts is "wins" or "within ...".
bool AllWin(const nlohmann::json& verdicts);

// Markdown table of verdict rows, with a first column naming the store when `store` is set.
std::string VerdictsMarkdown(const nlohmann::json& rows, const std::string& store = "");

}  // namespace vv::train
