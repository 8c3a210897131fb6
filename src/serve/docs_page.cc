// GET /docs: the OpenAPI document rendered as one self-contained HTML page.
#include "serve/openapi.h"

namespace vv::serve {

namespace {

using nlohmann::json;

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

void RenderOperation(const std::string& path, const std::string& method, const json& op,
                     std::string* out) {
  std::string& o = *out;
  std::string upper = method;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  o += "<section id=\"" + Escape(op.value("operationId", "")) + "\"><h3><span class=\"m " +
       method + "\">" + upper + "</span> <code>" + Escape(path) + "</code></h3>";
  o += "<p>" + Escape(op.value("summary", "")) + "</p>";
  if (op.contains("security")) o += "<p class=\"admin\">Needs Authorization: Bearer token.</p>";
  if (op.contains("parameters")) {
    o += "<table><tr><th>parameter</th><th>in</th><th>type</th><th>notes</th></tr>";
    for (const auto& p : op["parameters"]) {
      std::string notes = p.value("description", "");
      if (p["schema"].contains("enum")) notes += " one of " + p["schema"]["enum"].dump();
      o += "<tr><td><code>" + Escape(p.value("name", "")) + "</code></td><td>" +
           Escape(p.value("in", "")) + "</td><td>" + Escape(p["schema"].value("type", "")) +
           "</td><td>" + Escape(notes) + "</td></tr>";
    }
    o += "</table>";
  }
  if (op.contains("requestBody")) {
    std::string ref = op["requestBody"]["content"]["application/json"]["schema"].value("$ref", "");
    std::string name = ref.substr(ref.rfind('/') + 1);
    o += "<p>Body: <a href=\"#schema-" + Escape(name) + "\">" + Escape(name) + "</a></p>";
  }
  o += "<ul>";
  for (const auto& [status, response] : op["responses"].items()) {
    o += "<li><b>" + Escape(status) + "</b> " + Escape(response.value("description", "")) + "</li>";
  }
  o += "</ul></section>\n";
}

}  // namespace

std::string RenderDocsHtml(const json& openapi) {
  std::string o;
  o.reserve(64 << 10);
  const json& info = openapi["info"];
  // The viewport tag and the scrolling tables: the page fits a 390 px phone (issue 12).
  o += "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
       "content=\"width=device-width, initial-scale=1\"><title>" +
       Escape(info.value("title", "API")) + "</title><style>"
       "body{font:15px/1.5 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;"
       "color:#222}code,pre{font:13px ui-monospace,monospace}pre{background:#f6f6f6;padding:.8em;"
       "overflow:auto}section{border-top:1px solid #ddd;padding:.4em 0}table{border-collapse:"
       "collapse;display:block;overflow-x:auto;max-width:100%}h3 code,p code{overflow-wrap:anywhere}td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left}.m{padding:.1em "
       ".4em;border-radius:3px;color:#fff;font-size:.8em}.get{background:#2a7}.post{background:"
       "#27c}.admin{color:#a40}</style></head><body>";
  o += "<h1>" + Escape(info.value("title", "")) + " <small>" + Escape(info.value("version", "")) +
       "</small></h1><p>" + Escape(info.value("description", "")) +
       "</p><p><a href=\"/\">Back to the web app</a>. Machine-readable: <a href=\"/openapi.json\">/openapi.json</a> (OpenAPI " +
       Escape(openapi.value("openapi", "")) + ").</p><h2>Routes</h2>\n";
  for (const auto& [path, methods] : openapi["paths"].items()) {
    for (const auto& [method, op] : methods.items()) RenderOperation(path, method, op, &o);
  }
  o += "<h2>Schemas</h2>\n";
  for (const auto& [name, schema] : openapi["components"]["schemas"].items()) {
    o += "<section id=\"schema-" + Escape(name) + "\"><h3>" + Escape(name) + "</h3><pre>" +
         Escape(schema.dump(2)) + "</pre></section>\n";
  }
  o += "</body></html>\n";
  return o;
}

}  // namespace vv::serve
