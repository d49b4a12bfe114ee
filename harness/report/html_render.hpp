#pragma once
/// The HTML report: one self-contained page (inline CSS, SVG and JS; no external requests) with
/// the requirement matrix, per-API pass rates, expandable failures, filters, and a target ×
/// requirement matrix when the report holds several targets.
#include <string>

#include <nlohmann/json.hpp>

namespace conform {

/// The HTML page of a JSON report. Every string from the report is escaped.
std::string render_html(const nlohmann::json& report);

}  // namespace conform
