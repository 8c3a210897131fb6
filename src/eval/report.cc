#include "eval/report.h"

#include <algorithm>
#include <cstdio>

namespace vv::eval {

using nlohmann::json;

namespace {

void Flatten(const json& value, const std::string& prefix,
             std::vector<std::pair<std::string, json>>& out) {
  if (value.is_object()) {
    for (const auto& [key, child] : value.items()) {
      Flatten(child, prefix.empty() ? key : prefix + "." + key, out);
    }
  } else if (value.is_number() || value.is_null() || value.is_boolean()) {
    if (!prefix.empty()) out.emplace_back(prefix, value);
  }
}

json BaselineMetrics(const json& b) {
  return b.is_object() && b.contains("metrics") && b["metrics"].is_object() ? b["metrics"] : b;
}

json::json_pointer DottedPointer(std::string dotted) {
  std::replace(dotted.begin(), dotted.end(), '.', '/');
  return json::json_pointer("/" + dotted);
}

struct Grid {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

Grid BuildGrid(const std::string& model, const json& entry) {
  Grid grid;
  grid.header = {"metric", model + " " + entry.value("version", std::string())};
  const json baselines = entry.value("baselines", json::object());
  std::vector<json> columns;
  for (const auto& [name, b] : baselines.items()) {
    grid.header.push_back(name);
    columns.push_back(BaselineMetrics(b));
  }
  for (const auto& [metric, value] : FlattenMetrics(entry.value("metrics", json::object()))) {
    std::vector<std::string> row = {metric, FormatValue(value)};
    for (const json& col : columns) {
      const json::json_pointer ptr = DottedPointer(metric);
      const json v = col.contains(ptr) ? col[ptr] : json("-");
      row.push_back(v.is_string() ? v.get<std::string>() : FormatValue(v));
    }
    grid.rows.push_back(std::move(row));
  }
  return grid;
}

}  // namespace

json EntryFromManifest(const json& manifest) {
  const json report = manifest.value("report", json::object());
  json entry = {{"version", manifest.value("version", "")},
                {"n", report.value("n", json())},
                {"metrics", report.value("metrics", json::object())},
                {"baselines", report.value("baselines", json::object())}};
  if (report.contains("split")) entry["split"] = report["split"];
  return entry;
}

std::vector<std::pair<std::string, json>> FlattenMetrics(const json& metrics) {
  std::vector<std::pair<std::string, json>> out;
  Flatten(metrics, "", out);
  return out;
}

std::string FormatValue(const json& value) {
  if (value.is_null()) return "n/a";
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number_integer()) return std::to_string(value.get<int64_t>());
  if (value.is_number()) {
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%.4g", value.get<double>());
    return buf;
  }
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string FormatTable(const std::string& model, const json& entry) {
  const Grid grid = BuildGrid(model, entry);
  std::vector<size_t> width(grid.header.size(), 0);
  for (size_t c = 0; c < grid.header.size(); ++c) width[c] = grid.header[c].size();
  for (const auto& row : grid.rows) {
    for (size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (size_t c = 0; c < cells.size(); ++c) {
      std::string cell = cells[c];
      cell.resize(width[c], ' ');
      out += (c == 0 ? "" : "  ") + cell;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = line(grid.header);
  for (const auto& row : grid.rows) out += line(row);
  return out;
}

std::string FormatMarkdownTable(const std::string& model, const json& entry) {
  const Grid grid = BuildGrid(model, entry);
  auto line = [](const std::vector<std::string>& cells) {
    std::string out = "|";
    for (const auto& c : cells) out += " " + c + " |";
    return out + "\n";
  };
  std::string out = line(grid.header);
  out += line(std::vector<std::string>(grid.header.size(), "---"));
  for (const auto& row : grid.rows) out += line(row);
  return out;
}

}  // namespace vv::eval
